/** Roles as configured (`viewer`, `inventory:write`, `admin`). */
export const CallerRole = { VIEWER: 'viewer', INVENTORY_WRITE: 'inventory:write', ADMIN: 'admin' } as const;
export type CallerRole = (typeof CallerRole)[keyof typeof CallerRole];

export const ALL_ROLES: readonly CallerRole[] = Object.values(CallerRole);

export function isCallerRole(value: unknown): value is CallerRole {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}

/** Who is calling, as authentication established it. */
export interface Caller {
  /** API key id, JWT subject, or "anonymous-developer". */
  readonly id: string;
  readonly kind: 'api-key' | 'jwt' | 'anonymous';
  /** Effective roles (granted roles plus the roles they imply, see `effectiveRoles`). */
  readonly roles: ReadonlySet<CallerRole>;
  /** Vendor ids this caller may see; null = every vendor. */
  readonly vendorScope: ReadonlySet<string> | null;
}

/**
 * Roles are ordered: `admin` implies `inventory:write`, which implies `viewer`. A key configured
 * with `roles: [admin]` can therefore read and write stock too.
 */
const IMPLIED: Record<CallerRole, readonly CallerRole[]> = {
  [CallerRole.VIEWER]: [],
  [CallerRole.INVENTORY_WRITE]: [CallerRole.VIEWER],
  [CallerRole.ADMIN]: [CallerRole.INVENTORY_WRITE, CallerRole.VIEWER],
};

export function effectiveRoles(granted: Iterable<CallerRole>): ReadonlySet<CallerRole> {
  const roles = new Set<CallerRole>();
  for (const role of granted) {
    roles.add(role);
    for (const implied of IMPLIED[role]) roles.add(implied);
  }
  return roles;
}

/**
 * The documented development caller: in development and demo mode an anonymous request acts
 * with every role on every vendor, so GraphiQL works out of the box. Production refuses it.
 */
export const DEVELOPMENT_CALLER: Caller = Object.freeze({
  id: 'anonymous-developer',
  kind: 'anonymous',
  roles: effectiveRoles([CallerRole.ADMIN]),
  vendorScope: null,
});
