import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { cctopOnPath } from './support/remote-cctop.js';
import { usageLine, userLine, writeLog } from './support/remote-logs.js';
import { sshdMissing, startSshd } from './support/sshd.js';

const missing = sshdMissing();
const NOW = '2026-02-10T23:00:00Z';
const good = (n: number) => usageLine({ id: `msg_${n}`, requestId: `req_${n}`, output: 100 + n, timestamp: '2026-02-10T22:00:00Z' });
const tokens = (...ns: number[]) => ns.reduce((a, n) => a + 3 + 100 + n + 7883 + 17_915, 0);
/** Holds the marker, so the script sends it too; not a usage record. */
const BAD_SHAPE = '{"type":"assistant","message":{"usage":"lots"}}';
const TRUNCATED = good(9).slice(0, good(9).indexOf('"usage"') + 30);
const USER = userLine('hello');

interface FileDiagnostics {
  file: string;
  lines: number;
  badLines: number;
  samples: string[];
}
interface Snapshot {
  days: { tokens: { total: number } }[];
  diagnostics: { badLines: number; linesRead: number; files: FileDiagnostics[] };
}

describe.skipIf(missing !== null)('bad lines on a remote reach the local diagnostics, in both modes, over a real sshd', () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function run(withCctop: boolean): Promise<{ s: Snapshot; a: string; b: string }> {
    const scratch = mkdtempSync(join(tmpdir(), 'cctop-remote-bin-'));
    cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
    const sshd = await startSshd(withCctop ? { pathEnv: cctopOnPath(scratch).pathEnv } : {});
    cleanups.push(() => sshd.dispose());
    const local = join(scratch, 'laptop');
    writeLog(local, 'p', 'laptop.jsonl', [good(1)]);
    const remote = join(sshd.dir, 'claude');
    const a = writeLog(remote, 'p', 'a.jsonl', [good(2), BAD_SHAPE, USER, TRUNCATED]);
    const b = writeLog(remote, 'q', 'b.jsonl', [BAD_SHAPE, good(3)]);
    const { code, stdout, stderr } = await runCli(['--json', '--dir', local, '--remote', `ssh://127.0.0.1${remote}`, '--ssh-command', sshd.sshCommand,
      '--now', NOW, '--tz', 'UTC', '--since', '2026-02-01', '--no-store']);
    expect([code, stderr]).toEqual([0, '']);
    return { s: JSON.parse(stdout) as Snapshot, a, b };
  }
  const total = (s: Snapshot) => s.days.reduce((x, d) => x + d.tokens.total, 0);

  it('mode 2 (the sh script): per remote file, of the lines it sent', async () => {
    const { s, a, b } = await run(false);
    expect(total(s)).toBe(tokens(1, 2, 3));
    expect(s.diagnostics.badLines).toBe(3);
    const files = s.diagnostics.files.map(({ file, lines, badLines }) => ({ file, lines, badLines }));
    expect(files.sort((x, y) => x.file.localeCompare(y.file))).toEqual([
      { file: `127.0.0.1:${a}`, lines: 3, badLines: 2 },
      { file: `127.0.0.1:${b}`, lines: 2, badLines: 1 },
    ]);
  }, 60_000);

  it('mode 1 (cctop feed): per machine, of every line read there, each sample naming its remote file', async () => {
    const { s, a, b } = await run(true);
    expect(total(s)).toBe(tokens(1, 2, 3));
    expect(s.diagnostics.badLines).toBe(3);
    expect(s.diagnostics.linesRead).toBe(1 + 6);
    const [entry, ...others] = s.diagnostics.files;
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ file: '127.0.0.1:cctop feed', lines: 6, badLines: 3 });
    expect(entry!.samples.map((x) => x.replace(/: line (\d+): .*/, ' line $1')).sort()).toEqual([`${a} line 2`, `${a} line 4`, `${b} line 1`].sort());
  }, 60_000);
});
