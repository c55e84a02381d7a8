import type { VisibilityContext } from '../auth/vendor-visibility.ts';
import type { UpstreamCallContext } from '../vendors/vendor-source.ts';

/**
 * What sync jobs need from a request: who asks (vendor visibility) and, for the deprecated
 * `syncInventory` that waits, its deadline. A RequestContext satisfies it; src/sync never imports
 * the request context (which sits above the services), so the folders keep one direction.
 */
export type SyncCallerContext = VisibilityContext & Pick<UpstreamCallContext, 'signal' | 'deadline'>;
