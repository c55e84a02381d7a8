import type { McpOverheadResult } from './mcp-overhead.ts';
import type { HopFloorResult } from './hop-floor.ts';
import type { BenchOptions } from './bench-options.ts';
import type { LoadResult } from './load-run.ts';
import type { MachineInfo } from './machine-info.ts';
import type { UpstreamFloor } from './upstream-floor.ts';
import type { UpstreamPerOperation } from './upstream-counts.ts';

/** gateway; naive (bench/naive); apollo (bench/baseline, the headline scenario only). */
export const SERVER_KINDS = ['gateway', 'apollo', 'naive'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

/** One server under one scenario. */
export interface ServerRun {
  /** Requests sent one at a time: exact upstream counts per operation, latency without queueing. */
  readonly lowLoad: {
    readonly result: LoadResult;
    readonly upstream: UpstreamPerOperation;
    /** Mean ms per operation during which at least one vendor was answering this server's requests. */
    readonly upstreamBusyMsPerOp: number;
    /** Server CPU time (user + system) per operation, ms. */
    readonly cpuMsPerOp: number;
  };
  /**
   * The upstream requests one operation of this server made, sent straight to the vendors in the
   * same stages (gateway only, reads only): one at a time and at the load's concurrency.
   */
  readonly replay?: { readonly description: string; readonly requests: number; readonly lowLoad: LoadResult; readonly load: LoadResult };
  /** The fixed-concurrency load. */
  readonly load: {
    readonly result: LoadResult;
    readonly upstream: UpstreamPerOperation;
    /** CPU time of the server process over the run, in % of one core. */
    readonly cpuPercent: number;
    /** Highest RSS sampled during the run, MiB. */
    readonly peakRssMiB: number;
  };
  /** The first error a single checked request answered, if any (the load still ran). */
  readonly checkError: string | null;
}

export interface ScenarioResult {
  readonly name: string;
  readonly title: string;
  readonly skipped: string | null;
  readonly floor: UpstreamFloor;
  /** floor.depth × mean simulated latency, ms. */
  readonly boundMs: number;
  readonly servers: Partial<Record<ServerKind, ServerRun>>;
}

export interface DirectResult {
  readonly description: string;
  readonly result: LoadResult;
}

export interface BenchResults {
  readonly startedAt: string;
  readonly machine: MachineInfo;
  readonly options: BenchOptions;
  readonly vendors: ReadonlyArray<{ readonly id: string; readonly platform: string }>;
  readonly simulatedLatency: { readonly meanMs: number; readonly minMs: number; readonly maxMs: number };
  readonly scenarios: readonly ScenarioResult[];
  readonly direct: DirectResult | null;
  /** get_stock through MCP vs the same GraphQL operation (null when not selected). */
  readonly mcp?: McpOverheadResult | null;
  /** Lifetime peak RSS of each server process (resourceUsage().maxRSS), MiB. */
  readonly serverPeakRssMiB: Partial<Record<ServerKind, number>>;
  /** `{ __typename }` one at a time on raw node:http, apollo and the gateway (with the headline; null without it). */
  readonly hopFloor?: HopFloorResult | null;
  readonly wallSeconds: number;
}
