/** Roles as configured (`viewer`, `inventory:write`, `admin`). */
export const CallerRole = { VIEWER: 'viewer', INVENTORY_WRITE: 'inventory:write', ADMIN: 'admin' } as const;
export type CallerRole = (typeof CallerRole)[keyof typeof CallerRole];

/** Who is calling, as authentication established it. */
export interface Caller {
  /** API key id, JWT subject, or "anonymous-developer". */
  readonly id: string;
  readonly kind: 'api-key' | 'jwt' | 'anonymous';
  readonly roles: ReadonlySet<CallerRole>;
  /** Vendor ids this caller may see; null = every vendor. */
  readonly vendorScope: ReadonlySet<string> | null;
}

/**
 * The documented development caller: in development and demo mode an anonymous request acts
 * with every role on every vendor, so GraphiQL works out of the box. Production refuses it.
 */
export const DEVELOPMENT_CALLER: Caller = Object.freeze({
  id: 'anonymous-developer',
  kind: 'anonymous',
  roles: new Set<CallerRole>([CallerRole.VIEWER, CallerRole.INVENTORY_WRITE, CallerRole.ADMIN]),
  vendorScope: null,
});

export function callerMaySeeVendor(caller: Caller, vendorId: string): boolean {
  return caller.vendorScope === null || caller.vendorScope.has(vendorId);
}
