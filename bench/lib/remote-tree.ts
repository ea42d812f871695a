import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { idFrom, randomFrom, responseLines, userLine } from '../../src/demo/lines.js';

/** The remote phase's trees: a devbox's (read over ssh) and a laptop's (read locally), with their sums. */
export interface RemoteTree {
  /** The remote config folder (holding projects/). */
  root: string;
  local: string;
  /** The remote session files, appended to round robin. */
  files: string[];
  /** Σ tokens of both trees, each response once (one is in both). */
  totalTokens: number;
  remoteBytes: number;
  firstDay: string;
}

/** One turn as Claude Code writes it: a tool result (no usage, skipped by both prefilters) and a response. */
export interface Turn {
  text: string;
  tokens: number;
  /** Bytes of its usage line alone. */
  usageBytes: number;
}

const CWD = '/home/dev/src/remote-bench';
const MODEL = 'claude-sonnet-4-5-20250929';

/** Writes `files` remote sessions of `turns` turns each, over the `spanMs` before `now`, and a small local tree. */
export function writeRemoteTree(dir: string, now: number, seed: number, files = 20, turns = 60, spanMs = 3 * 3_600_000): RemoteTree {
  const random = randomFrom(seed);
  const root = join(dir, 'devbox', 'claude');
  const tree: RemoteTree = { root, local: join(dir, 'laptop', 'claude'), files: [], totalTokens: 0, remoteBytes: 0, firstDay: new Date(now - spanMs).toISOString().slice(0, 10) };
  let shared = '';
  for (let f = 0; f < files; f++) {
    const sessionId = idFrom(random, 's-');
    const file = join(root, 'projects', '-home-dev-src-remote-bench', `${sessionId}.jsonl`);
    mkdirSync(join(file, '..'), { recursive: true });
    let text = '';
    for (let t = 0; t < turns; t++) {
      const turn = turnOf(random, sessionId, now - spanMs + ((t * files + f) * spanMs) / (files * turns), `${f}-${t}`);
      text += turn.text;
      tree.totalTokens += turn.tokens;
      if (f === 0 && t === 0) shared = turn.text;
    }
    writeFileSync(file, text);
    tree.files.push(file);
    tree.remoteBytes += Buffer.byteLength(text);
  }
  // The laptop's own turns, and a copy of the devbox's first (a synced tree): that one counts once.
  let local = shared;
  for (let t = 0; t < 5; t++) {
    const turn = turnOf(random, 'laptop-session', now - spanMs + t * 60_000, `laptop-${t}`);
    local += turn.text;
    tree.totalTokens += turn.tokens;
  }
  mkdirSync(join(tree.local, 'projects', 'laptop'), { recursive: true });
  writeFileSync(join(tree.local, 'projects', 'laptop', 'laptop-session.jsonl'), local);
  return tree;
}

/** Appends one turn stamped now to `file`; returns what it counts. */
export function appendTurn(file: string, random: () => number, tag: string): Turn {
  const sessionId = /([^/]+)\.jsonl$/.exec(file)![1]!;
  const turn = turnOf(random, sessionId, Date.now(), tag);
  appendFileSync(file, turn.text);
  return turn;
}

function turnOf(random: () => number, sessionId: string, time: number, tag: string): Turn {
  const result = 'x'.repeat(1000 + Math.floor(random() * 5000));
  const [input, output, cacheWrite, cacheRead] = [10, 50 + Math.floor(random() * 2000), Math.floor(random() * 3000), 20_000 + Math.floor(random() * 50_000)];
  const usage = responseLines({
    sessionId, cwd: CWD, model: MODEL, time, messageId: `msg_remote_${tag}`, requestId: `req_remote_${tag}`,
    input, output, cacheWrite, cacheRead, blocks: 1, padding: ' Done; the tests pass.'.repeat(20),
  })[0]!;
  return { text: userLine(sessionId, CWD, time - 500, result) + usage, tokens: input + output + cacheWrite + cacheRead, usageBytes: Buffer.byteLength(usage) };
}
