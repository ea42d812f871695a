import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `fixtures/real/` of this repository (copies of /work/shared/real-logs). */
export const REAL_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/real');

/** Line `lineNo` (1-based) of a real fixture file, without its newline. */
export function fixtureLine(relative: string, lineNo: number): string {
  const lines = readFileSync(path.join(REAL_FIXTURES, relative), 'utf8').split('\n');
  const line = lines[lineNo - 1];
  if (line === undefined) throw new Error(`${relative} has no line ${lineNo}`);
  return line;
}
