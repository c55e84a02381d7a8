import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running a module: compiled JavaScript (dist/, as production runs it)
 * directly, TypeScript through tsx. On Node 20 worker threads do not inherit tsx's loader, so
 * for a `.ts` module the worker is a one-line script that imports it through tsx's API; either
 * way the module sees workerData and parentPort as usual.
 */
export function spawnModuleWorker(moduleUrl: URL, workerData: unknown): Worker {
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, { workerData });
  const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(moduleUrl.href)}, ${JSON.stringify(moduleUrl.href)}))`;
  return new Worker(boot, { eval: true, workerData });
}

/** Runs one task in a fresh worker and resolves with the first message it posts. */
export function runInWorker<T>(moduleUrl: URL, workerData: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = spawnModuleWorker(moduleUrl, workerData);
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
