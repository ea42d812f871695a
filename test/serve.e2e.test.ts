import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, FIXTURES, isolatedEnv, REPO, runCli, startCli } from './support/cli.js';
import { freePort, prometheusBinary, startPrometheus, type RunningPrometheus } from './support/prometheus.js';

// A fixed clock, so `cctop serve` and `cctop --json` report the same moment.
const ARGS = ['--dir', FIXTURES, '--now', '2026-02-10T23:00:00Z', '--tz', 'UTC', '--since', '2025-09-01', '--no-store'];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function snapshot() {
  const { stdout } = await runCli(['--json', ...ARGS]);
  return JSON.parse(stdout);
}

const binary = prometheusBinary();

describe.skipIf(!binary)('cctop serve, scraped by a real Prometheus', () => {
  it('serves the same numbers as --json, on loopback, and 404 elsewhere', async () => {
    const port = await freePort();
    const serve = startCli(['serve', '--metrics', `127.0.0.1:${port}`, ...ARGS]);
    cleanups.push(() => void serve.kill('SIGTERM'));
    const prometheus: RunningPrometheus = await startPrometheus(binary!, [`127.0.0.1:${port}`]);
    cleanups.push(() => prometheus.stop());
    const json = await snapshot();
    const value = async (expr: string) => (await prometheus.waitFor(expr, (s) => s.length > 0, 30_000))[0]!.value;
    expect(await value('cctop_month_cost_usd')).toBe(json.month.costUSD);
    expect(await value('cctop_month_projected_cost_usd')).toBe(json.month.projectedCostUSD);
    expect(await value('cctop_plan_fee_usd')).toBe(json.plan.feeUSD);
    expect(await value('sum(cctop_tokens_total)')).toBe(json.days.reduce((a: number, d: { tokens: { total: number } }) => a + d.tokens.total, 0));
    const missing = await fetch(`http://127.0.0.1:${port}/metrics/../../etc/passwd`);
    expect(missing.status).toBe(404);
    // No label carries a path or a cwd unless --metrics-labels project asks for it.
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).not.toContain(FIXTURES);
    expect(text).not.toContain('/home/');
  }, 60_000);
});

describe('cctop mcp, driven by the MCP SDK client over stdio', () => {
  it('answers window_status and month_summary with the numbers of --json', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath, args: ['--import', 'tsx', CLI, 'mcp', ...ARGS], cwd: REPO, env: isolatedEnv() as Record<string, string>, stderr: 'pipe',
    });
    const client = new Client({ name: 'cctop-e2e', version: '1.0.0' });
    await client.connect(transport);
    cleanups.push(() => client.close());
    const json = await snapshot();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['window_status', 'window_history', 'burn_rate', 'month_summary', 'days', 'sessions']);
    const month = (await client.callTool({ name: 'month_summary', arguments: {} })) as CallToolResult;
    expect((month.structuredContent as { month: { costUSD: number } }).month.costUSD).toBe(json.month.costUSD);
    const days = (await client.callTool({ name: 'days', arguments: { from: '2026-02-10', to: '2026-02-10' } })) as CallToolResult;
    expect((days.structuredContent as { days: { costUSD: number }[] }).days.map((d) => d.costUSD))
      .toEqual(json.days.filter((d: { date: string }) => d.date === '2026-02-10').map((d: { costUSD: number }) => d.costUSD));
  }, 60_000);

  it('prints the claude mcp add line', async () => {
    const { code, stdout } = await runCli(['mcp', '--print-config']);
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'claude mcp add cctop -- cctop mcp\n' });
  });
});
