import { badUserInput } from '../errors/gateway-error.ts';

/** Opaque cursors over a list paged by an increasing sequence number (the audit log, sync jobs). */
export interface SequenceCursor {
  encode(sequence: number): string;
  /** The sequence a cursor stands for; BAD_USER_INPUT on `after` when it is not one of this list's. */
  decode(cursor: string): number;
}

/** `prefix` tells the lists apart (a sync-job cursor is refused by the audit log); `listName` is for the message. */
export function sequenceCursor(prefix: string, listName: string): SequenceCursor {
  return {
    encode: (sequence) => Buffer.from(`${prefix}${sequence}`, 'utf8').toString('base64url'),
    decode: (cursor) => {
      const text = Buffer.from(cursor, 'base64url').toString('utf8');
      const sequence = Number(text.slice(prefix.length));
      if (!text.startsWith(prefix) || !Number.isSafeInteger(sequence) || sequence < 1) {
        throw badUserInput(`"after" is not a cursor of ${listName}: ${JSON.stringify(cursor)}`, 'after');
      }
      return sequence;
    },
  };
}
