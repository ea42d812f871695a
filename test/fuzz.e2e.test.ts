import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runCli } from './support/cli.js';
import { alertLogProblems, jsonProblems, nonFiniteFigures, rawCharacters } from './support/fuzz-checks.js';
import { FUZZ_NOW, fileName, logLine, stateFileLine, statuslineInput } from './support/fuzz-lines.js';
import { writeTree } from './support/fuzz-outputs.js';

/**
 * The fuzz suite's runs of the commands themselves (test/fuzz.test.tsx drives the outputs in
 * process): one tree of 300 seeded fuzzed lines under a hostile folder name, `cctop statusline`
 * with fuzzed inputs, hand-edited state-file lines, then `--json --alert-log` and the plain
 * snapshot over all of it. Nothing may fail, carry a raw control or show a non-finite number.
 */

const SEED = Number(process.env.CCTOP_FUZZ_SEED ?? 20_2011);
const NOW = new Date(FUZZ_NOW).toISOString();
const lines = fc.sample(logLine, { seed: SEED, numRuns: 300 });
const [folder, name] = fc.sample(fileName, { seed: SEED, numRuns: 2 });
const tree = writeTree({ folder: folder!, files: [{ name: 'session', lines: lines.slice(0, 150) }, { name: name!, lines: lines.slice(150) }] });
const env = isolatedEnv();
afterAll(() => {
  tree.remove();
  rmSync(env.HOME!, { recursive: true, force: true });
});
const REPORT = ['--dir', tree.root, '--now', NOW, '--tz', 'UTC', '--since', '2026-10-01'];

describe('fuzz: the commands over one fuzzed tree', () => {
  it('cctop statusline prints one clean line for each fuzzed input', async () => {
    const inputs = fc.sample(statuslineInput(tree.firstFile), { seed: SEED, numRuns: 4 });
    const runs = await Promise.all(inputs.map((input) => runCli(['statusline', '--now', NOW], env, input)));
    // Appended in whatever order the runs finished: sorted, so the next test reads the same file every time.
    const file = join(env.XDG_STATE_HOME!, 'cctop', 'limits.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').split('\n').filter(Boolean).sort().map((line) => `${line}\n`).join(''));
    for (const { code, stdout, stderr } of runs) {
      expect({ code, stderr, lines: stdout.split('\n').length }).toEqual({ code: 0, stderr: '', lines: 2 });
      expect([...rawCharacters(stdout.slice(0, -1)), ...nonFiniteFigures(stdout)]).toEqual([]);
    }
  });

  it('--json and the plain snapshot, over the readings and hand-edited state lines, are clean and finite; the alert log one record a line', async () => {
    const state = join(env.XDG_STATE_HOME!, 'cctop');
    mkdirSync(state, { recursive: true });
    appendFileSync(join(state, 'limits.jsonl'), fc.sample(stateFileLine, { seed: SEED, numRuns: 20 }).map((l) => `${l}\n`).join(''));
    // The plain snapshot beside it, with a copy of the state: alerts fired by one are not the other's.
    const twin = isolatedEnv();
    cpSync(state, join(twin.XDG_STATE_HOME!, 'cctop'), { recursive: true });
    const log = join(env.HOME!, 'alerts.log');
    const [json, plain] = await Promise.all([runCli(['--json', '--alert-log', log, ...REPORT], env), runCli(REPORT, twin)]);
    rmSync(twin.HOME!, { recursive: true, force: true });
    const failed = json.code !== 0 || plain.code !== 0;
    expect({ json: json.code, plain: plain.code, stderr: failed ? json.stderr + plain.stderr : '' }).toEqual({ json: 0, plain: 0, stderr: '' });
    expect([...rawCharacters(json.stdout), ...jsonProblems(json.stdout), ...rawCharacters(json.stderr)]).toEqual([]);
    expect([...rawCharacters(plain.stdout), ...nonFiniteFigures(plain.stdout), ...rawCharacters(plain.stderr)]).toEqual([]);
    expect(alertLogProblems(readFileSync(log, 'utf8'))).toEqual([]);
    const snapshot = JSON.parse(json.stdout) as { diagnostics: { badLines: number }; sessions: unknown[]; alerts: unknown[] };
    console.log(`[fuzz] CLI: ${snapshot.sessions.length} sessions, ${snapshot.diagnostics.badLines} bad lines of 300, ${snapshot.alerts.length} alerts`);
  });
});
