import { printPtyFrames, printStarts, type TreeReport } from './report.js';
import { median, MiB } from './stats.js';
import { freshStoreShare, warmStoreShare, type StoreShare } from './store-share.js';

/** The warm starts and the store's size against the log bytes it covers. */
export function printWarm(r: TreeReport): void {
  const runs = r.startupWarm ?? [];
  const appended = median(runs.map((x) => x.appendedBytes));
  printStarts(`(2w) warm default start, the store of a cold run (${(appended / MiB).toFixed(2)} MB appended before each)`, runs);
  printPtyFrames('(2s) warm screen first frame in a pty, the store of the warm runs', r.ptyFramesWarm);
  printStarts('(2w) warm default start, nothing new since the last run', r.startupWarmSame ?? []);
  const fresh = freshStoreShare(r);
  const warm = warmStoreShare(r);
  process.stdout.write(`  store size: after a cold first run ${fresh ? describe(fresh) : 'n/a'}; ` +
    `after every warm run ${warm ? describe(warm) : 'n/a'}\n`);
}

function describe(x: StoreShare): string {
  return `${(x.storeBytes / MiB).toFixed(1)} MB for ${(x.logBytes / MiB).toFixed(0)} MB of logs = ${x.percent.toFixed(2)} %`;
}
