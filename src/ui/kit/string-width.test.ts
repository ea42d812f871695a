import fc from 'fast-check';
import stringWidthOf from 'string-width';
import { describe, expect, it } from 'vitest';
import stringWidth, { NARROW } from './string-width.js';

/** Every code point the NARROW class names, read from its `\uXXXX-\uXXXX` ranges and single escapes. */
function narrowCodePoints(): number[] {
  const points: number[] = [];
  for (const [, from, to] of NARROW.matchAll(/\\u([0-9A-F]{4})(?:-\\u([0-9A-F]{4}))?/g)) {
    const first = parseInt(from!, 16);
    for (let c = first; c <= parseInt(to ?? from!, 16); c++) points.push(c);
  }
  return points;
}

const narrow = narrowCodePoints().map((c) => String.fromCodePoint(c));
/** What string-width must answer itself: wide, emoji, joiners, marks, selectors, controls, escapes of other kinds. */
const others = ['古', '🚀', '⚡', '⛔', '\u200D', '\uFE0F', '\u0301', '\u00AD', '\u200B', '\t', '\u0007', 'ｱ', '한',
  '\u001B', '\u001B]8;;https://x.y\u0007', '\u001B]8;;\u0007', '\u001B[2K', '\u001B[?25l', '\u001B[12345m', '\u009B31m', '\u001B[38;2;1;2;3m'];
const colours = ['\u001B[31m', '\u001B[39m', '\u001B[1m', '\u001B[22m', '\u001B[m', '\u001B[38;5;208m', '\u001B[0;1;4m'];

describe('stringWidth (string-width with a fast path)', () => {
  it('names only characters string-width counts one column wide, alone and side by side', () => {
    expect(narrow.length).toBeGreaterThan(1000);
    const wrong = narrow.filter((c) => stringWidthOf(c) !== 1 || stringWidthOf(`a${c}${c}b`) !== 4);
    expect(wrong.map((c) => c.codePointAt(0)!.toString(16))).toEqual([]);
  });

  it('answers as string-width does for the screen’s own text', () => {
    for (const text of ['', 'used 41.4M tok', '─ 5-hour window ───', '██████░░░░ 86 %', '⣀⠤⠒⠉ $3.23┤', '○ idle · ● live ▲ now ⚠ limit',
      '\u001B[1m\u001B[36mcctop\u001B[39m\u001B[22m · Max', '\u001B[33m██\u001B[39m\u001B[2m░░\u001B[22m']) {
      expect(stringWidth(text)).toBe(stringWidthOf(text));
    }
    expect(stringWidth('\u001B[31m██\u001B[39m ok')).toBe(5);
  });

  it('equals string-width on any mixture of narrow text, colour codes and other text', () => {
    const piece = fc.oneof(
      { arbitrary: fc.constantFrom(...narrow), weight: 6 },
      { arbitrary: fc.constantFrom(...colours), weight: 2 },
      { arbitrary: fc.constantFrom(...others), weight: 1 },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }), weight: 1 },
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      expect(stringWidth(text)).toBe(stringWidthOf(text));
    }), { numRuns: 3000 });
  });

  it('leaves options to string-width (ambiguous characters wide, escapes counted)', () => {
    expect(stringWidth('─│█', { ambiguousIsNarrow: false })).toBe(stringWidthOf('─│█', { ambiguousIsNarrow: false }));
    expect(stringWidth('─│█', { ambiguousIsNarrow: false })).toBe(6);
    expect(stringWidth('\u001B[31mab', { countAnsiEscapeCodes: true })).toBe(stringWidthOf('\u001B[31mab', { countAnsiEscapeCodes: true }));
  });
});
