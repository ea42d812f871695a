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
      expect(tools.map((t) => t.name)).toEqual(['window_status', 'window_history', 'burn_rate', 'month_summary', 'days', 'sessions']);
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

describe('messages the server cannot take', () => {
  const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };
  const call = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'month_summary', arguments: {} } };

  it('are answered with JSON-RPC errors and said on stderr, and the server keeps serving', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    const session = await runMcpStdio(officialSnapshot, { stdin, stdout, stderr });
    stdin.write(`${JSON.stringify(initialize)}\n{"jsonrpc": "2.0", "id": 7, "meth\n`);
    stdin.write(`{"jsonrpc":"1.0","id":"x","method":3}\n`);
    // 11 MiB in pieces, no newline until the end: never buffered whole, dropped with one answer.
    const piece = Buffer.alloc(1024 * 1024, 0x61);
    for (let i = 0; i < 11; i++) stdin.write(piece);
    stdin.write('\n');
    stdin.end(`${JSON.stringify(call)}\n`);
    await session.closed;
    // The refusals are written at once, the answers when the server has them: order by kind.
    const replies = out.trim().split('\n').map((line) => JSON.parse(line));
    const errors = replies.filter((r) => r.error).map((r) => [r.id, r.error.code, r.error.message]);
    expect(errors).toEqual([
      [null, -32700, 'parse error: not JSON'], ['x', -32600, 'invalid request: not a JSON-RPC 2.0 message'],
      [null, -32600, 'message over 10 MiB'],
    ]);
    const answers = replies.filter((r) => r.result);
    expect(answers.map((r) => r.id)).toEqual([1, 2]);
    expect(answers[1].result.structuredContent.month.costUSD).toBe(1.0538701);
    expect(err).toBe([
      'cctop mcp: refused a message: parse error: not JSON',
      'cctop mcp: refused a message: invalid request: not a JSON-RPC 2.0 message',
      'cctop mcp: refused a message: message over 10 MiB',
    ].map((line) => `${line}\n`).join(''));
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
