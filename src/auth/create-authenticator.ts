import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import pino from 'pino';
import type { GatewayConfig } from '../config/config-schema.ts';
import { Environment } from '../config/config-schema.ts';
import { createApiKeyVerifier } from './api-key-verifier.ts';
import { unauthenticated } from './auth-errors.ts';
import type { Authenticator } from './authenticator.ts';
import { DEVELOPMENT_CALLER, type Caller } from '../model/caller.ts';
import { createJwtVerifier, looksLikeJwt } from './jwt-verifier.ts';

/** A credential as presented, before verification. */
type Presented = { readonly kind: 'none' } | { readonly kind: 'api-key'; readonly value: string } | { readonly kind: 'bearer'; readonly value: string };

/**
 * Builds the authenticator from config. Callers send `x-api-key: <key>` or
 * `Authorization: Bearer <key or JWT>`; a bearer value shaped like a JWT is verified as one,
 * anything else as an API key. Without credentials: the development caller in development and
 * demo mode, UNAUTHENTICATED (401) in production. Bad credentials are never downgraded to
 * anonymous, in any environment.
 */
export function createAuthenticator(config: GatewayConfig, logger: Logger = pino({ level: 'silent' })): Authenticator {
  const allowAnonymous = config.demo || config.environment === Environment.DEVELOPMENT;
  const verifyApiKey = createApiKeyVerifier(config.auth.apiKeys);
  const jwt = config.auth.jwt;
  const verifyJwt = jwt ? createJwtVerifier(jwt, logger) : null;
  if (jwt && (!jwt.issuer || !jwt.audience)) {
    logger.warn({ issuer: jwt.issuer ?? null, audience: jwt.audience ?? null }, 'auth.jwt without issuer and audience: tokens minted for other services would be accepted');
  }

  const apiKeyCaller = (value: string): Caller => {
    const caller = verifyApiKey(value);
    if (!caller) throw unauthenticated('unknown API key');
    return caller;
  };

  return {
    async authenticate(headers) {
      const presented = presentedCredential(headers);
      switch (presented.kind) {
        case 'none':
          if (allowAnonymous) return DEVELOPMENT_CALLER;
          throw unauthenticated('credentials required: send x-api-key or Authorization: Bearer');
        case 'api-key':
          return apiKeyCaller(presented.value);
        case 'bearer':
          if (!looksLikeJwt(presented.value)) return apiKeyCaller(presented.value);
          if (!verifyJwt) throw unauthenticated('JWTs are not accepted by this gateway');
          return verifyJwt(presented.value);
      }
    },
  };
}

function presentedCredential(headers: IncomingHttpHeaders): Presented {
  const apiKey = headers['x-api-key'];
  const authorization = headers.authorization;
  if (apiKey !== undefined && authorization !== undefined) throw unauthenticated('send one credential, not both x-api-key and Authorization');
  if (apiKey !== undefined) {
    if (typeof apiKey !== 'string' || apiKey.trim() === '') throw unauthenticated('malformed x-api-key header');
    return { kind: 'api-key', value: apiKey.trim() };
  }
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) throw unauthenticated('Authorization must be "Bearer <key or token>"');
    return { kind: 'bearer', value: match[1] };
  }
  return { kind: 'none' };
}
