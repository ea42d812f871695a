import { PassThrough, type Readable } from 'node:stream';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';

/**
 * The largest message cctop's MCP server reads: the SDK's own stdio limit. Its transport drops
 * the whole connection past it (cctop mcp then exited 0 in silence) and sends nothing back for
 * a line that is not JSON; this gate in front of it answers both and keeps serving.
 */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

// JSON-RPC 2.0 §5.1 error codes.
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;

/** Where the gate reports a message it refused. */
export interface GateOutput {
  /** One JSON-RPC error response line (the client's reply). */
  reply(line: string): void;
  /** One line for stderr (the user's). */
  warn(text: string): void;
}

/**
 * Passes each well-formed JSON-RPC message line of `input` on to the SDK's transport (the
 * returned stream, which ends when `input` ends); answers a line that is not JSON with a parse
 * error, one that is not a JSON-RPC message with an invalid-request error (its id when it has
 * one), and one longer than `maxBytes` with an invalid-request error, its bytes dropped unread.
 */
export function gatedInput(input: Readable, out: GateOutput, maxBytes = MAX_MESSAGE_BYTES): Readable {
  const passed = new PassThrough();
  let parts: Buffer[] = [];
  let length = 0;
  let skipping = false;
  const refuse = (code: number, id: unknown, message: string): void => {
    out.reply(`${JSON.stringify({ jsonrpc: '2.0', id: validId(id), error: { code, message } })}\n`);
    out.warn(`cctop mcp: refused a message: ${message}`);
  };
  const lineDone = (): void => {
    const line = Buffer.concat(parts, length);
    parts = [];
    length = 0;
    if (skipping) skipping = false;
    else checkLine(line, passed, refuse);
  };
  input.on('data', (chunk: Buffer) => {
    for (let at = 0; at < chunk.length;) {
      const nl = chunk.indexOf(0x0a, at);
      const end = nl === -1 ? chunk.length : nl;
      if (!skipping) {
        parts.push(chunk.subarray(at, end));
        length += end - at;
        if (length > maxBytes) {
          refuse(INVALID_REQUEST, null, `message over ${maxBytes / 2 ** 20} MiB`);
          parts = [];
          length = 0;
          skipping = true;
        }
      }
      at = end + 1;
      if (nl !== -1) lineDone();
    }
  });
  input.on('end', () => passed.end());
  input.on('error', (error) => passed.destroy(error));
  return passed;
}

function checkLine(line: Buffer, passed: PassThrough, refuse: (code: number, id: unknown, message: string) => void): void {
  const text = line.toString('utf8').replace(/\r$/, '');
  if (text.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    refuse(PARSE_ERROR, null, 'parse error: not JSON');
    return;
  }
  if (!JSONRPCMessageSchema.safeParse(value).success) {
    refuse(INVALID_REQUEST, (value as { id?: unknown } | null)?.id, 'invalid request: not a JSON-RPC 2.0 message');
    return;
  }
  passed.write(`${text}\n`);
}

function validId(id: unknown): string | number | null {
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}
