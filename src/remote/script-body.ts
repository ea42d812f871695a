import { AWK_BATCH, AWK_HASH_CHECK, AWK_MERGE, AWK_TODO, HASH_PROBE_PRINTF } from './script-awk.js';

/**
 * The POSIX sh program run on a remote without cctop (`ssh host sh -s`). Its prelude (built by
 * script.ts) defines `cctop_roots`, `cctop_offsets`, `cctop_grep`, CCTOP_MARKERS,
 * CCTOP_HASH_CHECK and CCTOP_EXPLICIT. Everything is in functions and the last line runs `cctop_main </dev/null`: the
 * shell reads the whole script before running it, and no command can swallow its text from stdin.
 *
 * Tools: find (-newer, -exec +), ls -lnid, awk, grep -F, wc, tail, head -c, dd, touch -t, mv, sleep.
 * `head -c` is not POSIX but GNU, busybox and the BSDs have it; it is checked at start.
 * The frames it prints are described in protocol.ts.
 */
// Written with @{ for the shell's ${, which a template literal would take for its own.
export const SCRIPT_BODY = String.raw`
LC_ALL=C; export LC_ALL
unset TIME_STYLE CDPATH
umask 077
CAP=@{CCTOP_CAP:-4194304}

cctop_tmp() {
  base=@{TMPDIR:-/tmp}; i=0
  while [ "$i" -lt 20 ]; do
    T="$base/cctop-feed.$$.$i"
    mkdir "$T" 2>/dev/null && return 0
    i=$((i + 1))
  done
  printf 'E tmp cannot create a folder in %s\n' "$base"; return 1
}

cctop_checks() {
  for c in find ls awk grep wc tail head dd mv touch sleep sed tr cat rm; do
    command -v "$c" >/dev/null 2>&1 || { printf 'E tools %s is not installed\n' "$c"; return 1; }
  done
  [ "$(printf 'abc' | head -c 2 2>/dev/null)" = ab ] || { printf 'E tools head -c is not supported\n'; return 1; }
  GA=; printf 'a\n' | grep -a -F a >/dev/null 2>&1 && GA=-a
  AWKBATCH=0; [ "$(printf 'a\000b\303\251\n' | awk '{ print length($0) }' 2>/dev/null)" = 5 ] && AWKBATCH=1
  HASH=0; [ "$AWKBATCH" = 1 ] && [ "$(printf '${HASH_PROBE_PRINTF}' | awk '${AWK_HASH_CHECK}' 2>/dev/null)" = "$CCTOP_HASH_CHECK" ] && HASH=1
  return 0
}

# Each root (a config folder or a projects folder) as a physical projects folder, once.
cctop_resolve() {
  : > "$T/dirs"
  while IFS= read -r r; do
    [ -n "$r" ] || continue
    if [ ! -d "$r" ]; then
      [ "$CCTOP_EXPLICIT" = 1 ] && { printf 'E nopath %s\n' "$r"; return 1; }
      continue
    fi
    d=$r
    case $r in */projects) ;; *) [ -d "$r/projects" ] && d=$r/projects ;; esac
    if ! d=$(cd "$d" 2>/dev/null && pwd -P); then
      [ "$CCTOP_EXPLICIT" = 1 ] && { printf 'E noaccess %s\n' "$r"; return 1; }
      continue
    fi
    grep -F -x -e "$d" "$T/dirs" >/dev/null 2>&1 && continue
    printf '%s\n' "$d" >> "$T/dirs"
    printf 'R %s\n' "$d"
  done
  [ -s "$T/dirs" ] && return 0
  printf 'E noroot no Claude Code folder (~/.claude, ~/.config/claude or $CLAUDE_CONFIG_DIR)\n'; return 1
}

cctop_default_roots() {
  if [ -n "@{CLAUDE_CONFIG_DIR:-}" ]; then
    printf '%s\n' "$CLAUDE_CONFIG_DIR" | tr ',' '\n' | sed 's/^[[:space:]]*//; s/[[:space:]]*$//'
    return 0
  fi
  if [ -n "@{XDG_CONFIG_HOME:-}" ]; then printf '%s\n' "$XDG_CONFIG_HOME/claude"; else printf '%s\n' "$HOME/.config/claude"; fi
  printf '%s\n' "$HOME/.claude"
}

# "size inode path" of each log (changed since marker $1, or all when $1 is empty).
cctop_list() {
  while IFS= read -r d; do
    if [ -n "$1" ]; then find "$d" -name '*.jsonl' -type f -newer "$1" -exec ls -lnid {} + 2>/dev/null
    else find "$d" -name '*.jsonl' -type f -exec ls -lnid {} + 2>/dev/null; fi |
      D=$d awk '{ i = index($0, " " ENVIRON["D"] "/"); n = $1 ~ /^[0-9]+$/ ? $1 : 0
        if (i > 0) print $6 " " n " " substr($0, i + 1) }'
  done < "$T/dirs"
}

cctop_todo() { awk '${AWK_TODO}' "$T/state" "$T/list"; }

# Bytes [$2, $3) of file $1 (at most CAP; more for a longer line) into chunk; DONE: the length of
# its complete lines. A file that shrank meanwhile is read again from 0 by the next pass.
cctop_chunk() {
  want=$(($3 - $2)); [ "$want" -gt "$CAP" ] && want=$CAP
  while :; do
    # dd seeks (tail -c +N reads the skipped bytes on busybox); head -c reads on from there.
    # The byte before goes to nl: a newline ends every line sent, anything else means another file.
    { [ "$2" -gt 0 ] && dd bs=1 skip=$(($2 - 1)) count=1 2>/dev/null > "$T/nl"; head -c "$want"; } 2>/dev/null > "$T/chunk" < "$1"
    [ -s "$T/chunk" ] || { DONE=0; return 0; }
    # Ends with a newline (or a NUL, which reads the same: the bytes passed then hold no marker).
    case $(tail -c 1 "$T/chunk") in '') DONE=$want; return 0 ;; esac
    got=$(($(wc -c < "$T/chunk")))
    DONE=$((got - $(tail -n 1 "$T/chunk" | wc -c)))
    [ "$DONE" -gt 0 ] || [ "$got" -lt "$want" ] || [ $(($2 + want)) -ge "$3" ] && return 0
    want=$((want * 2)); [ "$want" -gt $(($3 - $2)) ] && want=$(($3 - $2))
  done
}

# Whether the byte before the offset cctop_chunk read from is a newline.
cctop_newline() { IFS= read -r x < "$T/nl" && [ -z "$x" ]; }

# Frame of file $5 (id $4), flag $1: the $3 bytes of complete lines from offset $2 in chunk.
cctop_frame() {
  printf 'F %s %s %s %s\n' "$1" "$2" "$4" "$5"
  if [ "$3" -eq "$want" ]; then cctop_grep < "$T/chunk"; elif [ "$3" -gt 0 ]; then head -c "$3" "$T/chunk" | cctop_grep; fi
  printf '. %s\n' $(($2 + $3))
}

# Sends file $5 (id $4) from offset $2 to size $3: its complete lines, or its id alone when
# nothing is new. Flag $1: =, or ! or ~ (from 0). No newline before the offset: replaced.
cctop_send() {
  flag=$1; off=$2; id=$4
  if [ "$off" -ge "$3" ] && [ "$flag" = '=' ]; then
    printf 'F = %s %s %s\n. %s\n' "$off" "$id" "$5" "$off"
    printf '%s %s %s\n' "$off" "$id" "$5" >> "$T/upd"; return 0
  fi
  while [ "$off" -lt "$3" ] || [ "$flag" != '=' ]; do
    cctop_chunk "$5" "$off" "$3"
    if [ "$off" -gt 0 ] && ! cctop_newline; then off=0; flag='~'; id=@{id%%:*}; continue; fi
    [ "$DONE" -eq 0 ] && [ "$flag" = '=' ] && return 0
    cctop_frame "$flag" "$off" "$DONE" "$id" "$5"
    off=$((off + DONE)); flag='='
    printf '%s %s %s\n' "$off" "$id" "$5" >> "$T/upd"
    [ "$DONE" -gt 0 ] || return 0
  done
}

cctop_merge() { awk '${AWK_MERGE}' "$T/upd" "$T/state" > "$T/state.new" && mv -f "$T/state.new" "$T/state"; }

cctop_pass() {
  cctop_list "$1" > "$T/list"
  [ -s "$T/list" ] || return 0
  cctop_todo > "$T/todo"
  [ -s "$T/todo" ] || return 0
  : > "$T/upd"; : > "$T/rest"
  if [ "$AWKBATCH" = 1 ]; then
    CAP=$CAP HASH=$HASH CCTOP_MARKERS=$CCTOP_MARKERS REST="$T/rest" UPD="$T/upd" awk '${AWK_BATCH}' < "$T/todo"
  else
    mv -f "$T/todo" "$T/rest"
  fi
  while IFS= read -r line; do
    fl=@{line%% *}; r=@{line#* }; o=@{r%% *}; r=@{r#* }; s=@{r%% *}; r=@{r#* }
    cctop_send "$fl" "$o" "$s" "@{r%% *}" "@{r#* }"
  done < "$T/rest"
  [ -s "$T/upd" ] && cctop_merge
  return 0
}

# Each pass writes marker m<n mod 3> and lists the logs newer than the one written two passes
# ago: older by a whole sleep than any write the last pass could have missed (busybox find
# compares whole seconds). Builtins only: an idle pass costs one find per root and a sleep.
cctop_follow() {
  printf x > "$T/m1"; printf x > "$T/m2"; touch -t 200001010000 "$T/m1" "$T/m2"
  n=0
  while :; do
    printf x > "$T/m$((n % 3))"
    if [ $((n % CCTOP_FULL_EVERY)) -eq 0 ]; then cctop_pass ''; else cctop_pass "$T/m$(((n + 1) % 3))"; fi
    [ "$n" -eq 0 ] && printf 'S\n'
    # Where SIGPIPE is ignored, a failed write is how a dropped connection shows.
    if [ $((n % CCTOP_HEARTBEAT_EVERY)) -eq 0 ]; then printf 'H %s\n' "$n" || exit 1; fi
    n=$((n + 1))
    sleep 1
  done
}

cctop_main() {
  printf 'CCTOP 1\n'
  cctop_tmp || return 1
  trap 'rm -rf "$T"' EXIT
  trap 'exit 1' HUP INT TERM PIPE
  cctop_checks || return 1
  cctop_roots | cctop_resolve || return 1
  cctop_offsets > "$T/state"
  cctop_follow
}
`.replaceAll('@{', '${');
