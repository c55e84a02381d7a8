import type { SecretBox } from './secret-box.ts';

/** The state store's key/value space (StateStore.getValues / putValues), all this module needs of it. */
export interface KeyValueSpace {
  getValues(namespace: string, keys: readonly string[]): Promise<ReadonlyMap<string, string>>;
  putValues(namespace: string, entries: ReadonlyArray<readonly [key: string, value: string]>, now: number): Promise<void>;
}

/**
 * Secrets the gateway keeps, sealed in the state store's key/value space: what is written is
 * ciphertext (also in every backup of the store), what is read is opened, and a value sealed
 * with the previous key is resealed with the current one on the way.
 */
export class SealedValues {
  private readonly space: KeyValueSpace;
  private readonly box: SecretBox;
  private readonly namespace: string;

  constructor(space: KeyValueSpace, box: SecretBox, namespace = 'secrets') {
    this.space = space;
    this.box = box;
    this.namespace = namespace;
  }

  async get(key: string, now: number): Promise<string | null> {
    const sealed = (await this.space.getValues(this.namespace, [key])).get(key);
    if (sealed === undefined) return null;
    const opened = this.box.open(sealed, this.context(key));
    if (opened.stale) await this.put(key, opened.plaintext, now);
    return opened.plaintext;
  }

  async put(key: string, plaintext: string, now: number): Promise<void> {
    await this.space.putValues(this.namespace, [[key, this.box.seal(plaintext, this.context(key))]], now);
  }

  private context(key: string): string {
    return `${this.namespace}/${key}`;
  }
}
