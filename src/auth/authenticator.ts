import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '../model/caller.ts';

/** Turns a request's credentials into a Caller, or throws UNAUTHENTICATED. Built once at start-up. */
export interface Authenticator {
  authenticate(headers: IncomingHttpHeaders): Promise<Caller>;
}
