import { PREFILTER_MARKERS } from '../logs/parse-line.js';
import { FILE_ID } from './protocol.js';
import { HASH_PROBE, firstLineHash } from './script-awk.js';
import { SCRIPT_BODY } from './script-body.js';

/** What one run of the remote script starts from. */
export interface ScriptInput {
  /** The remote root the user named (`~/…` is the remote home), or undefined for the remote's defaults. */
  path?: string;
  /** Known offset per remote file: bytes before it are never sent again. */
  offsets: ReadonlyMap<string, number>;
  /** The id the script gave each file with its offset (protocol.ts), where known. */
  ids?: ReadonlyMap<string, string>;
  /** Passes between two full listings (the others only look at files newer than a marker). */
  fullEvery?: number;
  /** Passes (≈ seconds) between two heartbeats. */
  heartbeatEvery?: number;
  /** Bytes read per frame (more only for a longer line); 4 MiB unless set (tests). */
  chunkBytes?: number;
}

const OFFSETS_END = 'CCTOP_OFFSETS_END';

/** The complete sh program for `ssh host sh -s`, with the roots, markers and offsets written in. */
export function buildRemoteScript(input: ScriptInput): string {
  return [
    '# cctop remote feed (see src/remote/protocol.ts)',
    `CCTOP_EXPLICIT=${input.path === undefined ? 0 : 1}`,
    `CCTOP_FULL_EVERY=${positive(input.fullEvery, 30)}`,
    `CCTOP_HEARTBEAT_EVERY=${positive(input.heartbeatEvery, 5)}`,
    `CCTOP_CAP=${positive(input.chunkBytes, 4 * 2 ** 20)}`,
    // What the awk first-line hash must print for the probe line, where awk can hash at all.
    `CCTOP_HASH_CHECK=${firstLineHash(HASH_PROBE)}`,
    `cctop_roots() { ${input.path === undefined ? 'cctop_default_roots' : `printf '%s\\n' ${rootWord(input.path)}`}; }`,
    `cctop_grep() { grep $GA -F ${PREFILTER_MARKERS.map((m) => `-e ${shellQuote(m.toString('utf8'))}`).join(' ')}; }`,
    `CCTOP_MARKERS=${shellQuote(PREFILTER_MARKERS.map((m) => m.toString('utf8')).join('\n'))}`,
    'cctop_offsets() {',
    `cat <<'${OFFSETS_END}'`,
    ...offsetLines(input.offsets, input.ids ?? new Map()),
    OFFSETS_END,
    '}',
    SCRIPT_BODY,
    'cctop_main </dev/null',
    '',
  ].join('\n');
}

/**
 * The one command ssh runs (one line for the remote's login shell, whatever it is): `cctop feed`
 * where the remote has cctop, reading its cursor from stdin; the sh script on stdin where it has
 * not, or where cctop cannot run the feed (exit 2: a cctop without `feed` or a bad config there;
 * 126/127: no node for it), in which case stdin is still unread.
 */
export function remoteCommand(path?: string): string {
  const dir = path === undefined ? '' : ` --dir=${rootWord(path)}`;
  const probe = `if command -v cctop >/dev/null 2>&1; then cctop feed --cursor=-${dir}; s=$?; ` +
    'case $s in 2|126|127) ;; *) exit $s ;; esac; fi; exec sh -s';
  return `sh -c ${shellQuote(probe)}`;
}

/** `text` as one sh word, taken literally. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A remote path as an sh word: `~` and `~/…` are the remote's home. */
function rootWord(path: string): string {
  if (path === '~') return '"$HOME"';
  if (path.startsWith('~/')) return `"$HOME"${shellQuote(path.slice(1))}`;
  return shellQuote(path);
}

/**
 * "offset id path" lines (id `-` where unknown). Paths come from the remote's own listing; one
 * with a line break could not have been listed, and none can equal the here-doc's end word
 * (every line starts with a digit).
 */
function offsetLines(offsets: ReadonlyMap<string, number>, ids: ReadonlyMap<string, string>): string[] {
  const lines: string[] = [];
  for (const [file, offset] of offsets) {
    if (!Number.isSafeInteger(offset) || offset < 0 || /[\n\r\0]/.test(file) || file === '') continue;
    const id = ids.get(file) ?? '';
    lines.push(`${offset} ${FILE_ID.test(id) ? id : '-'} ${file}`);
  }
  return lines;
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}
