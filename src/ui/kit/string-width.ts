import stringWidthOf, { type Options } from 'string-width';

/**
 * string-width, answered at once for what the screen mostly draws: text of one-column characters
 * (ASCII, Latin-1, punctuation, arrows, maths, box drawing, blocks, braille, ● ○ ▲ ⚠) with SGR
 * colour codes. string-width splits such text into graphemes with Intl.Segmenter and tests each
 * against the emoji regex: its first call costs ~30-40 ms (ICU's break data and the regex) and a
 * 100-column bar ~0.1 ms, on every frame, where this is a regex test. Any other text — wide, emoji,
 * combining, other escapes, or options — goes to string-width itself. Every character of NARROW
 * is checked one column wide by string-width in string-width.test.ts, mixtures and escapes too.
 *
 * The bundle (scripts/postbuild.mjs) gives ink and the libraries it measures with this function
 * in place of string-width 8's.
 */
export default function stringWidth(text: string, options?: Options): number {
  if (options === undefined && typeof text === 'string' && NARROW_WITH_COLOURS.test(text)) {
    return text.includes('\u001B') ? text.replace(SGR, '').length : text.length;
  }
  return stringWidthOf(text, options);
}

export type { Options };

/** One-column characters whose graphemes are single code points (no joiners, marks or selectors). */
export const NARROW = '\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u00FF\\u2010-\\u2027\\u2030-\\u205E\\u20A0-\\u20C0'
  + '\\u2190-\\u22FF\\u2500-\\u25FC\\u25FF\\u26A0\\u2715\\u2800-\\u28FF';
/** A colour or style code: ESC [ digits and semicolons m (a whole CSI sequence to ansi-regex, which string-width strips). */
const SGR = /\u001B\[[0-9;]*m/g;
const NARROW_WITH_COLOURS = new RegExp(`^(?:[${NARROW}]|\\u001B\\[[0-9;]*m)*$`);
