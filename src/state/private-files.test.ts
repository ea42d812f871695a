import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBurnCache, writeBurnCache } from './burn-cache.js';
import { FIRED_ALERTS_FILE, firedAlertsFile } from './fired-alerts.js';
import { appendPrivate, LINK_REFUSED } from './private-files.js';
import { appendReading, stateFilePath } from './state-file.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cctop-state-'));
  made.push(dir);
  return dir;
}

const READING = { at: 1_770_000_000_000, sessionId: 's', model: 'm', fiveHour: null, sevenDay: null, sessionCostUSD: 1.5 };
const LINE = `${JSON.stringify(READING)}\n`;
const BURN = { at: 1_770_000_000_000, costPerHour: 2.5, tokensPerMinute: 900 };
const mode = (path: string) => statSync(path).mode & 0o777;

/** A file of someone else's that a link in the state folder points at. */
function target(dir: string): string {
  const path = join(dir, 'target.txt');
  writeFileSync(path, 'theirs\n');
  return path;
}

/** Runs `body` under `umask`, giving the process its own back after. */
function underUmask<T>(umask: number, body: () => T): T {
  const before = process.umask(umask);
  try {
    return body();
  } finally {
    process.umask(before);
  }
}

describe("cctop's state files", () => {
  it.each(['000', '777'])('are 0600 in folders made 0700, under a umask of %s', (mask) => {
    const umask = parseInt(mask, 8);
    const dir = join(tempDir(), 'state', 'cctop');
    underUmask(umask, () => {
      appendReading(dir, READING);
      writeBurnCache(dir, BURN);
      firedAlertsFile(dir).write({ fired: [], covered: [], quietUntil: {} }, (text) => expect.fail(text));
    });
    const modes = [join(dir, '..'), dir, stateFilePath(dir), join(dir, 'burn.json'), join(dir, FIRED_ALERTS_FILE)].map(mode);
    expect(modes).toEqual([0o700, 0o700, 0o600, 0o600, 0o600]);
    expect(readFileSync(stateFilePath(dir), 'utf8')).toBe(LINE);
    expect(readBurnCache(dir, BURN.at)).toEqual(BURN);
  });

  it('made readable by others by an older cctop become 0600 (their folder 0700) at the next write', () => {
    const dir = join(tempDir(), 'cctop');
    mkdirSync(dir, 0o755);
    writeFileSync(stateFilePath(dir), LINE, { mode: 0o644 });
    writeFileSync(join(dir, 'burn.json'), '{}', { mode: 0o644 });
    appendReading(dir, READING);
    writeBurnCache(dir, BURN);
    expect([mode(dir), mode(stateFilePath(dir)), mode(join(dir, 'burn.json'))]).toEqual([0o700, 0o600, 0o600]);
    expect(readFileSync(stateFilePath(dir), 'utf8')).toBe(LINE + LINE);
  });

  it('refuse a symbolic link at limits.jsonl and burn.json, and write nothing through it', () => {
    const dir = tempDir();
    const theirs = target(dir);
    symlinkSync(theirs, stateFilePath(dir));
    symlinkSync(theirs, join(dir, 'burn.json'));
    expect(() => appendReading(dir, READING)).toThrow(LINK_REFUSED);
    expect(() => writeBurnCache(dir, BURN)).toThrow(LINK_REFUSED);
    expect(readFileSync(theirs, 'utf8')).toBe('theirs\n');
    expect(readBurnCache(dir, BURN.at)).toBeNull();
  });

  it('refuse a symbolic link at alerts.json, saying so', () => {
    const dir = tempDir();
    const theirs = target(dir);
    symlinkSync(theirs, join(dir, FIRED_ALERTS_FILE));
    const problems: string[] = [];
    firedAlertsFile(dir).write({ fired: [], covered: [], quietUntil: {} }, (text) => problems.push(text));
    expect(problems).toEqual([`fired alerts (alerts.json): ${LINK_REFUSED}`]);
    expect(readFileSync(theirs, 'utf8')).toBe('theirs\n');
  });

  it('never create the file a dangling link names', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'created-by-cctop'), stateFilePath(dir));
    expect(() => appendReading(dir, READING)).toThrow(LINK_REFUSED);
    expect(existsSync(join(dir, 'created-by-cctop'))).toBe(false);
  });

  it('write burn.json through a temporary file whose name a link may hold, never through the link', () => {
    const dir = tempDir();
    const theirs = target(dir);
    symlinkSync(theirs, join(dir, `burn.json.${process.pid}.tmp`));
    writeBurnCache(dir, BURN);
    expect(readFileSync(theirs, 'utf8')).toBe('theirs\n');
    expect(readBurnCache(dir, BURN.at)).toEqual(BURN);
  });
});

describe('appendPrivate (the alert log)', () => {
  it('creates the file 0600 under a umask of 0, and leaves the mode of a file that was there', () => {
    const dir = tempDir();
    underUmask(0, () => appendPrivate(join(dir, 'alerts.log'), Buffer.from('one\n')));
    writeFileSync(join(dir, 'shared.log'), 'kept\n');
    chmodSync(join(dir, 'shared.log'), 0o644);
    appendPrivate(join(dir, 'shared.log'), Buffer.from('two\n'));
    expect([mode(join(dir, 'alerts.log')), mode(join(dir, 'shared.log'))]).toEqual([0o600, 0o644]);
    expect(readFileSync(join(dir, 'shared.log'), 'utf8')).toBe('kept\ntwo\n');
  });

  it('refuses a symbolic link, and what is not a regular file', () => {
    const dir = tempDir();
    const theirs = target(dir);
    symlinkSync(theirs, join(dir, 'alerts.log'));
    expect(() => appendPrivate(join(dir, 'alerts.log'), Buffer.from('x\n'))).toThrow(LINK_REFUSED);
    expect(readFileSync(theirs, 'utf8')).toBe('theirs\n');
    mkdirSync(join(dir, 'folder.log'));
    expect(() => appendPrivate(join(dir, 'folder.log'), Buffer.from('x\n'))).toThrow(/EISDIR/);
  });
});
