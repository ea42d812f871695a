import { existsSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { parseStatuslineInput, readingOf } from './statusline-input.js';
import { readBurnCache } from '../state/burn-cache.js';
import type { Options } from '../settings/options.js';
import { appendReading } from '../state/state-file.js';
import { MINIMAL_LINE, statuslineText } from './statusline-line.js';
import { stateDir, type Env } from '../settings/user-files.js';

/** Claude Code closes stdin at once; this only guards against a stdin that never closes. */
export const STDIN_TIMEOUT_MS = 1000;
const MAX_INPUT_BYTES = 1024 * 1024;

/** What `cctop statusline --print-config` prints, for the user to put in Claude Code's settings. */
export const STATUSLINE_CONFIG = { statusLine: { type: 'command', command: 'cctop statusline' } } as const;

/**
 * `cctop statusline`: reads Claude Code's JSON from stdin, appends the official window readings to
 * the state file, and prints one short line. Always resolves 0: a statusline must never break
 * Claude Code's screen, so every failure degrades to a shorter line.
 */
export async function runStatusline(options: Options, env: Env, stdin: Readable, stdout: Writable): Promise<number> {
  if (options.printConfig) {
    await write(stdout, JSON.stringify(STATUSLINE_CONFIG, null, 2) + '\n');
    return 0;
  }
  let line = MINIMAL_LINE;
  try {
    line = await statusline(options, env, stdin);
  } catch {
    // Keep the minimal line.
  }
  await write(stdout, line + '\n');
  return 0;
}

async function statusline(options: Options, env: Env, stdin: Readable): Promise<string> {
  const input = parseStatuslineInput(await readInput(stdin, STDIN_TIMEOUT_MS));
  if (!input) return MINIMAL_LINE;
  const now = options.now ?? Date.now();
  const dir = stateDir(env);
  const reading = readingOf(input, now);
  try {
    appendReading(dir, reading);
  } catch {
    // An unwritable state folder costs the record, not the line.
  }
  const costPerHour = await currentBurn(dir, input.transcript_path ?? null, now, options).catch(() => null);
  return statuslineText({ reading, costPerHour, now, color: options.color });
}

/** The monitor's cached burn when fresh, else this session's from the end of its transcript (never the history). */
async function currentBurn(dir: string, transcript: string | null, now: number, options: Options): Promise<number | null> {
  const cached = readBurnCache(dir, now);
  if (cached) return cached.costPerHour;
  if (!transcript || !existsSync(transcript)) return null;
  const [{ transcriptBurn }, { readPriceTable }] = await Promise.all([import('./transcript-burn.js'), import('../settings/price-file.js')]);
  const pricing = { table: readPriceTable(options.pricingFile), priceMultiplier: options.priceMultiplier, costMode: options.costMode };
  return transcriptBurn(transcript, now, options.burnWindowMinutes, pricing)?.costPerHour ?? null;
}

/** All of stdin as text, or what arrived before the timeout; '' from a terminal. */
export function readInput(stdin: Readable, timeoutMs: number): Promise<string> {
  if ((stdin as { isTTY?: boolean }).isTTY) return Promise.resolve('');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      clearTimeout(timer);
      stdin.off('data', onData).off('end', finish).off('error', finish);
      stdin.pause();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(buf);
      size += buf.length;
      if (size > MAX_INPUT_BYTES) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    stdin.on('data', onData).once('end', finish).once('error', finish);
  });
}

function write(stdout: Writable, text: string): Promise<void> {
  return new Promise((resolve) => stdout.write(text, () => resolve()));
}
