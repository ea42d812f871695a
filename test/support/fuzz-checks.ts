/**
 * What the fuzz suite asserts of an output, each as a list of problems (an empty list is the
 * pass), so a failure names what was wrong and where.
 */

/**
 * Code points no text output may carry raw: C0 controls but newline, DEL, C1 controls, the
 * invisible format characters (zero-width space, joiners, marks; word joiner and invisible
 * operators; BOM), the line and paragraph separators, and the bidi embeddings, overrides and
 * isolates. Written from the threat, not copied from src/logs/sanitize.ts.
 */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/** cctop's own colour codes on the screen and the statusline: SGR, `ESC [ digits;… m`. */
// eslint-disable-next-line no-control-regex
const OWN_SGR = /\u001b\[[0-9;]*m/g;

/** The raw code points found, each as `U+XXXX at <index>: <context>` (the first 5). */
export function rawCharacters(text: string): string[] {
  return [...text.matchAll(RAW)].slice(0, 5).map((m) => {
    const code = m[0].codePointAt(0)!.toString(16).padStart(4, '0');
    return `U+${code} at ${m.index}: ${JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 10))}`;
  });
}

/** As rawCharacters, after removing cctop's own SGR colour codes (the screen, a coloured statusline). */
export function rawCharactersBesidesColour(text: string): string[] {
  return rawCharacters(text.replace(OWN_SGR, ''));
}

/** A figure printed from a non-finite number: `$NaN`, `Infinity %`, `NaN tokens/min`… (a bad line's sample may say NaN: not a figure). */
const NON_FINITE_FIGURE = /\$-?(?:NaN|Infinity)|(?:NaN|Infinity)\s?(?:%|tokens|tok\b|\/h|\/min|×)/;

/** The non-finite figure in a text output, if any (the context around it). */
export function nonFiniteFigures(text: string): string[] {
  const m = NON_FINITE_FIGURE.exec(text);
  return m ? [JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 20))] : [];
}

/** Keys holding money: no such number may be negative. */
const MONEY = /cost|usd/i;

/** What is wrong with a `--json` text: not JSON, a non-finite number, a negative amount of money. */
export function jsonProblems(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return [`not JSON: ${(err as Error).message}`];
  }
  const problems: string[] = [];
  walkNumbers(value, '$', (path, n) => {
    if (!Number.isFinite(n)) problems.push(`${path} = ${n}`);
    else if (n < 0 && MONEY.test(path.slice(path.lastIndexOf('.') + 1))) problems.push(`${path} = ${n} (negative money)`);
  });
  return problems.slice(0, 5);
}

function walkNumbers(value: unknown, path: string, visit: (path: string, n: number) => void): void {
  if (typeof value === 'number') visit(path, value);
  else if (Array.isArray(value)) value.forEach((v, i) => walkNumbers(v, `${path}[${i}]`, visit));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walkNumbers(v, `${path}.${k}`, visit);
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
/** A float as Prometheus writes one; NaN and the infinities left out on purpose. */
const FINITE = '-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?';
const SAMPLE = new RegExp(`^${NAME}(?:\\{(?:${LABEL}(?:,${LABEL})*)?\\})? ${FINITE}$`);
const META = new RegExp(`^# (?:HELP ${NAME} .*|TYPE ${NAME} (?:counter|gauge|histogram|summary|untyped))$`);

/** The lines of a `/metrics` text that are not Prometheus exposition lines with finite values. */
export function expositionProblems(text: string): string[] {
  if (!text.endsWith('\n')) return ['does not end with a newline'];
  const lines = text.slice(0, -1).split('\n');
  return lines.filter((line) => line !== '' && !META.test(line) && !SAMPLE.test(line)).slice(0, 5);
}

/** The lines of an alert log that are not one `time<TAB>kind<TAB>message` record. */
export function alertLogProblems(text: string): string[] {
  if (text === '') return [];
  if (!text.endsWith('\n')) return ['does not end with a newline'];
  const record = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t[a-zA-Z0-9]+\t[^\t\n]+$/;
  const lines = text.slice(0, -1).split('\n');
  return lines.filter((line) => !record.test(line) || rawCharacters(line.replaceAll('\t', ' ')).length > 0).slice(0, 5);
}
