import { hashApiKey } from '../auth/api-key-hash.ts';

/**
 * `stockgraph hash-key [key]`: prints the `sha256:<hex>` to put in `auth.apiKeys[].keyHash`, as
 * `npm run auth:hash-key` does. With no argument the key is read from stdin (out of shell history).
 */
export async function runHashKeyCommand(key: string | undefined, stdin: AsyncIterable<unknown>): Promise<number> {
  let value = key;
  if (value === undefined) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    value = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  if (!value) {
    process.stderr.write('stockgraph hash-key: give the key as an argument or pipe it on stdin\n');
    return 2;
  }
  process.stdout.write(`${hashApiKey(value)}\n`);
  return 0;
}
