import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { unauthenticated } from './auth-errors.ts';
import { effectiveRoles, isCallerRole, type Caller } from '../model/caller.ts';

export interface JwtSettings {
  /** HS256 shared secret; or */
  readonly secret?: string;
  /** a JWKS endpoint (keys cached by jose, refetched on an unknown `kid`). */
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly rolesClaim: string;
  readonly vendorsClaim: string;
}

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Looks like a compact JWS: three base64url segments. Anything else presented as a bearer is an API key. */
export function looksLikeJwt(value: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value);
}

/**
 * Verifies a JWT (signature, exp/nbf, issuer and audience when configured) and turns its claims
 * into a Caller: `sub` is the id, roles and vendor scope come from the configured claims. Every
 * failure is UNAUTHENTICATED with a short reason (expired / invalid), never the token.
 */
export function createJwtVerifier(settings: JwtSettings, logger: Logger): (token: string) => Promise<Caller> {
  const key: Uint8Array | JWTVerifyGetKey = settings.secret
    ? new TextEncoder().encode(settings.secret)
    : createRemoteJWKSet(new URL(settings.jwksUrl ?? ''), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  const verifyOptions = {
    algorithms: settings.secret ? ['HS256'] : ASYMMETRIC,
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
    clockTolerance: 5,
  };
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } =
        key instanceof Uint8Array ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions));
    } catch (error) {
      throw unauthenticated(reasonFor(error, logger));
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw unauthenticated('token has no subject');
    const roles = payload[settings.rolesClaim];
    const vendors = payload[settings.vendorsClaim];
    return Object.freeze<Caller>({
      id: payload.sub,
      kind: 'jwt',
      roles: effectiveRoles(Array.isArray(roles) ? roles.filter(isCallerRole) : []),
      vendorScope: Array.isArray(vendors) ? new Set(vendors.filter((v): v is string => typeof v === 'string')) : null,
    });
  };
}

function reasonFor(error: unknown, logger: Logger): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
    // The key set could not be fetched: our problem, not the caller's; log it (without the token).
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'JWT keys could not be fetched');
    return 'token could not be verified';
  }
  return 'invalid token';
}
