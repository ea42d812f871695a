import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOfficialRecords } from '../src/state/official-record.js';
import { isolatedEnv, runCli } from './support/cli.js';
import { HOSTILE_NOW, forbiddenIn } from './support/hostile-logs.js';

const now = Date.parse(HOSTILE_NOW);

/** What Claude Code pipes to the statusline, every string of it hostile. */
const HOSTILE_INPUT = JSON.stringify({
  session_id: 'sl\x1b]0;pwn\x07\u202e',
  transcript_path: '/nonexistent/\x1b]0;t\x07.jsonl',
  model: { id: 'claude-\x1b[2J\u009b', display_name: 'Opus\nX\u2066' },
  workspace: { current_dir: '/x/\x1b]0;cwd\x07' },
  cost: { total_cost_usd: 1.5 },
  rate_limits: {
    five_hour: { used_percentage: 62, resets_at: (now + 3_600_000) / 1000 },
    seven_day: { used_percentage: 41, resets_at: (now + 86_400_000) / 1000 },
  },
});

describe('cctop statusline with hostile stdin', () => {
  it('prints its line clean and records the strings sanitised in the state file', async () => {
    const env = isolatedEnv();
    const { code, stdout, stderr } = await runCli(['statusline', '--now', HOSTILE_NOW], env, HOSTILE_INPUT);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^5h [^\n]*62 ?%[^\n]* · 7d 41 ?%\n$/);
    expect(forbiddenIn(stdout.slice(0, -1))).toEqual([]);
    expect(forbiddenIn(stderr)).toEqual([]);
    const state = readFileSync(join(env.XDG_STATE_HOME!, 'cctop', 'limits.jsonl'), 'utf8');
    // JSON.stringify escapes C0 but would have written U+009B and U+202E raw.
    expect(forbiddenIn(state.replace(/\n$/, ''))).toEqual([]);
    expect(JSON.parse(state)).toMatchObject({ sessionId: 'sl\\x1b]0;pwn\\x07\\u202e', model: 'claude-\\x1b[2J\\x9b' });
  });
});

describe('the state file read back', () => {
  it('gives sanitised strings even when the file holds raw controls (hand-edited, or an older cctop)', () => {
    const line = JSON.stringify({ at: now, sessionId: 'a\u202eb\u009b', model: 'm\x1b[31m', fiveHour: null, sevenDay: null, sessionCostUSD: null });
    const [reading] = parseOfficialRecords(`${line}\n`);
    expect(reading).toMatchObject({ sessionId: 'a\\u202eb\\x9b', model: 'm\\x1b[31m' });
  });
});
