import { randomBytes } from 'node:crypto';

/** Admin bearer tokens live 4 hours (gs-authentication-token.md; "Admin Token Lifetime", default 4 h). */
export const ADMIN_TOKEN_LIFETIME_MS = 4 * 60 * 60 * 1000;

/**
 * Tokens the simulated store accepts: one long-lived integration token (valid until revoked)
 * and admin tokens issued by POST /V1/integration/admin/token that expire on the injected clock.
 */
export class MagentoTokenStore {
  readonly integrationToken = randomToken();
  readonly adminUsername = 'sandbox-admin';
  readonly adminPassword = `Sandbox-${randomBytes(6).toString('hex')}1`;
  private readonly adminTokens = new Map<string, number>();
  private readonly clock: () => number;
  private readonly revoked = new Set<string>();

  constructor(clock: () => number) {
    this.clock = clock;
  }

  /** Returns a new admin token, or null when the credentials are wrong. */
  issueAdminToken(username: unknown, password: unknown): string | null {
    if (username !== this.adminUsername || password !== this.adminPassword) return null;
    const token = randomToken();
    this.adminTokens.set(token, this.clock() + ADMIN_TOKEN_LIFETIME_MS);
    return token;
  }

  isValid(authorization: string | undefined): boolean {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token || this.revoked.has(token)) return false;
    if (token === this.integrationToken) return true;
    const expiresAt = this.adminTokens.get(token);
    return expiresAt !== undefined && this.clock() < expiresAt;
  }

  /** Revokes every admin token (what an admin does from System > Permissions > Locked Users / a password change). */
  revokeAdminTokens(): void {
    for (const token of this.adminTokens.keys()) this.revoked.add(token);
  }

  get issuedAdminTokens(): number {
    return this.adminTokens.size;
  }
}

function randomToken(): string {
  return randomBytes(16).toString('hex');
}
