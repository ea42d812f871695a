/**
 * node:util parseArgs's errors in cctop's words: `unknown option --jsno (did you mean --json?)`,
 * `--dir needs a value`, `--json takes no value`. Anything else keeps Node's message.
 */
export function flagErrorText(error: { code?: string; message: string }, known: readonly string[]): string {
  const option = /'(-[^' ]*)/.exec(error.message)?.[1];
  if (!option) return error.message;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const near = option.startsWith('--') ? nearest(option.slice(2), known) : null;
    return `unknown option ${option}${near ? ` (did you mean --${near}?)` : ''}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return error.message.includes('argument missing') ? `${option} needs a value` : `${option} takes no value`;
  }
  return error.message;
}

/** The known name closest to `name`, when a typo away (at most 2 edits, and fewer than half its letters); else null. */
function nearest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.min(2, Math.floor((name.length - 1) / 2)) + 1;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Levenshtein distance, a swap of two neighbours counting as one edit. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
