/** A line of `cctop --json --follow` that is a snapshot (`"type":"snapshot"`, first), not a heartbeat. */
export function isSnapshotLine(line: string): boolean {
  return line.startsWith('{"type":"snapshot"');
}
