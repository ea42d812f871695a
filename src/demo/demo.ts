import { existsSync, promises as fsp, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { idFrom, randomFrom, responseLines, userLine, type ResponseSpec } from './lines.js';

export interface Demo {
  /** The temporary Claude config folder the monitor watches. */
  root: string;
  banner: string;
  stop(): Promise<void>;
}

interface DemoSession {
  id: string;
  cwd: string;
  file: string;
  model: string;
}

const MINUTE = 60_000;
/** The real transcripts the demo re-times: beside the sources (src/demo/) or the bundle (dist/). */
const FIXTURES = [['..', '..'], ['..']]
  .map((up) => join(dirname(fileURLToPath(import.meta.url)), ...up, 'fixtures', 'real', 'spotter'))
  .find((dir) => existsSync(dir)) ?? join(process.cwd(), 'fixtures', 'real', 'spotter');

/**
 * A demo tree that grows while you look: real transcripts re-timed to the last hours, a few
 * days of generated history, then live appends through the same files-and-watcher path as
 * real logs — an agentic session with subagents, a model switch, and a spike every few minutes.
 */
export async function startDemo(opts: { clock: () => number; lookedIn: readonly string[]; explicit: boolean }): Promise<Demo> {
  const root = await fsp.mkdtemp(join(tmpdir(), 'cctop-demo-'));
  const projects = join(root, 'projects');
  const random = randomFrom(20261125);
  const now = opts.clock();
  await copyFixtures(projects, now);
  const sessions = await seedHistory(projects, now, random);
  const writer = new LiveWriter(sessions, opts.clock, random);
  writer.start();
  const removal = removeWithProcess(root);
  const banner = opts.explicit
    ? `DEMO · generated data, written live to ${root}`
    : `DEMO · no Claude Code logs in ${opts.lookedIn.join(', ')} · --dir PATH for yours`;
  return {
    root,
    banner,
    stop: async () => {
      writer.stop();
      removal.cancel();
      await fsp.rm(root, { recursive: true, force: true });
    },
  };
}

const SIGNALS = ['SIGHUP', 'SIGTERM', 'SIGINT'] as const;

/**
 * However the process ends, the folder goes with it: on exit (process.exit on a closed pipe or
 * terminal), and at once on SIGHUP, SIGTERM or SIGINT — a closed pane can send a second SIGHUP
 * that kills the process before its own shutdown gets to the folder. A signal nobody else
 * listens to is raised again, so it still ends the process as it would have.
 */
function removeWithProcess(root: string): { cancel(): void } {
  const remove = () => rmSync(root, { recursive: true, force: true });
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once('exit', remove);
  // Prepended, so `listenerCount` sees whoever else listens (their `once` listeners not yet gone).
  for (const signal of SIGNALS) process.prependOnceListener(signal, onSignal);
  return {
    cancel: () => {
      process.off('exit', remove);
      for (const signal of SIGNALS) process.off(signal, onSignal);
    },
  };
}

/** Copies the bundled real transcripts, shifting their timestamps so they end a while ago. */
async function copyFixtures(projects: string, now: number): Promise<void> {
  const files = [['short.jsonl', 90], ['tool_heavy.jsonl', 150]] as const;
  const dir = join(projects, '-home-marco-projects-spotter');
  await fsp.mkdir(dir, { recursive: true });
  for (const [name, minutesAgo] of files) {
    let text: string;
    try {
      text = await fsp.readFile(join(FIXTURES, name), 'utf8');
    } catch {
      continue;
    }
    await fsp.writeFile(join(dir, name), retime(text, now - minutesAgo * MINUTE));
  }
}

/** Moves every `"timestamp"` of a transcript by one offset so the last one lands at `end`. */
export function retime(text: string, end: number): string {
  const stamps = [...text.matchAll(/"timestamp":"([^"]+)"/g)].map((m) => Date.parse(m[1]!)).filter((t) => !Number.isNaN(t));
  if (stamps.length === 0) return text;
  const shift = end - Math.max(...stamps);
  return text.replace(/"timestamp":"([^"]+)"/g, (whole, iso: string) => {
    const t = Date.parse(iso);
    return Number.isNaN(t) ? whole : `"timestamp":"${new Date(t + shift).toISOString()}"`;
  });
}

/** Seeded history has a response every 1–3 minutes, live work one every 3–7 s: scale both to a similar burn. */
const SEED_SCALE = 2;
const LIVE_SCALE = 0.6;
const SPIKE_SCALE = 3;

const PROJECTS = [
  { cwd: '/home/dev/src/webapp', model: 'claude-opus-4-6' },
  { cwd: '/home/dev/src/api-server', model: 'claude-sonnet-4-5-20250929' },
  { cwd: '/home/dev/src/infra', model: 'claude-sonnet-4-6' },
];

/** Six days of sessions, plus today's, ending now; returns the sessions the live writer continues. */
async function seedHistory(projects: string, now: number, random: () => number): Promise<DemoSession[]> {
  const live: DemoSession[] = [];
  for (let day = 6; day >= 0; day--) {
    for (const [p, project] of PROJECTS.entries()) {
      if (day > 0 && random() < 0.3) continue;
      const session = await newSession(projects, project.cwd, project.model, random);
      const end = day === 0 ? now - (p === 2 ? 20 : 1) * MINUTE : now - day * 24 * 60 * MINUTE - p * 90 * MINUTE;
      const start = end - (60 + random() * 120) * MINUTE;
      let text = '';
      for (let t = start; t < end; t += (1 + random() * 2) * MINUTE) text += responseText(session, t, random, SEED_SCALE);
      await fsp.appendFile(session.file, text);
      if (day === 0) live.push(session);
    }
  }
  return live;
}

async function newSession(projects: string, cwd: string, model: string, random: () => number): Promise<DemoSession> {
  const id = idFrom(random, 's-');
  const dir = join(projects, cwd.replace(/\//g, '-'));
  await fsp.mkdir(dir, { recursive: true });
  return { id, cwd, model, file: join(dir, `${id}.jsonl`) };
}

/** One user turn and one streamed response; `scale` multiplies the token counts. */
function responseText(session: DemoSession, time: number, random: () => number, scale: number): string {
  return userLine(session.id, session.cwd, time - 2000, 'ok') + responseLines(spec(session, time, random, scale)).join('');
}

function spec(session: DemoSession, time: number, random: () => number, scale: number): ResponseSpec {
  return {
    sessionId: session.id, cwd: session.cwd, model: session.model, time,
    messageId: idFrom(random, 'msg_'), requestId: idFrom(random, 'req_'),
    input: Math.round(3 + random() * 40),
    output: Math.round((150 + random() * 900) * scale),
    cacheWrite: Math.round((500 + random() * 4000) * scale),
    cacheRead: Math.round((20_000 + random() * 60_000) * scale),
    blocks: 1 + Math.floor(random() * 4),
  };
}

/** Appends live: a response every 1–3 s, a subagent now and then, a model switch, and spikes. */
class LiveWriter {
  private timer: NodeJS.Timeout | null = null;
  private step = 0;
  private stopped = false;

  constructor(private readonly sessions: DemoSession[], private readonly clock: () => number, private readonly random: () => number) {}

  start(): void {
    this.schedule(800);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.write().finally(() => this.schedule(this.nextDelay())), delay);
    this.timer.unref?.();
  }

  /** Every 40 steps (about 2 minutes): 20 quick steps of spike in the infra session, 50 s in. */
  private spiking(): boolean {
    const phase = this.step % 40;
    return phase >= 10 && phase < 30;
  }

  private nextDelay(): number {
    return this.spiking() ? 1000 : 3000 + this.random() * 4000;
  }

  private async write(): Promise<void> {
    this.step++;
    const [agentic, , infra] = this.sessions;
    if (!agentic || !infra) return;
    if (this.step % 80 === 0) agentic.model = agentic.model.includes('opus') ? 'claude-sonnet-4-6' : 'claude-opus-4-6';
    const now = this.clock();
    try {
      if (this.spiking()) {
        await fsp.appendFile(infra.file, responseText(infra, now, this.random, SPIKE_SCALE));
      } else if (this.step % 7 === 0) {
        await this.writeSubagent(agentic, now);
      } else {
        await fsp.appendFile(agentic.file, responseText(agentic, now, this.random, LIVE_SCALE));
      }
    } catch {
      // The temporary folder was removed under us (demo stopping): nothing to do.
    }
  }

  private async writeSubagent(parent: DemoSession, now: number): Promise<void> {
    const dir = join(dirname(parent.file), parent.id, 'subagents');
    await fsp.mkdir(dir, { recursive: true });
    const agent = { ...parent, model: 'claude-haiku-4-5-20251001', file: join(dir, `agent-${this.step % 3}.jsonl`) };
    const lines = responseLines({ ...spec(agent, now, this.random, 0.5), isSidechain: true, agentId: `a${this.step % 3}` });
    await fsp.appendFile(agent.file, lines.join(''));
  }
}
