import { appendFileSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { responseLines } from '../../src/demo/lines.js';

/**
 * A Claude config folder whose logs try every way of reaching a terminal or a log line raw:
 * OSC title, screen clear, SGR colour, newline, tab, C1 CSI (U+009B) and a bidi override
 * (U+202E) in `cwd`, session id, model, a folder and a file name, a limit-hit text, a bad line
 * and a dangling link; plus a session without `cwd` (shown by its hostile folder).
 */

/** The report's clock: every event is a few minutes before it. */
export const HOSTILE_NOW = '2026-11-25T14:30:00.000Z';
const now = Date.parse(HOSTILE_NOW);

/** Each session's working folder as logged, and its project as cctop must show it. */
export const HOSTILE_SESSIONS = [
  { id: 's-title', cwd: '/home/me/\x1b]0;pwned\x07', project: 'me/\\x1b]0;pwned\\x07' },
  { id: 's-clear', cwd: '/home/me/\x1b[2J\x1b[31mred', project: 'me/\\x1b[2J\\x1b[31mred' },
  { id: 's-lines', cwd: '/home/me/a\nb\tc', project: 'me/a\\nb\\tc' },
  { id: 'id\x1b]0;sid\x07\u202e', cwd: '/home/me/c1\u009bbidi\u202eevil', project: 'me/c1\\x9bbidi\\u202eevil' },
] as const;

/** The session id above, as cctop must show it. */
export const HOSTILE_SESSION_ID = 'id\\x1b]0;sid\\x07\\u202e';
/** A model nobody prices, with controls in its name; and as shown. */
export const HOSTILE_MODEL = 'claude-\x1b[5mblink\u009b';
export const HOSTILE_MODEL_SHOWN = 'claude-\\x1b[5mblink\\x9b';
/** The session whose burst spikes: its alert must stay one alert-log record. */
export const INJECTING_CWD = 'x\nFAKE\tALERT\tinjected';
export const INJECTING_PROJECT = 'x\\nFAKE\\tALERT\\tinjected';
/** A folder and a file name with ESC and a newline, and as shown. */
export const HOSTILE_FOLDER = '-srv-\x1b[31mred\nfolder';
export const HOSTILE_FILE = 's\x1b]0;file\x07\n.jsonl';
export const HOSTILE_FILE_SHOWN = 's\\x1b]0;file\\x07\\n.jsonl';
export const HOSTILE_FOLDER_SHOWN = '-srv-\\x1b[31mred\\nfolder';
/** The limit-hit text as shown (`--json` limits.hits). */
export const HOSTILE_HIT_SHOWN = `Claude AI usage limit reached|${(now + 7_200_000) / 1000}\\x1b]0;hit\\x07\\n\\u202eevil`;

/** Writes the hostile tree into a fresh temp folder; returns the root (for `--dir`). */
export function hostileTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'cctop-hostile-'));
  const plain = join(root, 'projects', '-home-me');
  const hostile = join(root, 'projects', HOSTILE_FOLDER);
  mkdirSync(plain, { recursive: true });
  mkdirSync(hostile, { recursive: true });
  HOSTILE_SESSIONS.forEach((s, i) => {
    const model = i === 1 ? HOSTILE_MODEL : 'claude-sonnet-4-5-20250929';
    appendFileSync(join(plain, `session-${i}.jsonl`), response(s.id, s.cwd, model, i, { output: 2000 }));
  });
  const file = join(hostile, HOSTILE_FILE);
  appendFileSync(file, response('s-inject', INJECTING_CWD, 'claude-sonnet-4-5-20250929', 9, { cacheRead: 1_000_000 }));
  appendFileSync(file, limitHitLine());
  // No cwd: a session shown by its log folder's name.
  appendFileSync(file, response('s-nocwd', '', 'claude-sonnet-4-5-20250929', 8, { output: 100 }));
  // Not JSON: a bad line whose error message (V8's) quotes its raw ESC and BEL.
  appendFileSync(file, '{"usage": \x1b]0;bad\x07}\n');
  symlinkSync(join(root, 'nowhere'), join(hostile, 'dead\x1b[2J\n.jsonl'));
  return root;
}

function response(sessionId: string, cwd: string, model: string, n: number, tokens: { output?: number; cacheRead?: number }): string {
  return responseLines({
    sessionId, cwd, model, time: now - 60_000 - n * 1000, messageId: `msg_${n}`, requestId: `req_${n}`,
    input: 10, output: tokens.output ?? 10, cacheWrite: 0, cacheRead: tokens.cacheRead ?? 0, blocks: 1,
  }).join('');
}

function limitHitLine(): string {
  const text = `Claude AI usage limit reached|${(now + 7_200_000) / 1000}\x1b]0;hit\x07\n\u202eevil`;
  return JSON.stringify({
    type: 'assistant', isApiErrorMessage: true, timestamp: new Date(now - 30_000).toISOString(), sessionId: 's-inject',
    message: { role: 'assistant', content: [{ type: 'text', text }] },
  }) + '\n';
}

/**
 * How the bad file and the dangling link start in a diagnostics row, up to where a narrow
 * width may cut them (the temp root's path comes before).
 */
export const BAD_FILE_SHOWN = `${HOSTILE_FOLDER_SHOWN}/s\\x1b]0;file`;
export const DEAD_LINK_SHOWN = `${HOSTILE_FOLDER_SHOWN}/dead\\x1b[2J`;
/** The injecting project as far as a sessions table always shows it. */
export const INJECTING_SHOWN_START = 'x\\nFAKE\\tALERT';

/** Every code point no output may carry: C0 but newline, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
export const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** The text with cctop's own colour codes (SGR `ESC [ digits/semicolons m`) removed. */
export function withoutOwnColour(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** The forbidden code points left in `text`, as escapes (an empty list is the pass). */
export function forbiddenIn(text: string): string[] {
  const found = [...text].filter((ch) => FORBIDDEN.test(ch));
  return [...new Set(found)].map((ch) => `U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
