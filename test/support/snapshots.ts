import { readFileSync } from 'node:fs';
import type { SnapshotView } from '../../src/snapshot/view.js';

/**
 * Real `cctop --json` snapshots for the exporter and MCP tests (dist/cli.js, 2026-02-10).
 *
 * `snapshot-plain.fixture.json`: `cctop --json --dir fixtures/real --now 2026-02-10T23:00:00Z
 * --tz UTC --since 2025-09-01` (no official reading, no limit hit).
 *
 * `snapshot-official.fixture.json`: the same over a copy of fixtures/real with one added
 * usage-limit line (`spotter/limit-hit.jsonl`: "You've hit your session limit · resets 5pm
 * (UTC)" at 2025-09-03T15:40:00Z), after `cctop statusline --now 2026-02-10T22:58:00Z` recorded
 * an official reading of 12.5 % (5-hour, resets 2026-02-11T02:00Z) and 41.2 % (7-day, resets
 * 2026-02-14T10:00Z), in an isolated HOME / XDG_STATE_HOME.
 */
function load(name: string): SnapshotView {
  return JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as SnapshotView;
}

/** A fresh copy of the snapshot without an official reading. */
export function plainSnapshot(): SnapshotView {
  return load('snapshot-plain.fixture.json');
}

/** A fresh copy of the snapshot with current official 5-hour and 7-day readings and one limit hit. */
export function officialSnapshot(): SnapshotView {
  return load('snapshot-official.fixture.json');
}
