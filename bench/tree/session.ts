import { appendFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { responseLines, userLine, type ResponseSpec } from '../../src/demo/lines.js';
import type { ExpectedTotals } from './expected.js';
import type { Filler } from './filler.js';
import type { SessionPlan } from './plan.js';
import { type MalformedKind, type ResponseDraft, type TurnDraft } from './turns.js';

export interface WriterContext {
  projects: string;
  random: () => number;
  filler: Filler;
  expected: ExpectedTotals;
  now: number;
}

export interface WrittenFile {
  path: string;
  bytes: number;
}

const MINUTE = 60_000;

/** What a session's lines say about it. */
export type SessionRef = Pick<SessionPlan, 'id' | 'project'>;

/** Writes one session (and its subagents' files); every response is counted once in `expected`. */
export class SessionWriter {
  /** Main file and usage-line count per session id, for resumed copies. */
  private readonly written = new Map<string, { path: string; usageLines: number }>();

  constructor(private readonly ctx: WriterContext) {}

  write(plan: SessionPlan): WrittenFile[] {
    const { projects, random } = this.ctx;
    const main = new FileBuilder(join(projects, plan.project.dir, `${plan.id}.jsonl`));
    const original = plan.resumeOf ? this.written.get(plan.resumeOf.id) : undefined;
    if (original) {
      main.add(readFileSync(original.path), original.usageLines);
      this.ctx.expected.copies += original.usageLines;
    }
    const { turns } = plan;
    const agents: FileBuilder[] = [];
    const span = plan.end - plan.start;
    turns.forEach((turn, i) => {
      const time = Math.min(plan.start + ((i + random() * 0.5) * span) / turns.length, this.ctx.now - 10_000);
      const agent = this.writeTurn(plan, turn, time, main);
      if (agent) agents.push(agent);
    });
    this.written.set(plan.id, { path: main.path, usageLines: main.usageLines });
    return [main, ...agents].map((f) => f.flush());
  }

  /**
   * Appends turns to a session's existing main file, as Claude Code goes on writing it: spread
   * over `[from, to]`, each response counted once; returns what was written (a subagent's file
   * is new).
   */
  append(session: SessionRef, path: string, turns: readonly TurnDraft[], from: number, to: number): WrittenFile[] {
    const main = new FileBuilder(path, true);
    const agents: FileBuilder[] = [];
    turns.forEach((turn, i) => {
      const agent = this.writeTurn(session, turn, from + (i * (to - from)) / turns.length, main);
      if (agent) agents.push(agent);
    });
    return [main, ...agents].map((f) => f.flush());
  }

  private writeTurn(plan: SessionRef, turn: TurnDraft, time: number, main: FileBuilder): FileBuilder | null {
    const { filler, random } = this.ctx;
    const { id, project } = plan;
    const lines = this.responseLinesOf(plan, turn.response, time + 3_000, {});
    if (turn.malformed) this.writeMalformed(turn.malformed, plan, lines[0]!, time, main);
    main.add(userLine(id, project.cwd, time, filler.text(random, turn.userChars)), 0);
    for (const line of lines) main.add(line, 1);
    if (!turn.subagent) return null;
    const { agentId, responses } = turn.subagent;
    const agent = new FileBuilder(join(dirname(main.path), id, 'subagents', `agent-${agentId}.jsonl`));
    responses.forEach((draft, j) => {
      const agentLines = this.responseLinesOf(plan, draft, time + 5_000 + j * 1_500, { isSidechain: true, agentId });
      for (const line of agentLines) {
        agent.add(line, 1);
        main.add(progressLine(plan, line, agentId, j === 0 ? filler.text(random, 400) : undefined), 1);
      }
      this.ctx.expected.copies += agentLines.length;
    });
    return agent;
  }

  /** The streamed lines of one response, counted once in the expected totals. */
  private responseLinesOf(plan: SessionRef, draft: ResponseDraft, at: number, extra: Partial<ResponseSpec>): string[] {
    const time = sameMinute(Math.min(at, this.ctx.now - 1_000), draft.blocks);
    const spec: ResponseSpec = {
      ...draft, ...extra, time, sessionId: plan.id, cwd: plan.project.cwd,
      padding: ' ' + this.ctx.filler.text(this.ctx.random, draft.paddingChars),
    };
    this.ctx.expected.count({ time, input: draft.input, output: draft.output, cacheWrite: draft.cacheWrite, cacheRead: draft.cacheRead });
    this.ctx.expected.copies += draft.blocks - 1;
    return responseLines(spec);
  }

  private writeMalformed(kind: MalformedKind, plan: SessionRef, sample: string, time: number, main: FileBuilder): void {
    const { random } = this.ctx;
    this.ctx.expected.malformedLines++;
    const cut = sample.slice(0, Math.floor(sample.length * (0.3 + 0.6 * random())));
    if (kind === 'truncated') main.add(cut + '\n', 0);
    else if (kind === 'spliced') main.add(cut, 0); // the user line that follows is glued to it
    else if (kind === 'binary') main.add(binaryLine(random), 0);
    else main.add(invalidUsageLine(kind, plan, time), 0);
  }
}

/** A usage line that must not count: a token count of the wrong type, or a timestamp that is not a date. */
function invalidUsageLine(kind: 'wrong-type' | 'bad-timestamp', plan: SessionRef, time: number): string {
  const line = responseLines({
    sessionId: plan.id, cwd: plan.project.cwd, model: plan.project.model, time,
    messageId: `msg_bad_${time}`, requestId: `req_bad_${time}`, input: 12, output: 34, cacheWrite: 56, cacheRead: 78, blocks: 1,
  })[0]!;
  if (kind === 'wrong-type') return line.replace('"input_tokens":12', '"input_tokens":"12"');
  return line.replace(/"timestamp":"[^"]+"/, '"timestamp":"not a date"');
}

function binaryLine(random: () => number): Buffer {
  const bytes = Buffer.alloc(300);
  for (let i = 0; i < bytes.length; i++) bytes[i] = i % 50 === 7 ? 0 : 0x80 + Math.floor(random() * 0x80);
  return Buffer.concat([bytes, Buffer.from('\n')]);
}

/** A parent's `progress` line holding a copy of one of its subagent's streamed lines. */
function progressLine(plan: SessionRef, agentLine: string, agentId: string, prompt: string | undefined): string {
  const inner = JSON.parse(agentLine) as { timestamp: string; requestId: string; uuid: string; message: { id: string } };
  return JSON.stringify({
    parentUuid: null, isSidechain: false, userType: 'external', cwd: plan.project.cwd, sessionId: plan.id, version: '2.1.39',
    type: 'progress',
    data: {
      message: { type: 'assistant', timestamp: inner.timestamp, message: inner.message, requestId: inner.requestId, uuid: inner.uuid },
      normalizedMessages: [], type: 'agent_progress', ...(prompt ? { prompt } : {}), agentId,
    },
    toolUseID: `agent_${inner.message.id}`, parentToolUseID: 'toolu_01', uuid: `p-${inner.uuid}`,
    timestamp: new Date(Date.parse(inner.timestamp) + 1).toISOString(),
  }) + '\n';
}

/** Moves a response back a second when its streamed copies (7 ms apart) would cross a minute. */
function sameMinute(time: number, blocks: number): number {
  const t = Math.floor(time);
  return t % MINUTE > MINUTE - 1_000 - blocks * 10 ? t - 1_000 : t;
}

/** Collects one file's bytes, then writes (or appends) them, its mtime at its last line's time. */
class FileBuilder {
  private readonly parts: Buffer[] = [];
  usageLines = 0;
  private lastTime = 0;

  constructor(readonly path: string, private readonly append = false) {}

  add(content: string | Buffer, usageLines: number): void {
    this.parts.push(typeof content === 'string' ? Buffer.from(content) : content);
    this.usageLines += usageLines;
    if (typeof content === 'string') this.lastTime = Math.max(this.lastTime, lastTimestamp(content));
  }

  flush(): WrittenFile {
    const bytes = Buffer.concat(this.parts);
    mkdirSync(dirname(this.path), { recursive: true });
    if (this.append) appendFileSync(this.path, bytes);
    else writeFileSync(this.path, bytes);
    if (this.lastTime > 0) utimesSync(this.path, (this.lastTime + 500) / 1000, (this.lastTime + 500) / 1000);
    return { path: this.path, bytes: bytes.length };
  }
}

function lastTimestamp(line: string): number {
  const at = line.lastIndexOf('"timestamp":"');
  if (at === -1) return 0;
  const t = Date.parse(line.slice(at + 13, line.indexOf('"', at + 13)));
  return Number.isFinite(t) ? t : 0;
}
