/**
 * The fast path for whole-file reads (a first sync, a new file, a file that shrank): one awk
 * reads them all and prints their frames itself, where the sh path spends a few processes per
 * file (2,000 files: seconds instead of tens of seconds). Used only when awk counts bytes
 * exactly, NULs included (gawk and mawk do; busybox and BSD awk do not, and keep the sh path).
 *
 * stdin: "offset size path" lines. Lines for appends (0 < offset <= size) go to $REST for the
 * sh path; "offset path" for each file sent goes to $UPD. A line whose newline is not below
 * `size` is the unfinished last line: not sent, not counted.
 */
export const AWK_BATCH = String.raw`
BEGIN { cap = ENVIRON["CAP"] + 0; nm = split(ENVIRON["CCTOP_MARKERS"], M, "\n") }
function marked(s,  i) { for (i = 1; i <= nm; i++) if (index(s, M[i])) return 1; return 0 }
function finish() { if (open) printf ". %.0f\n", pos; open = 0 }
{
  p = index($0, " "); off = substr($0, 1, p - 1) + 0; r = substr($0, p + 1)
  p = index(r, " "); size = substr(r, 1, p - 1) + 0; f = substr(r, p + 1)
  if (off > 0 && off <= size) { print > ENVIRON["REST"]; next }
  flag = off > 0 ? "!" : "="; pos = 0; start = 0; open = 0
  if (flag == "!") { printf "F ! 0 %s\n", f; open = 1 }
  while ((getline line < f) > 0) {
    len = length(line)
    if (pos + len >= size) break
    if (!open) { printf "F %s %.0f %s\n", flag, pos, f; open = 1 }
    pos += len + 1
    if (marked(line)) print line
    if (pos - start >= cap) { finish(); flag = "="; start = pos }
  }
  close(f)
  finish()
  if (pos > 0 || off > 0) print pos " " f > ENVIRON["UPD"]
}
`;
