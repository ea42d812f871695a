import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../src/ui/kit/width.js';
import { isolatedEnv, runCli, startCli, type CliResult } from './support/cli.js';
import {
  BAD_FILE_SHOWN, DEAD_LINK_SHOWN, HOSTILE_FILE_SHOWN, HOSTILE_FOLDER_SHOWN, HOSTILE_HIT_SHOWN, HOSTILE_MODEL_SHOWN, HOSTILE_NOW,
  HOSTILE_SESSION_ID, HOSTILE_SESSIONS, INJECTING_PROJECT, INJECTING_SHOWN_START, forbiddenIn, hostileTree,
} from './support/hostile-logs.js';

// Every output of one hostile tree: nothing from a log reaches a terminal or a log line raw.
let root = '';
let args: string[] = [];
let json: CliResult;
let alertLog = '';
let follow: { first: string; log: string };

interface Snapshot {
  sessions: { sessionId: string; project: string; cwd: string; model: string }[];
  limits: { hits: { text: string }[] };
  diagnostics: {
    files: { file: string; samples: string[] }[];
    unpricedModels: { model: string }[];
    unreadableRoots: { path: string; reason: string }[];
    unreadableFiles: { path: string; reason: string }[];
  };
}

beforeAll(async () => {
  root = hostileTree();
  alertLog = join(root, 'alerts.log');
  args = ['--dir', root, '--dir', join(root, 'gone\x1b]0;root\x07'), '--now', HOSTILE_NOW, '--tz', 'UTC', '--since', '2026-11-01'];
  [json, follow] = await Promise.all([
    runCli(['--json', '--alert-log', alertLog, ...args], isolatedEnv()),
    followOnce(join(root, 'follow-alerts.log')),
  ]);
}, 30_000);

describe('--json on the hostile tree', () => {
  it('is lossless JSON of the sanitised strings', () => {
    expect(json.code).toBe(0);
    const s = JSON.parse(json.stdout) as Snapshot;
    const projects = s.sessions.map((x) => x.project);
    for (const { project } of HOSTILE_SESSIONS) expect(projects).toContain(project);
    expect(projects).toContain(INJECTING_PROJECT);
    expect(s.sessions.map((x) => x.sessionId)).toContain(HOSTILE_SESSION_ID);
    expect(s.sessions.find((x) => x.sessionId === 's-title')?.cwd).toBe('/home/me/\\x1b]0;pwned\\x07');
    expect(s.diagnostics.unpricedModels.map((m) => m.model)).toEqual([HOSTILE_MODEL_SHOWN]);
    expect(s.limits.hits.map((h) => h.text)).toEqual([HOSTILE_HIT_SHOWN]);
  });

  it('names hostile files, folders and roots in diagnostics escaped', () => {
    const d = (JSON.parse(json.stdout) as Snapshot).diagnostics;
    expect(d.files.map((f) => f.file)).toEqual([join(root, 'projects', HOSTILE_FOLDER_SHOWN, HOSTILE_FILE_SHOWN)]);
    expect(d.files[0]?.samples.join('\n')).toContain('\\x1b]0;bad\\x07');
    expect(d.unreadableFiles.map((f) => f.path)).toEqual([join(root, 'projects', HOSTILE_FOLDER_SHOWN, 'dead\\x1b[2J\\n.jsonl')]);
    expect(d.unreadableRoots.map((r) => r.path)).toEqual([join(root, 'gone\\x1b]0;root\\x07')]);
  });

  it('carries no raw control, C1 or bidi code point in its text (JSON.stringify leaves C1 and bidi raw)', () => {
    expect(forbiddenIn(json.stdout)).toEqual([]);
    expect(forbiddenIn(json.stderr)).toEqual([]);
  });
});

describe('--json --follow on the hostile tree', () => {
  it('writes a first line with no raw control, C1 or bidi code point', async () => {
    expect(forbiddenIn(follow.first)).toEqual([]);
    expect((JSON.parse(follow.first) as Snapshot).sessions.map((x) => x.project)).toContain(HOSTILE_SESSIONS[0].project);
  });
});

describe('the plain-text snapshot (stdout not a terminal) of the hostile tree', () => {
  it('shows every hostile string escaped and nothing raw', async () => {
    const { code, stdout, stderr } = await runCli(args, isolatedEnv());
    expect(code).toBe(0);
    expect(forbiddenIn(stdout)).toEqual([]);
    expect(forbiddenIn(stderr)).toEqual([]);
    expect(stdout).toMatch(/^ +me\/\\x1b\]0;pwned\\x07 /m);
    expect(stdout).toContain(INJECTING_SHOWN_START);
    // The diagnostics wrap rather than cut, between words or inside a long path: read them whole.
    expect(stdout.split('\n').every((row) => displayWidth(row) <= 80)).toBe(true);
    const squash = (text: string) => text.replaceAll(/\s+/g, '');
    for (const shown of [BAD_FILE_SHOWN, DEAD_LINK_SHOWN, `${HOSTILE_MODEL_SHOWN} · `, `gone\\x1b]0;root\\x07: does not exist`]) {
      expect(squash(stdout)).toContain(squash(shown));
    }
  });
});

describe('--alert-log fed by the hostile tree', () => {
  /** One record per alert: one line each, exactly two tabs, the cwd escaped. */
  function expectRecords(text: string, snapshot: string): void {
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    // A record is `time<TAB>kind<TAB>message`: a forged line has no time, or a tab too many.
    const record = new RegExp(`^${HOSTILE_NOW.replaceAll('.', '\\.')}\t[^\t]+\t[^\t]+$`);
    for (const line of lines) {
      expect(line).toMatch(record);
      expect(forbiddenIn(line.replaceAll('\t', ' '))).toEqual([]);
    }
    // The limit hit in the window makes it full (95 %, which passes over 80 %, and limit reached) beside the spike.
    const fired = (JSON.parse(snapshot) as { alerts: { kind: string }[] }).alerts.map((a) => a.kind);
    expect(fired).toEqual(['window95', 'projectedHit', 'spike']);
    expect(lines.map((l) => l.split('\t')[1])).toEqual(fired);
    expect(lines[2]?.split('\t')[2]).toMatch(/^Spike: x\\nFAKE\\tALERT\\tinjected burning [\d,]+ tokens\/min$/);
  }

  it('holds one record per alert from a --follow run', () => {
    expectRecords(follow.log, follow.first);
  });

  it('holds every record of a --json run, which exits right after its snapshot', () => {
    expectRecords(readFileSync(alertLog, 'utf8'), json.stdout);
  });
});

/** Runs `--json --follow` until its first line and its alert log are out. */
async function followOnce(log: string): Promise<{ first: string; log: string }> {
  const child = startCli(['--json', '--follow', '--alert-log', log, ...args], isolatedEnv());
  let out = '';
  const first = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.on('close', () => reject(new Error(`exited before a line: ${out}`)));
  });
  // The records are written before the line that shows their alerts; the last of them is the spike's.
  for (const until = Date.now() + 10_000; !readText(log).includes('spike');) {
    if (Date.now() > until) throw new Error(`no spike record in the alert log:\n${readText(log)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  return { first, log: readText(log) };
}

function readText(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
