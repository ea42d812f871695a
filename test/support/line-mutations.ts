/**
 * Seeded mutations of real log lines, for the byte fast path's property test: each mutation
 * keeps a line valid JSON in an unusual spelling (reordered keys, whitespace, escapes, unicode,
 * duplicate keys, wrong types, odd numbers, `"usage"` in text) or damages it (bytes, cuts).
 */

type Random = () => number;
type Json = Record<string, unknown>;

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** The keys the parsers read, at both usage shapes (assistant and agent_progress copy). */
const PATHS = [
  'type', 'timestamp', 'sessionId', 'requestId', 'cwd', 'isSidechain', 'costUSD', 'error', 'isApiErrorMessage', 'content',
  'message', 'message.id', 'message.model', 'message.usage', 'message.content',
  'message.usage.input_tokens', 'message.usage.output_tokens', 'message.usage.cache_creation_input_tokens',
  'message.usage.cache_read_input_tokens', 'message.usage.cache_creation', 'message.usage.cache_creation.ephemeral_5m_input_tokens',
  'message.usage.cache_creation.ephemeral_1h_input_tokens', 'message.usage.server_tool_use',
  'message.usage.server_tool_use.web_search_requests', 'message.usage.speed', 'message.usage.inference_geo',
  'data', 'data.type', 'data.message', 'data.message.timestamp', 'data.message.requestId', 'data.message.message',
  'data.message.message.usage', 'data.message.message.usage.output_tokens', 'data.message.message.model',
];

const VALUES: readonly unknown[] = [
  null, true, false, 0, -0, 1, -1, 1.5, 2 ** 53, 1e21, '', 'x', 'fast', 'us', 'standard', 'progress', 'assistant',
  'agent_progress', 'rate_limit', '2026-01-02T03:04:05.678Z', 'Tue, 02 Jan 2026 03:04:05 GMT', 'not a date', '2026-13-45',
  'wörk/€ 🙂', 'a\u0000b\u001b[31m\u202e', '\ud800', [], [1, 'a'], {}, { input_tokens: 3 }, { type: 'agent_progress' },
];

const TEXTS = [
  '"usage":{"input_tokens":999}', '},"usage":{"input_tokens":1}}', 'limit reached', 'Claude AI usage limit reached|1767323045',
  '\\"usage\\"', 'tab\there\nnewline', 'é€中文🙂', '\u0000\u0001\u007f\u0085\u2028', '{"parentUuid":"x","message":{"usage":{}}}',
];

const NUMBERS = [
  '-0', '0.0', '1e3', '1E+2', '12.0', '1e400', '-5', '9007199254740993', '99999999999999999', '64018112010870104',
  '123456789012345678901', '0.1e1',
  '1.7976931348623157e309', '5e-324', '01', '1.', '.5', '+1', '0x10', '1e', '-', 'NaN', 'Infinity',
];
const BYTES = [0x00, 0x01, 0x09, 0x0d, 0x1f, 0x20, 0x22, 0x2c, 0x3a, 0x5b, 0x5c, 0x5d, 0x7b, 0x7d, 0x7f, 0x80, 0xc3, 0xe2, 0xff];

function shuffled(r: Random, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffled(r, v));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, shuffled(r, v)] as const);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries);
}

function parentOf(record: Json, path: string): { parent: Json; key: string } | null {
  const keys = path.split('.');
  let at: unknown = record;
  for (const k of keys.slice(0, -1)) {
    at = typeof at === 'object' && at !== null ? (at as Json)[k] : undefined;
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return null;
  }
  return { parent: at as Json, key: keys.at(-1)! };
}

/** Changes the parsed record: a field set to an odd value or removed, keys reordered, text added. */
function mutateRecord(r: Random, record: Json): Json {
  const kind = r();
  if (kind < 0.25) return shuffled(r, record) as Json;
  const target = parentOf(record, pick(r, PATHS));
  if (kind < 0.75 && target) {
    if (r() < 0.2) delete target.parent[target.key];
    else target.parent[target.key] = structuredClone(pick(r, VALUES));
  } else if (target) {
    const message = (record.message ?? (record.data as Json | undefined)?.message) as Json | undefined;
    const content = message && Array.isArray(message.content) ? message.content : null;
    if (content) content.push({ type: 'text', text: pick(r, TEXTS) });
    else if (message && typeof message === 'object') message.content = pick(r, TEXTS);
  }
  return record;
}

/** The record written with whitespace between tokens (JSON.stringify's newlines are all between tokens). */
function spaced(r: Random, record: Json): string {
  const text = JSON.stringify(record, null, pick(r, [' ', '\t', '  \t ', '\r']));
  // Form feed, vertical tab and NBSP are whitespace to JavaScript, not to JSON.
  return text.replaceAll('\n', pick(r, [' ', '\t', '\r', '', ' \r\t', ' ', ' ', '\f', '\v', '\u00a0']));
}

/** Spellings JSON.stringify never writes: escaped keys and values, duplicate keys, odd numbers, outer bytes. */
function respell(r: Random, text: string): string {
  const kind = Math.floor(r() * 10);
  if (kind === 8) return text.replace('"content":[', `"content":[{"type":"text","text":"${pick(r, ['Claude AI usage limit\\u0020reached|1767323045', 'Claude AI usage limit re\\u0061ched|1767323045', 'Claude AI usage limit reached|1767323045', 'limit\\nreached', 'limit reached\\u0000'])}"},`);
  if (kind === 9) return text.replace('"requestId":', `"costUSD":${pick(r, NUMBERS)},"requestId":`);
  if (kind === 0) return text.replace(pick(r, ['"type"', '"sessionId"', '"usage"', '"message"', '"cwd"']), (k) => k.replace(/[a-z]/, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  if (kind === 1) return text.replace(/"(cwd|sessionId|model|requestId|id|timestamp)":"([^"\\]*)/, (_, k: string, v: string) => `"${k}":"${v.replace(/[/\-.]/, (c) => pick(r, ['\\/', `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`, '\\u00e9', '\\n', '\\"', '\\\\', 'é']))}`);
  if (kind === 2) return text.replace(/_tokens":(\d+)/, () => `_tokens":${pick(r, NUMBERS)}`);
  if (kind === 3) {
    const dup = pick(r, ['"timestamp":"2020-01-01T00:00:00Z"', '"requestId":"req_dup"', '"message":{"usage":{"input_tokens":7}}', '"type":"user"', '"usage":null', '"id":"msg_dup"']);
    return r() < 0.5 ? text.replace('{', `{${dup},`) : text.replace(/}$/, `,${dup}}`);
  }
  if (kind === 4) return text.replace('"message":{', `"message":{${pick(r, ['"usage":{"output_tokens":1},', '"model":"m2",', '"usage":{},'])}`);
  if (kind === 5) return pick(r, ['\ufeff', ' ', '\t', '\u0000', '[', '']) + text + pick(r, ['', ' ', '\r', 'x', '}', ']', ',', '\u0000']);
  if (kind === 6) return text.replace('"content":[', `"content":[${'['.repeat(pick(r, [3, 100, 300]))}${']'.repeat(pick(r, [3, 100, 300]))},`);
  return text.replace('"isSidechain":', `"isApiErrorMessage":${pick(r, ['true', 'false', '"true"'])},"error":"${pick(r, ['rate_limit', 'other'])}","isSidechain":`);
}

/** Byte damage: a byte replaced, inserted or removed, a cut, or a cut record spliced to another. */
function damage(r: Random, bytes: Buffer, other: Buffer): Buffer {
  const at = Math.floor(r() * bytes.length);
  const kind = Math.floor(r() * 5);
  if (kind === 0) return Buffer.concat([bytes.subarray(0, at), Buffer.from([pick(r, BYTES)]), bytes.subarray(at + 1)]);
  if (kind === 1) return Buffer.concat([bytes.subarray(0, at), Buffer.from([pick(r, BYTES)]), bytes.subarray(at)]);
  if (kind === 2) return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
  if (kind === 3) return bytes.subarray(0, at);
  return Buffer.concat([bytes.subarray(0, at), other]);
}

/** `count` mutated lines from `bases` (real lines), deterministic by the seeded `random`. */
export function mutatedLines(random: Random, bases: readonly string[], count: number): Buffer[] {
  const out: Buffer[] = [];
  for (let n = 0; n < count; n++) {
    const base = pick(random, bases);
    let record = JSON.parse(base) as Json;
    const rounds = 1 + Math.floor(random() * 3);
    for (let i = 0; i < rounds; i++) record = mutateRecord(random, record);
    let text = random() < 0.3 ? spaced(random, record) : JSON.stringify(record);
    if (random() < 0.5) text = respell(random, text);
    let bytes: Buffer = Buffer.from(text);
    if (random() < 0.25) bytes = damage(random, bytes, Buffer.from(pick(random, bases)));
    out.push(bytes);
  }
  return out;
}
