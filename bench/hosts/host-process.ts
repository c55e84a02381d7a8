import { fork, type ChildProcess } from 'node:child_process';

/**
 * A bench host is a child Node process that answers requests over IPC:
 * the parent sends `{ id, method, params }`, the child answers `{ id, result }` or `{ id, error }`.
 * Separate processes keep the gateway's CPU and memory measurable on their own and keep the
 * load generator's event loop from delaying the simulators' answers.
 */
export interface HostRequest {
  readonly id: number;
  readonly method: string;
  readonly params?: unknown;
}

export interface HostReply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: string;
}

export class HostProcess {
  readonly child: ChildProcess;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  /** Settles when the child has started what it hosts (it sends reply id 0) or exits first. */
  readonly ready: Promise<void>;

  private constructor(child: ChildProcess) {
    this.child = child;
    this.ready = new Promise<void>((resolve, reject) => {
      this.pending.set(0, { resolve: () => resolve(), reject });
    });
    child.on('message', (message: HostReply) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
    child.on('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`bench host exited (${String(code)})`));
      this.pending.clear();
    });
  }

  /**
   * Forks `modulePath`: compiled JavaScript (`npm run bench` runs dist/) with plain Node, a `.ts`
   * file under tsx (tests). `execArgv` adds Node flags (e.g. `--cpu-prof`).
   */
  static start(modulePath: string, options: { execArgv?: readonly string[]; env?: NodeJS.ProcessEnv } = {}): HostProcess {
    const loader = modulePath.endsWith('.ts') ? ['--import', 'tsx'] : [];
    const child = fork(modulePath, [], {
      execArgv: [...loader, ...(options.execArgv ?? [])],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new HostProcess(child);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('bench host has no pid');
    return this.child.pid;
  }

  call<T>(method: string, params?: unknown): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, method, params } satisfies HostRequest);
    });
  }

  /** Asks the host to close what it started, then waits for the process to end. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.call('stop').catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** The child side: dispatches each request to a handler and answers over IPC. */
export function serveHost(handlers: Readonly<Record<string, (params: unknown) => unknown>>): void {
  process.send?.({ id: 0, result: 'ready' } satisfies HostReply);
  process.on('message', (request: HostRequest) => {
    void (async () => {
      const handler = handlers[request.method];
      try {
        if (!handler) throw new Error(`unknown bench host method "${request.method}"`);
        const result = await handler(request.params);
        process.send?.({ id: request.id, result: result ?? null } satisfies HostReply);
      } catch (error) {
        process.send?.({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies HostReply);
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
}
