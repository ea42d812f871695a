/**
 * Untrusted text made safe to show and to log. Every string read from a log, stdin or a state
 * file passes `sanitize` where it enters the program, so no output (screen, plain text, alert
 * log, statusline) can carry a terminal control sequence, a line break or a bidi override.
 *
 * The escape form is JavaScript's string-escape notation: `\n`, `\r` and `\t` for those three,
 * `\xNN` (lowercase hex) for the other C0 controls, DEL and the C1 controls (U+0080–U+009F), and
 * `\uNNNN` for the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
 * line and paragraph separators (U+2028, U+2029: line breaks to some readers of the alert log and
 * to JavaScript), and the invisible format characters that take no column but shift the ones
 * after them on some terminals (zero-width space, joiners and marks U+200B–U+200F, word joiner and
 * invisible operators U+2060–U+2064, the byte order mark / zero-width no-break space U+FEFF).
 * A backslash itself is left alone, so the form is for reading, not for reversing.
 */

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control and bidi code point replaced by its visible escape (see above). */
export function sanitize(text: string): string {
  // Testing first keeps the common case (nothing to replace) to one scan and no allocation.
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeOf) : text;
}

/**
 * A `sanitize` that remembers its last answer, for a field a log repeats line after line (session
 * id, cwd, model): an equal string costs a comparison, not a scan, and the copies share one string.
 */
export function repeatSanitizer(): (text: string) => string {
  let lastIn: string | null = null;
  let lastOut = '';
  return (text) => {
    if (text !== lastIn) {
      lastOut = sanitize(text);
      lastIn = text;
    }
    return lastOut;
  };
}

function escapeOf(ch: string): string {
  const short = SHORT[ch];
  if (short) return short;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

// JSON.stringify escapes C0 but leaves DEL, C1, bidi and the invisible characters above raw; in
// JSON text they can only stand inside a string, where `\uNNNN` means the same code point.
const JSON_RAW = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const JSON_RAW_ALL = new RegExp(JSON_RAW.source, 'g');

/** JSON text with DEL, C1, bidi and invisible characters written as `\uNNNN`: the same value, none raw. */
export function escapeJsonText(json: string): string {
  return JSON_RAW.test(json) ? json.replace(JSON_RAW_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
