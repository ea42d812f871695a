import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runChildSync } from '../../test/support/isolation.js';
import { parseFlags, resolveOptions } from '../settings/options.js';
import { MAX_STATE_BYTES } from '../state/state-file.js';
import { runStatusline, STDIN_TIMEOUT_MS } from './statusline.js';

const SAMPLES = resolve(import.meta.dirname, '..', '..', 'fixtures', 'statusline');
const NOW = '2026-03-02T12:00:00Z';
const NOW_MS = Date.parse(NOW);
const MINUTE = 60_000;

const sample = (name: string) => readFileSync(join(SAMPLES, name), 'utf8');

function setup(flags: string[] = ['--no-color']) {
  const home = mkdtempSync(join(tmpdir(), 'cctop-statusline-'));
  const env = { HOME: home, XDG_STATE_HOME: join(home, 'state') };
  const options = resolveOptions(parseFlags(['statusline', '--now', NOW, ...flags]), {}, {}, 'UTC');
  const dir = join(env.XDG_STATE_HOME, 'cctop');
  return { home, env, options, dir, stateFile: join(dir, 'limits.jsonl') };
}

async function run(s: ReturnType<typeof setup>, stdin: string | Readable) {
  let out = '';
  const stdout = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
  const input = typeof stdin === 'string' ? Readable.from([Buffer.from(stdin)]) : stdin;
  const code = await runStatusline(s.options, s.env, input, stdout);
  return { code, out };
}

/** The sample with its transcript pointing at a temp file of recent responses. */
function withTranscript(s: ReturnType<typeof setup>, name: string): string {
  const transcript = join(s.home, 'session.jsonl');
  writeFileSync(transcript, TRANSCRIPT);
  return JSON.stringify({ ...JSON.parse(sample(name)), transcript_path: transcript });
}

function response(id: string, minutesAgo: number, input: number, output: number): string {
  return JSON.stringify({
    type: 'assistant', timestamp: new Date(NOW_MS - minutesAgo * MINUTE).toISOString(), sessionId: 's', requestId: `req_${id}`, cwd: '/p',
    message: { id: `msg_${id}`, model: 'claude-sonnet-4-5-20250929', usage: { input_tokens: input, output_tokens: output } },
  });
}

// Sonnet 4.5 ($3 in, $15 out per M): 20 minutes ago $3.00 (outside the 10-minute window); 5 minutes
// ago $0.60 streamed in two copies (counted once); 2 minutes ago $0.30. $0.90 in 10 minutes = $5.40/h.
const TRANSCRIPT = [
  response('old', 20, 500_000, 100_000),
  response('a', 5, 100_000, 1),
  response('a', 5, 100_000, 20_000),
  '{"type":"user","timestamp":"2026-03-02T11:58:00Z","message":{"role":"user","content":"go on"}}',
  response('b', 2, 50_000, 10_000),
  '{"type":"assistant","timestamp":"2026-03-02T11:59:',
].join('\n');

const RECORD = {
  at: NOW_MS, sessionId: '5d1c7a52-8f3e-4b1a-9c2d-0e6f4a7b8c91', model: 'claude-opus-4-6',
  fiveHour: { usedPercent: 62.4, resetsAt: Date.parse('2026-03-02T13:12:00Z') },
  sevenDay: { usedPercent: 41.2, resetsAt: Date.parse('2026-03-05T09:00:00Z') },
  sessionCostUSD: 1.234,
};

describe('cctop statusline', () => {
  it('prints the official windows and the session burn, and appends the record (resets_at in seconds)', async () => {
    const s = setup();
    const { code, out } = await run(s, withTranscript(s, 'rate-limits-seconds.json'));
    expect(code).toBe(0);
    expect(out).toBe('5h ███░░ 62 % ↻1h 12m · 7d 41 % · $5.40/h\n');
    expect(readFileSync(s.stateFile, 'utf8')).toBe(JSON.stringify(RECORD) + '\n');
  });

  it('reads ISO-8601 resets_at the same', async () => {
    const s = setup();
    const { code, out } = await run(s, withTranscript(s, 'rate-limits-iso.json'));
    expect(code).toBe(0);
    expect(out).toBe('5h ███░░ 62 % ↻1h 12m · 7d 41 % · $5.40/h\n');
    expect(JSON.parse(readFileSync(s.stateFile, 'utf8'))).toEqual(RECORD);
  });

  it('without rate_limits shows the session cost and records null windows', async () => {
    const s = setup();
    const { code, out } = await run(s, withTranscript(s, 'no-rate-limits.json'));
    expect(code).toBe(0);
    expect(out).toBe('session $1.23 · $5.40/h\n');
    expect(readFileSync(s.stateFile, 'utf8')).toBe(JSON.stringify({ ...RECORD, fiveHour: null, sevenDay: null }) + '\n');
  });

  it('leaves the burn out when the transcript cannot be read and no monitor runs', async () => {
    const s = setup();
    const { out } = await run(s, sample('rate-limits-seconds.json'));
    expect(out).toBe('5h ███░░ 62 % ↻1h 12m · 7d 41 %\n');
  });

  it.each([
    ['garbage', 'not json at all \u0000\u0001'],
    ['empty', ''],
    ['truncated', sample('truncated.json')],
    ['a JSON array', '[1, 2, 3]'],
    ['an object without session_id', '{"model": {"id": "claude-opus-4-6"}}'],
  ])('prints the minimal line for %s input, records nothing, exits 0', async (_name, input) => {
    const s = setup();
    const { code, out } = await run(s, input);
    expect(code).toBe(0);
    expect(out).toBe('cctop\n');
    expect(existsSync(s.stateFile)).toBe(false);
  });

  it('reads malformed rate_limits as absent rather than failing', async () => {
    const s = setup();
    const input = { ...JSON.parse(sample('rate-limits-seconds.json')), rate_limits: { five_hour: { used_percentage: 'lots' }, seven_day: 7 } };
    const { out } = await run(s, JSON.stringify(input));
    expect(out).toBe('session $1.23\n');
  });

  it.each([
    ['a percentage over 100', { five_hour: { used_percentage: 1e9, resets_at: 1772457120 }, seven_day: { used_percentage: 41.2, resets_at: 1772701200 } }, 1.234],
    ['a negative percentage', { five_hour: { used_percentage: -3, resets_at: 1772457120 }, seven_day: { used_percentage: 41.2, resets_at: 1772701200 } }, 1.234],
  ])('ignores %s: the window is absent on the line and in the record', async (_name, rateLimits, cost) => {
    const s = setup();
    const input = { ...JSON.parse(sample('rate-limits-seconds.json')), rate_limits: rateLimits, cost: { total_cost_usd: cost } };
    // A reading without a 5-hour window: the weekly one leads, with its bar and reset (2d 21h to 03-05 09:00).
    expect((await run(s, JSON.stringify(input))).out).toBe('7d ██░░░ 41 % ↻2d 21h\n');
    expect(JSON.parse(readFileSync(s.stateFile, 'utf8'))).toEqual({ ...RECORD, fiveHour: null });
  });

  it.each([['1e308', 1e308], ['negative', -999.5], ['over a million dollars', 1_000_001]])('ignores a %s total_cost_usd, never records it', async (_name, cost) => {
    const s = setup();
    const input = { ...JSON.parse(sample('no-rate-limits.json')), cost: { total_cost_usd: cost } };
    expect((await run(s, JSON.stringify(input))).out).toBe('cctop\n');
    expect(JSON.parse(readFileSync(s.stateFile, 'utf8'))).toEqual({ ...RECORD, fiveHour: null, sevenDay: null, sessionCostUSD: null });
  });

  it('reads no transcript that is not a regular file: a FIFO no one writes to does not hang it', async () => {
    const s = setup();
    const fifo = join(s.home, 'session.jsonl');
    runChildSync('mkfifo', [fifo]);
    const input = { ...JSON.parse(sample('rate-limits-seconds.json')), transcript_path: fifo };
    const { code, out } = await run(s, JSON.stringify(input));
    expect(code).toBe(0);
    expect(out).toBe('5h ███░░ 62 % ↻1h 12m · 7d 41 %\n');
  });

  it('uses the monitor\'s burn cache while it is fresh, the transcript once it is 2 minutes old', async () => {
    const s = setup();
    mkdirSync(s.dir, { recursive: true });
    const cache = (ageMs: number) => writeFileSync(join(s.dir, 'burn.json'), JSON.stringify({ at: NOW_MS - ageMs, costPerHour: 38.2, tokensPerMinute: 51_000 }));
    cache(30_000);
    expect((await run(s, withTranscript(s, 'rate-limits-seconds.json'))).out).toBe('5h ███░░ 62 % ↻1h 12m · 7d 41 % · $38.20/h\n');
    cache(2 * MINUTE + 1);
    expect((await run(s, withTranscript(s, 'rate-limits-seconds.json'))).out).toBe('5h ███░░ 62 % ↻1h 12m · 7d 41 % · $5.40/h\n');
    expect(readFileSync(s.stateFile, 'utf8').split('\n')).toHaveLength(3);
  });

  it('keeps the line when the pricing file is broken, leaving the burn out', async () => {
    const s = { ...setup(['--no-color', '--pricing', '/nonexistent/prices.json']) };
    const { code, out } = await run(s, withTranscript(s, 'rate-limits-seconds.json'));
    expect(code).toBe(0);
    expect(out).toBe('5h ███░░ 62 % ↻1h 12m · 7d 41 %\n');
  });

  it('leaves out a window whose reset has passed', async () => {
    const s = { ...setup(), options: resolveOptions(parseFlags(['statusline', '--now', '2026-03-02T13:12:00Z', '--no-color']), {}, {}, 'UTC') };
    expect((await run(s, sample('rate-limits-seconds.json'))).out).toBe('7d 41 %\n');
  });

  describe('for an account without a 5-hour window (Ultra)', () => {
    const weekly = (others: Record<string, unknown> = {}) => JSON.stringify({
      ...JSON.parse(sample('rate-limits-seconds.json')),
      rate_limits: { seven_day: { used_percentage: 41.2, resets_at: 1772701200 }, ...others },
    });

    it('leads with the weekly window in the 5-hour form, then the weekly Opus bucket', async () => {
      const s = setup();
      // 41.2 % of 5 cells is 2.06: two full; 2026-03-02 12:00 to 03-05 09:00 is 2d 21h; the cached burn follows.
      mkdirSync(s.dir, { recursive: true });
      writeFileSync(join(s.dir, 'burn.json'), JSON.stringify({ at: NOW_MS, costPerHour: 38.2, tokensPerMinute: 51_000 }));
      const opus = { seven_day_opus: { used_percentage: 63.2, resets_at: 1772701200 } };
      expect((await run(s, weekly(opus))).out).toBe('7d ██░░░ 41 % ↻2d 21h · opus 63 % · $38.20/h\n');
    });

    it('colours each window by its own level', async () => {
      const s = setup([]);
      const opus = { seven_day_opus: { used_percentage: 85, resets_at: 1772701200 } };
      expect((await run(s, weekly(opus))).out).toBe('7d \u001b[32m██░░░ 41 %\u001b[0m ↻2d 21h · opus \u001b[1;31m85 %\u001b[0m\n');
    });

    it('keeps the line short: two other windows at most, none with a long name, none past its reset', async () => {
      const s = setup();
      const others = {
        seven_day_opus: { used_percentage: 63.2, resets_at: 1772701200 },
        seven_day_oauth_apps: { used_percentage: 5, resets_at: 1772701200 },
        seven_day_haiku: { used_percentage: 70, resets_at: NOW_MS / 1000 },
        seven_day_sonnet: { used_percentage: 12, resets_at: 1772701200 },
        seven_day_cowork: { used_percentage: 1, resets_at: 1772701200 },
      };
      expect((await run(s, weekly(others))).out).toBe('7d ██░░░ 41 % ↻2d 21h · opus 63 % · sonnet 12 %\n');
    });

    it('shows the other windows in the compact form beside a 5-hour window', async () => {
      const s = setup();
      const input = JSON.parse(sample('rate-limits-seconds.json'));
      input.rate_limits.seven_day_opus = { used_percentage: 63.2, resets_at: 1772701200 };
      expect((await run(s, JSON.stringify(input))).out).toBe('5h ███░░ 62 % ↻1h 12m · 7d 41 % · opus 63 %\n');
    });
  });

  it('colours by severity unless colour is off', async () => {
    const s = setup([]);
    const { out } = await run(s, sample('rate-limits-seconds.json'));
    expect(out).toBe('5h \u001b[33m███░░ 62 %\u001b[0m ↻1h 12m · 7d \u001b[32m41 %\u001b[0m\n');
  });

  it('rotates the state file past 1 MB, keeping the last one as limits.jsonl.1', async () => {
    const s = setup();
    mkdirSync(s.dir, { recursive: true });
    const old = '{"old":true}\n'.repeat(Math.ceil(MAX_STATE_BYTES / 13));
    writeFileSync(s.stateFile, old);
    writeFileSync(`${s.stateFile}.1`, 'older\n');
    await run(s, sample('rate-limits-seconds.json'));
    expect(readFileSync(`${s.stateFile}.1`, 'utf8')).toBe(old);
    expect(readFileSync(s.stateFile, 'utf8')).toBe(JSON.stringify(RECORD) + '\n');
    await run(s, sample('rate-limits-seconds.json'));
    expect(statSync(s.stateFile).size).toBe(2 * (JSON.stringify(RECORD).length + 1));
  });

  it('still prints its line when the state folder cannot be written', async () => {
    const s = setup();
    writeFileSync(join(s.home, 'state'), 'a file where the folder should be');
    const { code, out } = await run(s, sample('rate-limits-seconds.json'));
    expect(code).toBe(0);
    expect(out).toBe('5h ███░░ 62 % ↻1h 12m · 7d 41 %\n');
  });

  it('gives up on a stdin that never closes after the timeout', async () => {
    const s = setup();
    const stdin = new PassThrough();
    stdin.write('{"session_id": "abc"');
    const started = Date.now();
    const { code, out } = await run(s, stdin);
    expect(code).toBe(0);
    expect(out).toBe('cctop\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(STDIN_TIMEOUT_MS - 50);
  });

  it('prints the settings snippet for --print-config', async () => {
    const s = setup(['--print-config']);
    const { code, out } = await run(s, '');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ statusLine: { type: 'command', command: 'cctop statusline' } });
  });
});
