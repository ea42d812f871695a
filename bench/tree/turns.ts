import { idFrom, type ResponseSpec } from '../../src/demo/lines.js';

/** One API response before it has a time: tokens, streamed blocks, padding size. */
export type ResponseDraft = Omit<ResponseSpec, 'time' | 'sessionId' | 'cwd' | 'padding'> & { paddingChars: number };

export interface TurnDraft {
  /** Characters of the user line's tool result. */
  userChars: number;
  response: ResponseDraft;
  /** A subagent started in this turn: its responses (its own file, plus progress copies here). */
  subagent: { agentId: string; responses: ResponseDraft[] } | null;
  /** A damaged or invalid line written in this turn. */
  malformed: MalformedKind | null;
}

export type MalformedKind = 'truncated' | 'spliced' | 'binary' | 'wrong-type' | 'bad-timestamp';
const MALFORMED: MalformedKind[] = ['truncated', 'spliced', 'binary', 'wrong-type', 'bad-timestamp'];

const SUBAGENT_SHARE = 0.04;
const MALFORMED_SHARE = 0.0004;
/** Bytes of an assistant, user and progress line around their padding (measured). */
const ASSISTANT_LINE = 735;
const USER_LINE = 320;
const PROGRESS_EXTRA = 360;

/** Turns until their estimated size reaches `bytes`; returns them with that size. */
export function draftTurns(random: () => number, model: string, bytes: number): { turns: TurnDraft[]; bytes: number } {
  const turns: TurnDraft[] = [];
  let size = 0;
  while (size < bytes) {
    const turn = draftTurn(random, model);
    turns.push(turn);
    size += turnBytes(turn);
  }
  return { turns, bytes: size };
}

function draftTurn(random: () => number, model: string): TurnDraft {
  const subagent = random() < SUBAGENT_SHARE
    ? { agentId: idFrom(random, 'a').slice(0, 8), responses: Array.from({ length: 2 + Math.floor(random() * 10) }, () => draftResponse(random, 'claude-haiku-4-5-20251001')) }
    : null;
  return {
    userChars: toolResultChars(random),
    response: draftResponse(random, random() < 0.003 ? '<synthetic>' : model),
    subagent,
    malformed: random() < MALFORMED_SHARE ? MALFORMED[Math.floor(random() * MALFORMED.length)]! : null,
  };
}

/** About the bytes a turn writes (within a few percent: JSON escapes of the filler vary). */
function turnBytes(turn: TurnDraft): number {
  const response = (r: ResponseDraft) => r.blocks * (r.paddingChars + ASSISTANT_LINE);
  const agent = turn.subagent ? turn.subagent.responses.reduce((a, r) => a + 2 * response(r) + r.blocks * PROGRESS_EXTRA, 400) : 0;
  return turn.userChars + USER_LINE + response(turn.response) + agent;
}

/** Mostly small, sometimes a file, rarely a multi-MB dump. */
function toolResultChars(random: () => number): number {
  const r = random();
  if (r < 0.75) return 100 + Math.floor(random() * 2_000);
  if (r < 0.95) return 2_000 + Math.floor(random() * 18_000);
  if (r < 0.997) return 20_000 + Math.floor(random() * 180_000);
  return 1_000_000 + Math.floor(random() * 3_000_000);
}

function draftResponse(random: () => number, model: string): ResponseDraft {
  const synthetic = model === '<synthetic>';
  const r = random();
  const paddingChars = r < 0.75 ? 50 + Math.floor(random() * 750) : r < 0.95 ? 1_000 + Math.floor(random() * 5_000) : 10_000 + Math.floor(random() * 30_000);
  return {
    model,
    messageId: idFrom(random, 'msg_01'),
    requestId: idFrom(random, 'req_011C'),
    input: synthetic ? 0 : random() < 0.05 ? 1_000 + Math.floor(random() * 20_000) : 1 + Math.floor(random() * 50),
    output: synthetic ? 0 : 5 + Math.floor(random() * random() * 4_000),
    cacheWrite: synthetic ? 0 : Math.floor(random() * random() * 15_000),
    cacheRead: synthetic ? 0 : 10_000 + Math.floor(random() * 170_000),
    blocks: 1 + Math.floor(random() * random() * 5),
    paddingChars,
  };
}
