import type { FastifyReply, FastifyRequest } from 'fastify';
import { CallerRole } from '../model/caller.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import { Environment } from '../config/config-schema.ts';

/**
 * Who may read /metrics, /status and the details of /ready on the public listener. In
 * development: anyone. In production: nobody when an internal listener serves them
 * (`http.internalPort`), otherwise callers with the ADMIN role.
 */
export interface OperationalAccess {
  /** True when the request may see operational details; false for a plain outsider. */
  mayRead(request: FastifyRequest): Promise<boolean>;
  /** Answers 404 (internal listener elsewhere) or 401/403 to a request that may not read. */
  refuse(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
}

export function operationalAccess(options: { environment: Environment; internalListener: boolean; authenticator: Authenticator }): OperationalAccess {
  const open = options.environment !== Environment.PRODUCTION;
  const callerIsAdmin = async (request: FastifyRequest) => {
    try {
      const caller = await options.authenticator.authenticate(request.headers);
      return caller.roles.has(CallerRole.ADMIN);
    } catch {
      return false;
    }
  };
  return {
    async mayRead(request) {
      if (open) return true;
      if (options.internalListener) return false;
      return callerIsAdmin(request);
    },
    async refuse(request, reply) {
      if (options.internalListener) return reply.code(404).send({ error: 'not found' });
      const hasCredential = request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined;
      return reply.code(hasCredential ? 403 : 401).send({ error: 'operational endpoints need an admin credential' });
    },
  };
}
