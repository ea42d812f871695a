import { appendFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualPollTimer } from '../../test/support/poll-timer.js';
import { nextPollDelay, POLL_MIN_MS, sweepCount, SWEEP_MS } from './poll-timing.js';
import { PollWatch } from './poll-watch.js';

describe('the polling pace', () => {
  it('waits 1 s after a change, then twice as long after each look that found nothing, up to 10 s', () => {
    const waits = [POLL_MIN_MS];
    for (let i = 0; i < 5; i++) waits.push(nextPollDelay(waits.at(-1)!, false));
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(nextPollDelay(10_000, true)).toBe(1000);
    expect(nextPollDelay(2000, true)).toBe(1000);
  });

  it('sweeps the share of the files that looks at each once a minute', () => {
    expect(sweepCount(20_000, 10_000)).toBe(3334);
    expect(sweepCount(20_000, 1000)).toBe(334);
    expect(sweepCount(3, 1000)).toBe(1);
    expect(sweepCount(3, 120_000)).toBe(3);
    expect(sweepCount(0, 1000)).toBe(0);
    expect(sweepCount(3, -5)).toBe(0);
  });
});

describe('PollWatch', () => {
  const DAY_AGO = new Date(Date.now() - 86_400_000);
  let tmp = '';
  let watch: PollWatch | null = null;
  afterEach(() => {
    watch?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** projects/-p/{a,b,c}.jsonl and projects/-p/s/subagents/x.jsonl, files and folders last changed a day ago. */
  function oldTree() {
    tmp = mkdtempSync(join(tmpdir(), 'cctop-poll-'));
    const projects = join(tmp, 'projects');
    const project = join(projects, '-p');
    const agents = join(project, 's', 'subagents');
    mkdirSync(agents, { recursive: true });
    const files = { a: join(project, 'a.jsonl'), b: join(project, 'b.jsonl'), c: join(project, 'c.jsonl'), x: join(agents, 'x.jsonl') };
    for (const file of Object.values(files)) writeFileSync(file, '{}\n');
    for (const path of [...Object.values(files), agents, join(project, 's'), project, projects]) utimesSync(path, DAY_AGO, DAY_AGO);
    return { projects, project, files };
  }

  function started(roots: string[]) {
    const seen: string[] = [];
    const timer = new ManualPollTimer();
    watch = new PollWatch(roots, { file: (path) => seen.push(`file ${path}`), removed: (path) => seen.push(`removed ${path}`) }, { timer, now: timer.now });
    watch.start();
    return { seen, timer };
  }

  it('reports nothing while nothing changes, waiting longer each time; an append to a file written recently at the next look, then waits 1 s', () => {
    const { projects, files } = oldTree();
    writeFileSync(files.a, '{}\n'); // written now: looked at on every poll
    const { seen, timer } = started([projects]);
    for (let i = 0; i < 5; i++) timer.fire();
    expect(seen).toEqual([]);
    appendFileSync(files.a, '{"more":1}\n');
    timer.fire();
    expect(seen).toEqual([`file ${files.a}`]);
    expect(timer.waits).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 1000]);
  });

  it('finds an append to a file not written for long within a minute, though its folder says nothing changed', () => {
    const { projects, files } = oldTree();
    const { seen, timer } = started([projects]);
    appendFileSync(files.b, '{"more":1}\n');
    timer.fireFor(SWEEP_MS);
    expect(seen).toEqual([`file ${files.b}`]);
  });

  it('sees a new file in a new folder at the next look', () => {
    const { projects } = oldTree();
    const { seen, timer } = started([projects]);
    const agents = join(projects, '-q', 'session', 'subagents');
    mkdirSync(agents, { recursive: true });
    writeFileSync(join(agents, 'agent-1.jsonl'), '{}\n');
    timer.fire();
    expect(seen).toEqual([`file ${join(agents, 'agent-1.jsonl')}`]);
  });

  it('says a file removed, and the files of a folder removed, are gone', () => {
    const { projects, project, files } = oldTree();
    const { seen, timer } = started([projects]);
    rmSync(files.c);
    rmSync(join(project, 's'), { recursive: true });
    timer.fire();
    expect(seen.sort()).toEqual([`removed ${files.c}`, `removed ${files.x}`]);
  });

  it('picks up a root created after the start', () => {
    tmp = mkdtempSync(join(tmpdir(), 'cctop-poll-'));
    const projects = join(tmp, 'later', 'projects');
    const { seen, timer } = started([projects]);
    timer.fire();
    mkdirSync(join(projects, '-p'), { recursive: true });
    writeFileSync(join(projects, '-p', 'a.jsonl'), '{}\n');
    timer.fire();
    expect(seen).toEqual([`file ${join(projects, '-p', 'a.jsonl')}`]);
  });

  it('looks no more once closed', () => {
    const { projects } = oldTree();
    const { timer } = started([projects]);
    watch!.close();
    expect(() => timer.fire()).toThrow('no look is pending');
  });
});
