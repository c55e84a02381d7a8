import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { PROJECT_ROOT, type CliResult } from './run-cli.ts';

export interface StockgraphRun {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves once stdout has printed a line containing `text`. */
  waitForStdout(text: string): Promise<void>;
  readonly done: Promise<CliResult>;
}

/**
 * Starts the `stockgraph` command (bin/stockgraph.js, as `npx stockgraph` runs it) as a separate
 * process with piped stdio (so stdout is not a terminal), with only PATH and HOME from this
 * environment plus `env`. `stdin`, when given, is written and closed.
 */
export function startStockgraphCli(args: readonly string[], env: Record<string, string | undefined> = {}, options: { stdin?: string; timeoutMs?: number } = {}): StockgraphRun {
  const child = spawn(process.execPath, ['bin/stockgraph.js', ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of waiters.filter((w) => stdout.includes(w.text))) waiter.resolve();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (options.stdin !== undefined) child.stdin.end(options.stdin);
  else child.stdin.end();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const done = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`stockgraph ${args.join(' ')} did not exit within ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr: signal ? `${stderr}(killed by ${signal})` : stderr });
    });
  });
  return {
    child,
    done,
    waitForStdout: (text) => (stdout.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve }))),
  };
}

/** Runs the `stockgraph` command to its exit. */
export function runStockgraphCli(args: readonly string[], env: Record<string, string | undefined> = {}, options: { stdin?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return startStockgraphCli(args, env, options).done;
}
