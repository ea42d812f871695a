import { describe, expect, it } from 'vitest';
import { cursorComment, cursorFromComment, decodeCursor, decodePos, encodeCursor, encodePos, mergePositions } from './feed-cursor.js';

describe('the cctop feed cursor', () => {
  it('writes a position as next:inode:birth:line and reads it back', () => {
    const pos = { next: 869, ino: 2285635, birthtimeMs: 1770764277941.1235, lineNo: 2 };
    expect(encodePos(pos)).toBe('869:2285635:1770764277941.1235:2');
    expect(decodePos(encodePos(pos))).toEqual(pos);
    expect(decodePos('0:0:0:0')).toEqual({ next: 0, ino: 0, birthtimeMs: 0, lineNo: 0 });
  });

  it('refuses what is not a position', () => {
    for (const bad of ['', '1:2:3', '1:2:3:4:5', '-1:2:3:4', 'a:2:3:4', '1:2:3:4 ', '99999999999999999:1:1:1']) expect(decodePos(bad)).toBeNull();
  });

  it('round-trips a map of positions through base64url, paths with any characters', () => {
    const files = new Map([['/home/me/.claude/projects/p/a b.jsonl', '10:1:0:1'], ['/x/"quoted"\n\u202e.jsonl', '0:2:0:0']]);
    const cursor = encodeCursor(files);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).toEqual({ v: 1, f: Object.fromEntries(files) });
    expect(decodeCursor(cursor)).toEqual(files);
    expect(decodeCursor('')).toEqual(new Map());
  });

  it('refuses what is not a cursor of this version', () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const bad of ['not base64!', b64({ v: 2, f: {} }), b64({ f: {} }), b64([1]), b64({ v: 1, f: [] }), Buffer.from('{').toString('base64url')]) {
      expect(decodeCursor(bad)).toBeNull();
    }
    expect(decodeCursor(b64({ v: 1, f: { '/a': '1:1:1:1', '/b': 7 } }))).toEqual(new Map([['/a', '1:1:1:1']]));
  });

  it('merges a batch of positions: new ones set, null ones dropped', () => {
    const files = new Map([['/a', '1:1:0:1'], ['/b', '2:2:0:1']]);
    mergePositions(files, new Map<string, string | null>([['/a', '9:1:0:3'], ['/b', null], ['/c', '5:3:0:1']]));
    expect([...files]).toEqual([['/a', '9:1:0:3'], ['/c', '5:3:0:1']]);
  });

  it('carries a cursor as the first stdin line, a comment to sh', () => {
    expect(cursorComment('abc_-')).toBe('# cctop-cursor abc_-\n');
    expect(cursorFromComment('# cctop-cursor abc_-')).toBe('abc_-');
    expect(cursorFromComment('# cctop-cursor abc\r')).toBe('abc');
    expect(cursorFromComment(cursorComment('').trimEnd())).toBe('');
    expect(cursorFromComment('# cctop remote feed')).toBeNull();
    expect(cursorFromComment('')).toBeNull();
  });
});
