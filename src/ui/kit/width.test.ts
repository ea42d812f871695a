import { describe, expect, it } from 'vitest';
import { displayWidth, fit, truncate, wrapAll, wrapWords } from './width.js';

describe('display width', () => {
  it('counts CJK, Hangul and emoji as two columns, colour codes as none', () => {
    expect(displayWidth('項目/数据分析')).toBe(13);
    expect(displayWidth('한국어-프로젝트')).toBe(15);
    expect(displayWidth('🚀rocket-app')).toBe(12);
    expect(displayWidth('⚡ x')).toBe(4);
    expect(displayWidth('\x1b[31mred\x1b[0m')).toBe(3);
  });

  it('cuts to the columns even where a wide character meets the cut', () => {
    // cli-truncate alone gives '項目…' (5 columns) for 4.
    expect(truncate('項目数据', 4)).toBe('項…');
    expect(truncate('項目数据', 5)).toBe('項目…');
    expect(truncate('/a/b/項目/c.jsonl', 9, 'middle')).toBe('/a/b…sonl');
    expect(truncate('abc', 5)).toBe('abc');
    expect(truncate('abc', 0)).toBe('');
  });

  it('fits to exactly the width: cut, then padded', () => {
    expect(fit('項目数据', 4)).toBe('項… ');
    expect(fit('한국어', 8, 'right')).toBe('  한국어');
    expect(fit('🚀rocket-app', 6)).toBe('🚀roc…');
    for (const w of [1, 2, 3, 7, 11]) expect(displayWidth(fit('한국어-프로젝트', w))).toBe(w);
  });

  it('wraps words within the width', () => {
    expect(wrapWords('(not a terminal: printed one snapshot)', 20)).toEqual(['(not a terminal:', 'printed one', 'snapshot)']);
    expect(wrapWords('數據數據數據數據 x', 6)).toEqual(['數據…', 'x']);
  });
});

describe('wrapAll', () => {
  it('moves words to the next row and breaks a word wider than a row, cutting nothing', () => {
    expect(wrapAll('/home/me/.claude/projects/a-long-folder/s.jsonl: 3 bad of 100', 20, '  ')).toEqual([
      '/home/me/.claude/pro', '  jects/a-long-folde', '  r/s.jsonl: 3 bad', '  of 100',
    ]);
  });

  it('keeps the leading spaces on every row, and counts wide characters as two columns', () => {
    expect(wrapAll('  プロジェクト abc', 8)).toEqual(['  プロジ', '  ェクト', '  abc']);
    expect(wrapAll('', 10)).toEqual(['']);
  });
});
