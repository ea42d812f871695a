/**
 * Mode 1's cursor: where `cctop feed` stands in each log file of its machine. A file's position
 * is `<next>:<inode>:<birthtimeMs>:<lineNo>` (next: the first byte of the unfinished line, so a
 * partial last line is read again whole); the receiver keeps positions without reading them.
 * A whole cursor (`--cursor`, the history store) is base64url of `{"v":1,"f":{<path>:<position>}}`.
 * On a new connection it goes first on the remote's stdin as `# cctop-cursor <cursor>`: a
 * comment to the script's `sh -s`, the cursor to `cctop feed --cursor=-`, and never on a command
 * line (one argument is capped at 128 KiB on Linux, a cursor of thousands of files is not).
 */

/** Where the feed's tailer stands in one file. */
export interface FilePos {
  next: number;
  ino: number;
  birthtimeMs: number;
  lineNo: number;
}

const COMMENT = '# cctop-cursor ';
const POS = /^(\d{1,16}):(\d{1,20}):(\d{1,16}(?:\.\d{1,9})?):(\d{1,16})$/;

/** A position as the feed sends it. */
export function encodePos(p: FilePos): string {
  return `${p.next}:${p.ino}:${p.birthtimeMs}:${p.lineNo}`;
}

/** A position read back, or null when it is not one (that file is then read from its start). */
export function decodePos(text: string): FilePos | null {
  const m = POS.exec(text);
  if (!m) return null;
  const [next, ino, birthtimeMs, lineNo] = m.slice(1).map(Number) as [number, number, number, number];
  return Number.isSafeInteger(next) && Number.isSafeInteger(lineNo) ? { next, ino, birthtimeMs, lineNo } : null;
}

/** The whole cursor of a map of positions. */
export function encodeCursor(files: ReadonlyMap<string, string>): string {
  return Buffer.from(JSON.stringify({ v: 1, f: Object.fromEntries(files) }), 'utf8').toString('base64url');
}

/** The positions of a cursor, or null when the text is not a cursor of this version. */
export function decodeCursor(text: string): Map<string, string> | null {
  if (text === '') return new Map();
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isObject(value) || value.v !== 1 || !isObject(value.f)) return null;
  const files = new Map<string, string>();
  for (const [path, pos] of Object.entries(value.f)) if (typeof pos === 'string') files.set(path, pos);
  return files;
}

/** Applies one batch's positions (null: the file is gone) to `files`. */
export function mergePositions(files: Map<string, string>, positions: ReadonlyMap<string, string | null>): void {
  for (const [path, pos] of positions) {
    if (pos === null) files.delete(path);
    else files.set(path, pos);
  }
}

/** The first line of the remote's stdin, carrying `cursor` ('' for none). */
export function cursorComment(cursor: string): string {
  return `${COMMENT}${cursor}\n`;
}

/** The cursor in a first stdin line, or null when the line is not a cursor comment. */
export function cursorFromComment(line: string): string | null {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  return text.startsWith(COMMENT) ? text.slice(COMMENT.length) : text === COMMENT.trimEnd() ? '' : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
