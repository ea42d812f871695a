import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { officialSnapshot } from '../../test/support/snapshots.js';
import { mcpPrintConfig, runMcpStdio } from './stdio.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER = fileURLToPath(new URL('../../test/support/mcp-fixture-server.ts', import.meta.url));

describe('cctop mcp over stdio', () => {
  it('lists its tools and answers window_status to the SDK client', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath, args: ['--import', 'tsx', SERVER], cwd: ROOT, stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const client = new Client({ name: 'cctop-stdio-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'cctop' });
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['window_status', 'burn_rate', 'month_summary', 'days', 'sessions']);
      const result = await client.callTool({ name: 'window_status', arguments: {} }) as CallToolResult;
      const status = result.structuredContent as { fiveHour: Record<string, unknown>; sevenDay: Record<string, unknown> };
      const snapshot = officialSnapshot();
      expect(status.fiveHour).toMatchObject({
        source: 'official', usedPercent: snapshot.official.fiveHour!.usedPercent, leftPercent: 87.5,
        resetsAt: snapshot.official.fiveHour!.resetsAt, msToReset: 10_800_000, msToLimit: null,
      });
      expect(status.sevenDay).toMatchObject({ source: 'official', usedPercent: 41.2, msToLimit: 3_093_927 });
      expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(status);
    } finally {
      await client.close();
    }
    expect(stderr).toContain('cctop mcp fixture server ready');
  });
});

describe('runMcpStdio', () => {
  it('answers the requests already read when stdin ends, then closes', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const session = await runMcpStdio(officialSnapshot, { stdin, stdout });
    const messages = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'month_summary', arguments: {} } },
    ];
    stdin.end(messages.map((m) => JSON.stringify(m)).join('\n') + '\n');
    await session.closed;
    const replies = out.trim().split('\n').map((line) => JSON.parse(line));
    expect(replies.map((r) => r.id)).toEqual([1, 2]);
    expect(replies[1].result.structuredContent.month.costUSD).toBe(1.0538701);
  });
});

describe('mcpPrintConfig', () => {
  it('prints the claude mcp add line, quoting arguments for the shell', () => {
    expect(mcpPrintConfig()).toBe('claude mcp add cctop -- cctop mcp');
    expect(mcpPrintConfig(['--dir', '/home/me/my logs', '--plan', 'max20']))
      .toBe("claude mcp add cctop -- cctop mcp --dir '/home/me/my logs' --plan max20");
    expect(mcpPrintConfig(["it's"])).toBe("claude mcp add cctop -- cctop mcp 'it'\\''s'");
  });
});
