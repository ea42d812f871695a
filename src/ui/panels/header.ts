import type { SpikeSummary } from '../../usage/session-types.js';
import { formatAge, formatClock, formatCount } from '../kit/format.js';
import { cutRow, row, span, type Line } from '../kit/Lines.js';
import { displayWidth, truncate } from '../kit/width.js';
import type { LoadingState, MachineStatus } from '../../engine/types.js';

/** An event within this long counts as live. */
const LIVE_MS = 60_000;

interface HeaderInput {
  /** Plan label ("Max"). */
  planLabel: string;
  /** IANA zone of the clock. */
  timeZone: string;
  /** The current time (epoch ms). */
  now: number;
  /** Number of log files being watched. */
  filesWatched: number;
  /** Time of the newest usage event, null before any. */
  lastEventAt: number | null;
  /** History backfill progress. */
  loading: LoadingState;
  /** Sessions spiking right now. */
  spikes: SpikeSummary[];
  /** The ssh remotes and their states ("devbox ● 2s"); none without remotes. */
  machines?: readonly MachineStatus[];
  /** The numbers are the demo's: the first row says so, in every view. */
  demo?: boolean;
  /** An extra notice line (demo mode…), none when null. */
  banner?: string | null;
  /** Width in columns: the spike's project and the banner are cut to it. */
  width: number;
  /** Colour on or off. */
  color: boolean;
}

/** Share of history loaded, by bytes when known, else by files. */
function loadedFraction(l: LoadingState): number {
  if (l.bytesTotal > 0) return l.bytesRead / l.bytesTotal;
  return l.filesTotal > 0 ? l.filesRead / l.filesTotal : 0;
}

/** "loading history 42% (1.2k/3k files)", or "loading…" before the files are counted. */
function loadingText(l: LoadingState): string {
  if (l.filesTotal === 0) return 'loading…';
  const pct = Math.floor(loadedFraction(l) * 100);
  return `loading history ${pct}% (${formatCount(l.filesRead)}/${formatCount(l.filesTotal)} files)`;
}

/** Rows of the header: title, activity, then loading and banner when any. */
export function headerLines(p: HeaderInput): Line[] {
  // One state: a session spiking now is usage now, so never "○ idle" beside "⚡ spiking".
  const live = p.spikes.length > 0 || (p.lastEventAt !== null && p.now - p.lastEventAt <= LIVE_MS);
  // Minutes only: an idle monitor redraws once a minute (see Monitor.tick).
  const clock = formatClock(p.now, p.timeZone);
  const lines: Line[] = [
    row(
      span('cctop', 'title', p.color),
      p.demo ? span(' DEMO', 'warn', p.color) : '',
      ` · ${p.planLabel} · ${p.timeZone} ${clock} `,
      live ? span('● live', 'ok', p.color) : span('○ idle', 'dim', p.color),
    ),
  ];
  const last = p.lastEventAt === null ? 'no events yet' : `last event ${formatAge(p.now - p.lastEventAt)}`;
  const spike = p.spikes[0];
  const activity = `${formatCount(p.filesWatched)} files · ${last}`;
  const spiking = spike ? truncate(` · ⚡ ${spike.project} spiking`, p.width - displayWidth(activity)) : '';
  lines.push(row(activity, span(spiking, 'danger', p.color)));
  if (!p.loading.done) lines.push(row(span(loadingText(p.loading), 'warn', p.color)));
  if (p.machines && p.machines.length > 0) lines.push(machinesLine(p.machines, p.width, p.color));
  if (p.banner) lines.push(cutRow(p.banner, p.width, 'accent', p.color));
  return lines;
}

const MACHINE_MARK: Record<MachineStatus['state'], { mark: string; tone: 'ok' | 'warn' | 'danger' }> = {
  live: { mark: '●', tone: 'ok' }, connecting: { mark: '○', tone: 'warn' }, retrying: { mark: '↻', tone: 'warn' }, failed: { mark: '✕', tone: 'danger' },
};

/** "local ● · devbox ● 2s · gpu ✕": each remote with its state and how long ago it last spoke. */
function machinesLine(machines: readonly MachineStatus[], width: number, color: boolean): Line {
  const parts: (string | ReturnType<typeof span>)[] = [];
  let used = 0;
  for (const m of machines) {
    const { mark, tone } = MACHINE_MARK[m.state];
    const lag = m.lagMs === null ? '' : ` ${formatAge(m.lagMs).replace(' ago', '')}`;
    const text = `${parts.length ? ' · ' : ''}${m.machine} ${mark}${lag}`;
    if (used + displayWidth(text) > width) break;
    used += displayWidth(text);
    parts.push(span(text, tone, color));
  }
  return row(...parts);
}
