import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running a TypeScript module. On Node 20 worker threads do not
 * inherit tsx's loader, so the worker is a one-line script that imports the module
 * through tsx's API; the module then sees workerData and parentPort as usual.
 */
export function spawnTsWorker(moduleUrl: URL, workerData: unknown): Worker {
  const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(moduleUrl.href)}, ${JSON.stringify(moduleUrl.href)}))`;
  return new Worker(boot, { eval: true, workerData });
}

/** Runs one task in a fresh worker and resolves with the first message it posts. */
export function runInWorker<T>(moduleUrl: URL, workerData: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = spawnTsWorker(moduleUrl, workerData);
    worker.once('message', (message: T) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker exited with code ${code}`));
    });
  });
}
