import cliTruncate from 'cli-truncate';
import stringWidth from './string-width.js';

/** Display width: columns a terminal draws, not code points (CJK, Hangul and emoji take 2). */

/** Columns of a string on screen; ANSI colour codes take none. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Where a cut string loses its text: the end (names), the middle (paths) or the start. */
type CutAt = 'start' | 'middle' | 'end';

/**
 * At most `width` columns, with "…" where it was cut. cli-truncate can overshoot by one column
 * when a wide character meets the cut (`項目数据` at 4 gives `項目…`, 5 columns): cut again, one
 * column shorter, until it fits.
 */
export function truncate(text: string, width: number, at: CutAt = 'end'): string {
  if (width <= 0) return '';
  for (let room = width; room > 0; room--) {
    const cut = cliTruncate(text, room, { position: at });
    if (stringWidth(cut) <= width) return cut;
  }
  return '';
}

/** Exactly `width` columns: cut with "…" when longer, padded with spaces when shorter. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left', at: CutAt = 'end'): string {
  if (width <= 0) return '';
  let shown = text;
  let w = stringWidth(text);
  if (w > width) {
    shown = truncate(text, width, at);
    w = stringWidth(shown);
  }
  if (w === width) return shown;
  const pad = ' '.repeat(width - w);
  return align === 'left' ? shown + pad : pad + shown;
}

/** Words on rows of at most `width` columns; a word wider than a row is cut. */
export function wrapWords(text: string, width: number): string[] {
  const rows: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const next = current === '' ? word : `${current} ${word}`;
    if (displayWidth(next) <= width) current = next;
    else {
      if (current !== '') rows.push(current);
      current = truncate(word, width);
    }
  }
  if (current !== '') rows.push(current);
  return rows;
}

/**
 * `text` on rows of at most `width` columns, nothing cut: words move to the next row, and a word
 * wider than a row (a path) is broken between characters. Every row keeps the text's leading
 * spaces; rows after the first start with `indent` after them.
 */
export function wrapAll(text: string, width: number, indent = ''): string[] {
  const lead = /^ */.exec(text)![0];
  return lead === '' ? wrapUnbroken(text, width, indent) : wrapUnbroken(text.slice(lead.length), width - lead.length, indent).map((row) => lead + row);
}

function wrapUnbroken(text: string, width: number, indent: string): string[] {
  const rows: string[] = [];
  let current = '';
  const room = () => width - (rows.length === 0 ? 0 : displayWidth(indent));
  const push = () => {
    rows.push(rows.length === 0 ? current : indent + current);
    current = '';
  };
  for (const word of text.split(' ')) {
    const next = current === '' ? word : `${current} ${word}`;
    if (displayWidth(next) <= room()) {
      current = next;
      continue;
    }
    if (current !== '') push();
    for (const { segment } of graphemes.segment(word)) {
      if (current !== '' && displayWidth(current + segment) > room()) push();
      current += segment;
    }
  }
  if (current !== '' || rows.length === 0) push();
  return rows;
}

const graphemes = new Intl.Segmenter();
