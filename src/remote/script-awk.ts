/**
 * The awk programs of the remote script (script-body.ts). State, update and todo files hold
 * "offset id path" and "flag offset size id path" lines; an id is `<inode>` or
 * `<inode>:<first line hash>` (protocol.ts), a path the rest of its line.
 */

/** Bytes of a file's first line that its hash covers. */
const HASHED = 1024;
const MODULUS = 4294967291;

/**
 * The hash of a file's first line (its first 1 KiB): with the inode, what tells a replaced file
 * from the one read before, when the new one is at least as long. `ord` fills itself on first use.
 */
const AWK_HASH = String.raw`
function hash(s,  h, i, n) {
  if (!ordered) { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i; ordered = 1 }
  n = length(s); if (n > ${HASHED}) n = ${HASHED}; h = 0
  for (i = 1; i <= n; i++) h = (h * 33 + ord[substr(s, i, 1)]) % ${MODULUS}
  return sprintf("%.0f", h)
}`;

/** The same hash in TypeScript: the script checks its awk against it before trusting the hashes. */
export function firstLineHash(line: Buffer): string {
  let h = 0;
  for (const byte of line.subarray(0, HASHED)) h = (h * 33 + byte) % MODULUS;
  return String(h);
}

/** The probe line of that check (`printf` octal escapes in the script): bytes above 0x7f and a control byte. */
export const HASH_PROBE = Buffer.from([0x61, 0xc3, 0xa9, 0x01, 0x7e, 0x7a]);
export const HASH_PROBE_PRINTF = String.raw`a\303\251\001~z\n`;

/** Prints `hash($0)` of each line: the script's check of its awk. */
export const AWK_HASH_CHECK = `${AWK_HASH}\n{ print hash($0) }`;

/**
 * ARGV[1]: the state; ARGV[2]: the listing ("size inode path"). Prints the todo of each listed
 * log once (roots may nest). Flag `~`: another inode than the known one, `!`: shorter than the
 * known offset; both are read from 0. `=`: grown, or known without an id (the id is sent).
 */
export const AWK_TODO = String.raw`
function cut(  p, w) { p = index(r, " "); w = substr(r, 1, p - 1); r = substr(r, p + 1); return w }
FILENAME == ARGV[1] { r = $0; k = cut(); i = cut(); o[r] = k; id[r] = i; next }
{ r = $0; s = cut(); ino = cut(); f = r
  if (f in seen) next; seen[f] = 1
  k = (f in o) ? o[f] : "0"; known = (f in id) ? id[f] : "-"; kino = known; sub(/:.*/, "", kino)
  if (known != "-" && kino != ino) print "~ 0 " s " " ino " " f
  else if (s + 0 < k + 0) print "! 0 " s " " ino " " f
  else if (s + 0 != k + 0 || (known == "-" && k + 0 > 0)) print "= " k " " s " " (known == "-" ? ino : known) " " f }
`;

/** ARGV[1]: updates, ARGV[2]: the state. Prints the state with each file's last update. */
export const AWK_MERGE = String.raw`
function path(s,  p) { p = index(s, " "); s = substr(s, p + 1); return substr(s, index(s, " ") + 1) }
FILENAME == ARGV[1] { n[path($0)] = $0; next }
{ f = path($0); if (f in n) { print n[f]; delete n[f] } else print }
END { for (f in n) print n[f] }
`;

/**
 * The fast path for whole-file reads (a first sync, a new file, one that shrank or was replaced):
 * one awk reads them all and prints their frames itself, where the sh path spends a few processes
 * per file (2,000 files: seconds instead of tens of seconds). Used only when awk counts bytes
 * exactly, NULs included (gawk and mawk do; busybox and BSD awk do not, and keep the sh path).
 *
 * stdin: the todo. An append (`=` past 0) has its first line checked against its id here (HASH=1)
 * and goes on to $REST for the sh path, or, when that line changed, is read from 0 as replaced.
 * "offset id path" for each file sent goes to $UPD. A line whose newline is not below `size` is
 * the unfinished last line: not sent, not counted.
 */
export const AWK_BATCH = String.raw`
BEGIN { cap = ENVIRON["CAP"] + 0; hashing = ENVIRON["HASH"] == 1; nm = split(ENVIRON["CCTOP_MARKERS"], M, "\n") }
function marked(s,  i) { for (i = 1; i <= nm; i++) if (index(s, M[i])) return 1; return 0 }
function cut(  p, w) { p = index(r, " "); w = substr(r, 1, p - 1); r = substr(r, p + 1); return w }
function header() { printf "F %s %.0f %s %s\n", flag, pos, id, f; open = 1; flag = "=" }
function finish() { if (open) printf ". %.0f\n", pos; open = 0 }
# The hash of the first line of f: "" while it has no newline below size, "?" when f cannot be read.
function first(  line, got) { got = (getline line < f); close(f); if (got <= 0) return "?"; return length(line) < size ? hash(line) : "" }
${AWK_HASH}
{
  r = $0; flag = cut(); off = cut() + 0; size = cut() + 0; id = cut(); f = r
  ino = id; sub(/:.*/, "", ino)
  if (flag == "=" && off > 0) {
    h = hashing ? first() : "?"
    if (h == "?" || index(id, ":") == 0 || id == ino ":" h) {
      if (h != "?" && h != "") id = ino ":" h
      print "= " off " " size " " id " " f > ENVIRON["REST"]; next
    }
    flag = "~"
  }
  reset = flag != "="; id = ino; pos = 0; start = 0; open = 0
  while ((getline line < f) > 0) {
    len = length(line)
    if (pos + len >= size) break
    if (pos == 0 && hashing) id = ino ":" hash(line)
    if (!open) header()
    pos += len + 1
    if (marked(line)) print line
    if (pos - start >= cap) { finish(); start = pos }
  }
  close(f)
  if (flag != "=") header()
  finish()
  if (pos > 0 || reset) print pos " " id " " f > ENVIRON["UPD"]
}
`;
