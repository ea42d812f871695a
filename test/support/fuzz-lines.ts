import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { randomFrom } from '../../src/demo/lines.js';
import { HOSTILE_NOW, hostileTree } from './hostile-logs.js';
import { linesOf } from './line-cases.js';
import { mutatedLines } from './line-mutations.js';
import { REAL_FIXTURES } from './log-fixtures.js';

/**
 * fast-check arbitraries of Claude Code log lines for the fuzz suite: real lines (fixtures/real
 * and the hostile tree) moved to the fuzz clock, then mutated by line-mutations.ts, given hostile
 * text in a shown field, or odd numbers; and Claude Code's statusline input.
 */

type Json = Record<string, unknown>;

/** The clock of every fuzz run: the hostile tree's. */
export const FUZZ_NOW = Date.parse(HOSTILE_NOW);
const MINUTE = 60_000;

/** Every JSON line of the `.jsonl` files under `root` (not the hostile tree's dangling link). */
function jsonLinesUnder(root: string): string[] {
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((p) => p.endsWith('.jsonl') && existsSync(join(root, p))).sort();
  return files.flatMap((f) => linesOf(readFileSync(join(root, f))).map((b) => b.toString('utf8'))).filter(isJsonObject);
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** The base lines: every JSON line of fixtures/real and of the hostile tree. */
function baseLines(): string[] {
  const hostile = hostileTree();
  try {
    return [...jsonLinesUnder(REAL_FIXTURES), ...jsonLinesUnder(hostile)];
  } finally {
    rmSync(hostile, { recursive: true, force: true });
  }
}
export const BASES: readonly string[] = baseLines();

/** Code points no output may carry raw, and sequences that would act on a terminal. */
const NASTY = [
  '\u0000', '\u0007', '\b', '\t', '\n', '\u000b', '\f', '\r', '\u001b', '\u007f', '\u0085', '\u009b', '\u009d',
  '\u200b', '\u200d', '\u200e', '\u2028', '\u2029', '\u202a', '\u202e', '\u2060', '\u2066', '\u2069', '\ufeff',
  '\u001b[2J', '\u001b[31m', '\u001b]0;pwned\u0007', '\u001b]8;;http://x\u0007', '\u009b6n', '\ud800', '\\', '"', '/',
];

/** Text mixing those with any code point at all. */
export const hostileText = fc.string({
  unit: fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
  maxLength: 24,
});

/** When a line happened: a few minutes after the clock (a fast devbox) to 40 days before it. */
const offsetMinutes = fc.oneof(fc.integer({ min: -20, max: 90 }), fc.integer({ min: -20, max: 40 * 24 * 60 }));

/** A base line (by index) with its timestamps moved to `FUZZ_NOW - minutes`. */
function retimed(index: number, minutes: number): Json {
  const record = JSON.parse(BASES[index % BASES.length]!) as Json;
  const at = new Date(FUZZ_NOW - minutes * MINUTE).toISOString();
  if ('timestamp' in record) record.timestamp = at;
  const data = record.data as Json | undefined;
  const nested = data?.message as Json | undefined;
  if (nested && 'timestamp' in nested) nested.timestamp = at;
  return record;
}

const base = fc.record({ index: fc.nat(), minutes: offsetMinutes });

/** A retimed real line through line-mutations.ts, seeded by fast-check. */
const mutatedLine = fc.record({ base, seed: fc.integer() }).map(({ base: b, seed }) => (
  mutatedLines(randomFrom(seed), [JSON.stringify(retimed(b.index, b.minutes))], 1)[0]!
));

/** The fields cctop shows, reads or keys by. */
const TEXT_FIELDS = ['cwd', 'sessionId', 'requestId', 'message.id', 'message.model', 'gitBranch', 'version'] as const;

/** `value` at a dotted path of `record`, creating objects on the way. */
function setPath(record: Json, path: string, value: unknown): Json {
  const keys = path.split('.');
  let at = record;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Json;
  }
  at[keys.at(-1)!] = value;
  return record;
}

/** A retimed real line with hostile text in a shown field. */
const injectedLine = fc.record({ base, field: fc.constantFrom(...TEXT_FIELDS), text: hostileText })
  .map(({ base: b, field, text }) => Buffer.from(JSON.stringify(setPath(retimed(b.index, b.minutes), field, text))));

const TOKEN_FIELDS = [
  'message.usage.input_tokens', 'message.usage.output_tokens', 'message.usage.cache_creation_input_tokens',
  'message.usage.cache_read_input_tokens', 'message.usage.cache_creation.ephemeral_1h_input_tokens',
  'message.usage.server_tool_use.web_search_requests', 'costUSD',
] as const;

/** Numbers a log could hold (JSON writes NaN and the infinities as null). */
const oddNumber = fc.oneof(
  fc.integer(), fc.nat({ max: 2_000_000 }), fc.double(), fc.constantFrom(-1, -0, 0.5, 1e9, 1e9 + 1, 2 ** 53, 1e21, 1e308, 5e-324),
);

/** A retimed real line with odd numbers in its token and cost fields. */
const numericLine = fc.record({ base, fields: fc.array(fc.tuple(fc.constantFrom(...TOKEN_FIELDS), oddNumber), { minLength: 1, maxLength: 4 }) })
  .map(({ base: b, fields }) => Buffer.from(JSON.stringify(fields.reduce((r, [f, v]) => setPath(r, f, v), retimed(b.index, b.minutes)))));

/** A legacy limit message: its reset time near the clock, hostile text after it. */
const limitHitLine = fc.record({ minutes: offsetMinutes, resetHours: fc.integer({ min: -6, max: 6 }), tail: hostileText })
  .map(({ minutes, resetHours, tail }) => Buffer.from(JSON.stringify({
    type: 'assistant', isApiErrorMessage: true, timestamp: new Date(FUZZ_NOW - minutes * MINUTE).toISOString(), sessionId: 's-limit',
    message: { role: 'assistant', content: [{ type: 'text', text: `Claude AI usage limit reached|${Math.round(FUZZ_NOW / 1000) + resetHours * 3600}${tail}` }] },
  })));

/** One log line, of any of the kinds above. */
export const logLine = fc.oneof(mutatedLine, mutatedLine, injectedLine, numericLine, limitHitLine);

/** A folder or file name a log tree may have (no `/`, no NUL, not `.` or `..`). */
export const fileName = hostileText.map((t) => t.replace(/[/\u0000]/g, '_')).filter((t) => t !== '' && t !== '.' && t !== '..' && Buffer.byteLength(t) < 200);

/** A log tree: a project folder's name and its files' names and lines. */
export const logTree = fc.record({
  folder: fc.oneof(fc.constant('-home-me-app'), fileName),
  files: fc.array(fc.record({ name: fc.oneof(fc.constant('session'), fileName), lines: fc.array(logLine, { minLength: 1, maxLength: 12 }) }), { minLength: 1, maxLength: 3 }),
});
export type LogTree = typeof logTree extends fc.Arbitrary<infer T> ? T : never;

/** A window reading as Claude Code sends it, or an odd one. */
const rateWindow = fc.record({
  used_percentage: fc.oneof(fc.double({ min: -10, max: 120 }), fc.constantFrom(0, 12.5, 62, 80, 95, 100)),
  resets_at: fc.oneof(
    fc.integer({ min: -6 * 3600, max: 8 * 24 * 3600 }).map((s) => Math.round(FUZZ_NOW / 1000) + s),
    fc.integer({ min: -6, max: 200 }).map((h) => new Date(FUZZ_NOW + h * 3_600_000).toISOString()),
    hostileText, fc.double(),
  ),
}, { requiredKeys: [] });

/** Claude Code's statusline input (`transcript` its transcript path), its strings hostile, its numbers odd. */
export function statuslineInput(transcript: string): fc.Arbitrary<string> {
  return fc.record({
    session_id: fc.oneof(hostileText, fc.constant('s-1')),
    transcript_path: fc.constant(transcript),
    model: fc.record({ id: hostileText, display_name: hostileText }, { requiredKeys: [] }),
    cost: fc.record({ total_cost_usd: fc.oneof(fc.double(), fc.constantFrom(0, 1.5, 1e6, 1e7)) }),
    rate_limits: fc.record({ five_hour: rateWindow, seven_day: rateWindow }, { requiredKeys: [] }),
  }, { requiredKeys: ['session_id'] }).map((input) => JSON.stringify(input));
}

/** A window as a state-file record holds it, or an odd one (the file can be edited by hand). */
const recordedWindow = fc.option(fc.record({
  usedPercent: fc.oneof(fc.double({ min: 0, max: 150, noNaN: true }), fc.constantFrom(0, 100, 100.1, 1e21, 1e308), oddNumber),
  resetsAt: fc.oneof(fc.integer({ min: -3600, max: 8 * 86_400 }).map((s) => FUZZ_NOW + s * 1000), fc.constantFrom(2 ** 53, 8.64e15 + 1, 1e21, 1e300), oddNumber),
}));

/** A line of the statusline's state file (limits.jsonl) as an editor or another program may leave it. */
export const stateFileLine = fc.record({
  // Around the clock: the last hour, or up to a minute past it (a reading from the future counts for nothing).
  at: fc.oneof(oddNumber, fc.integer({ min: -3_600_000, max: 60_000 }).map((ms) => FUZZ_NOW + ms)),
  sessionId: fc.option(hostileText),
  model: fc.option(hostileText),
  fiveHour: recordedWindow,
  sevenDay: recordedWindow,
  sessionCostUSD: fc.option(oddNumber),
}).map((record) => JSON.stringify(record));
