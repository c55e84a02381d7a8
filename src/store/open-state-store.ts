import type { GatewayConfig } from '../config/config-schema.ts';
import { SqliteStateStore } from './sqlite-state-store.ts';
import type { StateStore } from './state-store.ts';

/** The store could not be opened: start-up stops with this message. */
export class StateStoreOpenError extends Error {
  constructor(path: string, cause: unknown) {
    super(`store.sqlitePath: cannot open the state store at "${path}": ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StateStoreOpenError';
  }
}

/** Opens the configured store (creating its directory and schema), or throws StateStoreOpenError. */
export function openStateStore(config: GatewayConfig): StateStore {
  const path = config.store.sqlitePath;
  try {
    return new SqliteStateStore(path);
  } catch (error) {
    throw new StateStoreOpenError(path, error);
  }
}
