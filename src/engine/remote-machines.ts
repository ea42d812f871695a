import type { FeedState } from '../remote/feed.js';
import { HistorySync } from './history-sync.js';
import type { LogReader } from './reader.js';
import { RemoteSources } from './remote-sources.js';
import type { MachineStatus } from './types.js';

/** The ssh remotes of a monitor (`--remote`): their feeds read into its reader, each machine into its own history. */

export interface RemoteMachinesOptions {
  remotes: readonly string[];
  sshCommand: string;
  /** A one-shot report: each remote tried once, within a bound. */
  once?: boolean;
  timeZone: string;
  /** The local history; each remote's records go to the same store under the machine's name. */
  history: HistorySync | null;
  reader: LogReader;
  /** The engine's clock: when a retrying machine's next try is. */
  clock(): number;
  /** Something shown changed: records came in, or a machine's state. */
  onChange(): void;
  onNotice(text: string): void;
}

export class RemoteMachines {
  private sources: RemoteSources | null = null;
  private readonly syncs = new Map<string, HistorySync>();
  /** Per retrying machine, when its next try starts (the feed says in how long, when it starts waiting). */
  private readonly retryAt = new Map<string, number>();

  constructor(private readonly opts: RemoteMachinesOptions) {}

  /** Starts reading every remote (after the first frame: the local window comes first). */
  start(): void {
    const { remotes, sshCommand, once, timeZone, history, reader } = this.opts;
    this.sources = new RemoteSources({
      remotes, sshCommand, once, timeZone, store: history?.store ?? null,
      onBatch: (batch) => {
        reader.absorbRemote(batch, this.syncOf(batch.machine));
        this.opts.onChange();
      },
      onState: (machine, state) => {
        this.noteRetry(machine, state);
        this.opts.onChange();
      },
      onNotice: (text) => this.opts.onNotice(text),
    });
    this.sources.start();
  }

  /** Each machine's connection state (a retrying one's with its next try), for the header, `d` and `--json`; empty before the start. */
  statuses(): MachineStatus[] {
    return (this.sources?.statuses() ?? []).map((status) => {
      const retryAt = status.state === 'retrying' ? this.retryAt.get(status.machine) : undefined;
      return retryAt === undefined ? status : { ...status, retryAt };
    });
  }

  /** Waits until every remote has sent what it had, at most `timeoutMs`. */
  async whenSynced(timeoutMs: number): Promise<void> {
    await this.sources?.whenSynced(timeoutMs);
  }

  /** Writes the records held for each machine's history. */
  flush(): void {
    for (const sync of this.syncs.values()) sync.flush();
  }

  async close(): Promise<void> {
    await this.sources?.close();
  }

  private noteRetry(machine: string, state: FeedState): void {
    if (state.state === 'retrying' && state.retryInMs !== undefined) this.retryAt.set(machine, this.opts.clock() + state.retryInMs);
    else this.retryAt.delete(machine);
  }

  private syncOf(machine: string): HistorySync | null {
    const { history } = this.opts;
    let sync = this.syncs.get(machine);
    if (!sync && history) this.syncs.set(machine, (sync = new HistorySync(history.store, machine)));
    return sync ?? null;
  }
}
