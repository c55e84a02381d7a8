import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../../src/observability/gateway-metrics.ts';

const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';
const RULES_DIR = 'ops/prometheus';

function promtool(args: string[]): string {
  if (!existsSync(PROMTOOL)) {
    throw new Error(`promtool not found at ${PROMTOOL}: install it with "apt-get install prometheus" (.ci/run does) or set PROMTOOL_PATH`);
  }
  return execFileSync(PROMTOOL, args, { cwd: RULES_DIR, encoding: 'utf8' });
}

describe('Prometheus alert rules', () => {
  it('pass promtool check rules', () => {
    expect(promtool(['check', 'rules', 'stockgraph-alerts.yml'])).toContain('SUCCESS: 4 rules found');
  });

  it('pass their unit tests (error rate, latency, open circuit, flag changes)', () => {
    expect(promtool(['test', 'rules', 'stockgraph-alerts.test.yml'])).toContain('SUCCESS');
  });

  it('and the Grafana dashboard only use metric names the gateway exports', async () => {
    const exported = new Set((await new GatewayMetrics({ processMetrics: false }).registry.getMetricsAsJSON()).map((metric) => metric.name));
    const texts = [readFileSync(`${RULES_DIR}/stockgraph-alerts.yml`, 'utf8'), readFileSync('ops/grafana/stockgraph-dashboard.json', 'utf8')];
    const used = new Set(texts.flatMap((text) => text.match(/stockgraph_[a-z_]+/g) ?? []));
    for (const name of used) {
      const base = name.replace(/_(sum|count|bucket)$/, '');
      if (base.startsWith('stockgraph_process_') || base.startsWith('stockgraph_nodejs_')) continue;
      expect(exported, `${name} is not exported by GatewayMetrics`).toContain(base);
    }
  });
});
