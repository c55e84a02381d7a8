/**
 * `npm run bench:limits`: how long the limits take for each documented operation — what the
 * limits plugin does between validation and execution (fragment map, variable coercion, the
 * measuring walk with the cost model, the comparison with `limits`). Parsing is not included:
 * Apollo parses once and caches the document, and the token limit is the parser's own counter.
 * The budget is 1 ms per operation at the median; the run fails (exit 1) past it. The p99 is
 * printed beside it with the load average: on a shared two-core machine the tail is the scheduler
 * taking the core away mid-run, not the walk.
 */
import { loadavg } from 'node:os';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { limitsConfigSchema } from '../src/config/config-schema.ts';
import { evaluateOperation } from '../src/limits/evaluate-operation.ts';
import { buildExecutableSchema } from '../src/server/executable-schema.ts';
import { DOCUMENTED_OPERATIONS } from '../test/fixtures/limits/documented-operations.ts';

const WARMUP = 2_000;
const RUNS = 20_000;
const BUDGET_MS = 1;

const schema = buildExecutableSchema();
const limits = limitsConfigSchema.parse({});
const scope = { vendorCount: 4 };

interface Row {
  readonly name: string;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly cost: number;
}

const rows: Row[] = DOCUMENTED_OPERATIONS.map((documented) => {
  const document = parse(documented.query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error(`${documented.name}: no operation`);
  const input = { schema, document, operation, variables: documented.variables, scope };
  for (let run = 0; run < WARMUP; run += 1) evaluateOperation(input, limits);
  const samples = new Float64Array(RUNS);
  let cost = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const started = process.hrtime.bigint();
    const result = evaluateOperation(input, limits);
    samples[run] = Number(process.hrtime.bigint() - started) / 1000;
    cost = result.measured.cost;
    if (result.over) throw new Error(`${documented.name} is over limits.${result.over.limit}`);
  }
  samples.sort();
  const mean = samples.reduce((sum, sample) => sum + sample, 0) / RUNS;
  return { name: documented.name, meanUs: mean, p50Us: samples[Math.floor(RUNS / 2)] ?? 0, p99Us: samples[Math.floor(RUNS * 0.99)] ?? 0, cost };
});

const fmt = (us: number) => us.toFixed(1);
console.log(`limits evaluation per operation (${String(RUNS)} runs after ${String(WARMUP)} warm-up, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1) ?? '?'})\n`);
console.log('| operation | cost | median µs | mean µs | p99 µs |');
console.log('|---|---:|---:|---:|---:|');
for (const row of rows) console.log(`| ${row.name} | ${String(row.cost)} | ${fmt(row.p50Us)} | ${fmt(row.meanUs)} | ${fmt(row.p99Us)} |`);
const over = rows.filter((row) => row.p50Us / 1000 >= BUDGET_MS);
console.log(over.length === 0 ? `\nall under ${String(BUDGET_MS)} ms at the median` : `\nOVER ${String(BUDGET_MS)} ms at the median: ${over.map((row) => row.name).join(', ')}`);
process.exitCode = over.length === 0 ? 0 : 1;
