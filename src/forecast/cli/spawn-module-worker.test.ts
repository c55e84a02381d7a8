import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runInWorker } from './spawn-module-worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'stockgraph-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a module for the worker to run. */
function writeModule(name: string, source: string): URL {
  const path = join(dir, name);
  writeFileSync(path, source);
  return pathToFileURL(path);
}

describe('starting a worker thread on a module', () => {
  it('runs compiled JavaScript as it is (production runs dist/ with plain Node)', async () => {
    // import.meta.url shows how it was loaded: through tsx's API it carries tsx's namespace query.
    const url = writeModule('double.mjs', "import { parentPort, workerData } from 'node:worker_threads';\nparentPort.postMessage([workerData * 2, import.meta.url]);\n");
    await expect(runInWorker<[number, string]>(url, 21)).resolves.toEqual([42, url.href]);
  });

  it('runs a TypeScript module through tsx (worker threads do not inherit the loader on Node 20)', async () => {
    const url = writeModule('double.ts', "import { parentPort, workerData } from 'node:worker_threads';\nconst twice = (n: number): number => n * 2;\nparentPort?.postMessage(twice(workerData as number));\n");
    await expect(runInWorker<number>(url, 4)).resolves.toBe(8);
  });

  it('rejects when the module fails instead of waiting for a message', async () => {
    const url = writeModule('broken.mjs', "throw new Error('no forecast today');\n");
    await expect(runInWorker<number>(url, 1)).rejects.toThrow(/no forecast today/);
  });
});
