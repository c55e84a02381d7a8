import { assertNever } from '../../model/platform.ts';
import type { CustomAuth } from '../../config/vendors/custom/custom-auth-config.ts';

/** Headers that carry the credentials (none for query auth). */
export function authHeaders(auth: CustomAuth): Record<string, string> {
  switch (auth.type) {
    case 'none':
    case 'query':
      return {};
    case 'bearer':
      return { authorization: `Bearer ${auth.token}` };
    case 'header':
      return { [auth.name.toLowerCase()]: auth.value };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}` };
    default:
      return assertNever(auth, 'auth type');
  }
}

/** The query parameter that carries the credential, for `query` auth; stripped from anything we echo (link cursors). */
export function authQueryParam(auth: CustomAuth): { readonly param: string; readonly value: string } | null {
  return auth.type === 'query' ? { param: auth.param, value: auth.value } : null;
}
