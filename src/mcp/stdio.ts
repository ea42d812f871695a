import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { SnapshotSource } from '../snapshot/view.js';
import { gatedInput } from './framing.js';
import { createMcpServer } from './server.js';

/** A running stdio MCP server. */
export interface McpStdioSession {
  /** Resolves when the client goes away (stdin ends) or `close()` is called. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** Where the stdio server reads and writes (the process's stdin and stdout by default). */
export interface McpStdioOptions {
  stdin?: Readable;
  stdout?: Writable;
  /** Where refused messages are said (the process's stderr by default). */
  stderr?: Writable;
}

/**
 * Serves cctop's MCP tools over stdio. Nothing else may write to stdout while it runs.
 * Messages reach the SDK's transport through `gatedInput` (malformed and oversized ones are
 * answered with JSON-RPC errors there). The transport does not notice the end of stdin; this
 * closes the server then (the tools answer synchronously, so requests read before the end are
 * answered first).
 */
export async function runMcpStdio(getSnapshot: SnapshotSource, options: McpStdioOptions = {}): Promise<McpStdioSession> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const stdin = gatedInput(options.stdin ?? process.stdin, {
    reply: (line) => stdout.write(line),
    warn: (text) => stderr.write(`${text}\n`),
  });
  const server = createMcpServer(getSnapshot);
  const transport = new StdioServerTransport(stdin, stdout);
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => { resolveClosed = resolve; });
  transport.onclose = () => resolveClosed();
  await server.connect(transport);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= shutdown());
  const shutdown = async (): Promise<void> => {
    stdin.off('end', onEnd);
    await server.close();
    resolveClosed();
  };
  const onEnd = (): void => { void close(); };
  stdin.once('end', onEnd);
  return { closed, close };
}

const SAFE_ARG = /^[A-Za-z0-9_@%+=:,./-]+$/;

function shellQuote(arg: string): string {
  return SAFE_ARG.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The `claude mcp add` line that registers `cctop mcp` (with `args`, e.g. `--dir PATH`) with Claude Code. */
export function mcpPrintConfig(args: readonly string[] = []): string {
  return ['claude', 'mcp', 'add', 'cctop', '--', 'cctop', 'mcp', ...args].map(shellQuote).join(' ');
}
