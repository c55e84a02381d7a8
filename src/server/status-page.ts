import type { FastifyInstance } from 'fastify';
import { ALL_FLAGS } from '../flags/flag-names.ts';
import { DEVELOPMENT_CALLER } from '../model/caller.ts';
import type { VendorHealthSnapshot } from '../resilience/vendor-health-snapshot.ts';
import type { GatewayServices } from '../context/gateway-services.ts';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const ms = (value: number | null): string => (value === null ? '—' : `${Math.round(value)} ms`);

function vendorRow(id: string, name: string, platform: string, health: VendorHealthSnapshot): string {
  return `<tr class="vendor status-${health.status.toLowerCase()}" data-vendor="${escapeHtml(id)}">
  <td><strong>${escapeHtml(name)}</strong><br><small>${escapeHtml(id)} · ${escapeHtml(platform)}</small></td>
  <td><span class="badge">${health.status}</span></td>
  <td>${health.circuit}</td>
  <td>${ms(health.latencyP95Ms)}</td>
  <td>${percent(health.errorRate)}</td>
  <td>${percent(health.rateLimitRemaining)}</td>
  <td>${health.windowCalls}</td>
  <td>${health.lastError ? `${escapeHtml(health.lastError)}<br><small>${escapeHtml(health.lastErrorAt ?? '')}</small>` : '—'}</td>
</tr>`;
}

/**
 * GET /status: a server-rendered page for people (no scripts, no CDN), refreshing itself every
 * few seconds: each vendor's health, circuit, p95 latency, error rate, rate budget and last error,
 * and the flags in force by default (for the development caller; per-caller values differ).
 */
export function renderStatusPage(services: GatewayServices, refreshSeconds = 5): string {
  const rows = services.registry.all
    .map((vendor) => vendorRow(vendor.info.id, vendor.info.name, vendor.info.platform, services.health.snapshot(vendor.info.id)))
    .join('\n');
  const flagStatus = services.flags.status();
  const evaluator = services.flags.forCaller(DEVELOPMENT_CALLER);
  const flags = ALL_FLAGS.map((flag) => `<li class="flag ${evaluator.isOn(flag) ? 'on' : 'off'}"><code>${flag}</code> ${evaluator.isOn(flag) ? 'on' : 'off'}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stockgraph status</title>
<meta http-equiv="refresh" content="${refreshSeconds}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1d2433;background:#f6f7f9}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:.5rem .75rem;border-bottom:1px solid #e3e6eb;text-align:left;vertical-align:top}
th{background:#eef0f4}.badge{padding:.15rem .5rem;border-radius:.75rem;font-weight:600;color:#fff;background:#8a94a6}
.status-up .badge{background:#1f9d55}.status-degraded .badge{background:#d69e2e}.status-down .badge{background:#cc1f1a}
ul.flags{columns:3;list-style:none;padding:0}.flag.on code{color:#1f9d55}.flag.off code{color:#8a94a6}small{color:#5b6475}
</style></head>
<body>
<h1>stockgraph status</h1>
<p>Environment <strong>${escapeHtml(services.config.environment)}</strong>${services.config.demo ? ' (demo mode)' : ''} · generated ${new Date().toISOString()} · refreshes every ${refreshSeconds}s</p>
<h2>Vendors</h2>
<table><thead><tr><th>Vendor</th><th>Status</th><th>Circuit</th><th>p95 latency</th><th>Error rate</th><th>Rate budget left</th><th>Calls (window)</th><th>Last error</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Feature flags</h2>
<p><small>Source: ${escapeHtml(flagStatus.source)}${flagStatus.lastError ? ` · last problem: ${escapeHtml(flagStatus.lastError)}` : ''}</small></p>
<ul class="flags">${flags}</ul>
</body></html>`;
}

export function registerStatusPage(app: FastifyInstance, services: GatewayServices): void {
  app.get('/status', async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderStatusPage(services)));
}
