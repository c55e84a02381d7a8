import { hashApiKey } from '../api-key-hash.ts';

/**
 * `npm run auth:hash-key -- <key>`: prints the `sha256:<hex>` to put in `auth.apiKeys[].keyHash`.
 * With no argument the key is read from stdin, which keeps it out of shell history.
 */
async function main(): Promise<void> {
  let key = process.argv[2];
  if (key === undefined) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    key = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  if (!key) {
    process.stderr.write('usage: npm run auth:hash-key -- <key>   (or pipe the key on stdin)\n');
    process.exit(2);
  }
  process.stdout.write(`${hashApiKey(key)}\n`);
}

void main();
