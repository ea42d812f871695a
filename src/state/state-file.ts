import { lstatSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { officialRecordLine, type OfficialReading } from './official-record.js';
import { appendPrivate, makeStateFolder, refuseLink } from './private-files.js';

/** `<stateDir>/limits.jsonl`: one official reading per line, appended by `cctop statusline`. */
export const STATE_FILE = 'limits.jsonl';
/** Past this size the file moves to `limits.jsonl.1` (replacing the one before) and starts afresh. */
export const MAX_STATE_BYTES = 1024 * 1024;

export function stateFilePath(dir: string): string {
  return join(dir, STATE_FILE);
}

export function rotatedStateFilePath(dir: string): string {
  return `${stateFilePath(dir)}.1`;
}

/**
 * Appends one reading as a whole line in a single write to a file opened with O_APPEND, so lines
 * of concurrent sessions never interleave. Rotates first when the line would take the file past
 * 1 MB. The folder is 0700 and the file 0600; a symbolic link at the file is refused (thrown).
 */
export function appendReading(dir: string, reading: OfficialReading): void {
  makeStateFolder(dir);
  const file = stateFilePath(dir);
  refuseLink(file);
  const line = Buffer.from(officialRecordLine(reading));
  const size = sizeOf(file);
  // A rename replaces a link at the rotated name; it never writes through one.
  if (size > 0 && size + line.length > MAX_STATE_BYTES) renameSync(file, rotatedStateFilePath(dir));
  appendPrivate(file, line, { tighten: true });
}

function sizeOf(file: string): number {
  try {
    return lstatSync(file).size;
  } catch {
    return 0;
  }
}
