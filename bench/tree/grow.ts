import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomFrom } from '../../src/demo/lines.js';
import type { GeneratedTree } from '../generate.js';
import { ExpectedTotals, type CountedTokens } from './expected.js';
import { Filler } from './filler.js';
import { makeProjects, MINUTE } from './plan.js';
import { SessionWriter, type SessionRef } from './session.js';
import { draftTurns, type TurnDraft } from './turns.js';

/** A turn may overshoot what is left to write by this much (a multi-MB dump would not be "~1 MB"). */
const OVERSHOOT = 64 * 1024;

/**
 * Goes on writing a generated tree after the fact, as Claude Code does: realistic turns
 * (tool results, streamed responses, subagents, now and then a damaged line) appended to the
 * sessions still running, timed just before now; the tree's expected sums follow exactly.
 */
export class TreeGrower {
  private readonly random: () => number;
  private readonly filler: Filler;

  constructor(private readonly tree: GeneratedTree, seed: number) {
    this.random = randomFrom(seed);
    this.filler = new Filler(this.random);
  }

  /** About `bytes` of new turns, shared by the running sessions; returns the bytes written. */
  grow(bytes: number): number {
    const now = Date.now();
    const totals = ExpectedTotals.resume(this.tree.expected, now);
    const writer = new SessionWriter({ projects: join(this.tree.root, 'projects'), random: this.random, filler: this.filler, expected: totals, now });
    const files = this.tree.liveFiles;
    let written = 0;
    let newFiles = 0;
    for (const path of files) {
      const session = sessionOf(path);
      const turns = this.turns(session.project.model, bytes / files.length);
      const to = now - 1000;
      const from = Math.min(to, Math.max(statSync(path).mtimeMs, now - 10 * MINUTE));
      const out = writer.append(session, path, turns, from, to);
      newFiles += out.length - 1;
      written += out.reduce((a, f) => a + f.bytes, 0);
    }
    this.commit(totals, written, newFiles);
    return written;
  }

  /** Counts responses written by someone else (the append-latency run) into the expected sums. */
  count(responses: readonly CountedTokens[], bytes: number): void {
    const totals = ExpectedTotals.resume(this.tree.expected, Date.now());
    for (const r of responses) totals.count(r);
    this.commit(totals, bytes, 0);
  }

  private commit(totals: ExpectedTotals, bytes: number, newFiles: number): void {
    const e = this.tree.expected;
    this.tree.expected = totals.toJSON({ seed: e.seed, files: e.files + newFiles, bytes: e.bytes + bytes });
  }

  private turns(model: string, bytes: number): TurnDraft[] {
    const turns: TurnDraft[] = [];
    let left = bytes;
    while (left > 0) {
      const { turns: [turn], bytes: size } = draftTurns(this.random, model, 1);
      if (size > left + OVERSHOOT) continue;
      turns.push(turn!);
      left -= size;
    }
    return turns;
  }
}

/** The session a main log file belongs to: its id is the file's name, its project the folder's. */
function sessionOf(path: string): SessionRef {
  const dir = basename(dirname(path));
  const project = makeProjects().find((p) => p.dir === dir);
  if (!project) throw new Error(`${path}: not in a generated project folder`);
  return { id: basename(path, '.jsonl'), project };
}
