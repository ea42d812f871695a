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
  /** Something shown changed: records came in, or a machine's state. */
  onChange(): void;
  onNotice(text: string): void;
}

export class RemoteMachines {
  private sources: RemoteSources | null = null;
  private readonly syncs = new Map<string, HistorySync>();

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
      onState: () => this.opts.onChange(),
      onNotice: (text) => this.opts.onNotice(text),
    });
    this.sources.start();
  }

  /** Each machine's connection state, for the header and `--json`; empty before the start. */
  statuses(): MachineStatus[] {
    return this.sources?.statuses() ?? [];
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

  private syncOf(machine: string): HistorySync | null {
    const { history } = this.opts;
    let sync = this.syncs.get(machine);
    if (!sync && history) this.syncs.set(machine, (sync = new HistorySync(history.store, machine)));
    return sync ?? null;
  }
}
