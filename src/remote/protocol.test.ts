import { describe, expect, it } from 'vitest';
import { FrameParser, MAX_PAYLOAD, type Frame } from './protocol.js';

const parse = (...chunks: (string | Buffer)[]): Frame[] => {
  const parser = new FrameParser();
  return chunks.flatMap((c) => parser.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
};
const STREAM = Buffer.concat([
  Buffer.from('motd from a chatty .bashrc\nCCTOP 1\nR /home/me/.claude/projects\n'),
  Buffer.from('F = 0 7 /home/me/.claude/projects/p/my session.jsonl\n{"usage":1}\r\n"rate_limit"\n. 120\n'),
  Buffer.from('F ! 0 12:3456 /x/b.jsonl\n. 9\nF ~ 0 13 /x/c.jsonl\n. 0\nS\nH 0\nE nopath /nowhere\n'),
]);
const EXPECTED: Frame[] = [
  { kind: 'hello' },
  { kind: 'root', dir: '/home/me/.claude/projects' },
  {
    kind: 'file',
    file: '/home/me/.claude/projects/p/my session.jsonl',
    reset: 'none',
    id: '7',
    from: 0,
    to: 120,
    lines: [Buffer.from('{"usage":1}'), Buffer.from('"rate_limit"')],
    bytes: 26,
  },
  { kind: 'file', file: '/x/b.jsonl', reset: 'truncated', id: '12:3456', from: 0, to: 9, lines: [], bytes: 0 },
  { kind: 'file', file: '/x/c.jsonl', reset: 'replaced', id: '13', from: 0, to: 0, lines: [], bytes: 0 },
  { kind: 'synced' },
  { kind: 'heartbeat' },
  { kind: 'error', code: 'nopath', text: '/nowhere' },
];

describe('FrameParser', () => {
  it('reads every frame kind, skipping what the login shell printed before the hello', () => {
    expect(parse(STREAM)).toEqual(EXPECTED);
  });

  it('gives the same frames however the stream is cut', () => {
    const bytes = [...STREAM].map((b) => Buffer.from([b]));
    expect(parse(...bytes)).toEqual(EXPECTED);
    for (let cut = 1; cut < STREAM.length; cut += 7) {
      expect(parse(STREAM.subarray(0, cut), STREAM.subarray(cut))).toEqual(EXPECTED);
    }
  });

  it('takes payload lines as data, whatever else they hold', () => {
    const lines = ['F = 0 /a "usage"', 'H 1 "usage"', '. 5 "usage"', '."usage"', 'S isApiErrorMessage', '\u0000\u00ff"usage"\u202e'].map((l) => Buffer.from(l));
    const frames = parse('CCTOP 1\n', 'F = 0 1 /p/a.jsonl\n', Buffer.concat(lines.map((l) => Buffer.concat([l, Buffer.from('\n')]))), '. 999\nS\n');
    expect(frames[1]).toEqual({ kind: 'file', file: '/p/a.jsonl', reset: 'none', id: '1', from: 0, to: 999, lines, bytes: lines.reduce((n, l) => n + l.length + 1, 0) });
    expect(frames.map((f) => f.kind)).toEqual(['hello', 'file', 'synced']);
  });

  const bad: [string, string, string][] = [
    ['a payload longer than its byte range', 'F = 10 1 /a\n"usage"\n. 17\n', 'payload longer than its byte range (/a)'],
    ['a payload line without a marker', 'F = 0 1 /a\n{"x":1}\n. 99\n', 'payload line without a marker (/a)'],
    ['an end without its offset', 'F = 0 1 /a\n.\n', 'payload line without a marker (/a)'],
    ['a range that ends before it starts', 'F = 12 1 /a\n. 10\n', 'frame ends before it starts (/a)'],
    ['a reset not at 0', 'F ! 5 1 /a\n. 10\n', 'reset frame not at offset 0 (/a)'],
    ['a replacement not at 0', 'F ~ 5 1 /a\n. 10\n', 'reset frame not at offset 0 (/a)'],
    ['a relative path', 'F = 0 1 a.jsonl\n. 10\n', 'path not absolute (a.jsonl)'],
    ['a malformed header', 'F = -1 1 /a\n. 10\n', 'malformed F header'],
    ['a header without an id', 'F = 0 /a\n. 10\n', 'malformed F header'],
    ['an id that is not an inode and a hash', 'F = 0 1:x /a\n. 10\n', 'malformed F header'],
    ['an unknown flag', 'F ? 0 1 /a\n. 10\n', 'malformed F header'],
    ['an offset past 2^53', 'F = 0 1 /a\n. 9999999999999999\n', 'offset out of range (/a)'],
    ['a payload line too long', `F = 0 1 /a\n"usage"${'x'.repeat(MAX_PAYLOAD)}`, 'payload too large (/a)'],
    ['an unknown frame', 'Z 1\n', 'unknown frame "Z 1"'],
    ['a header line without end', `R /${'x'.repeat(20_000)}`, 'header line too long'],
  ];
  it.each(bad)('reports %s and reads nothing after it', (_what, text, reason) => {
    const frames = parse('CCTOP 1\n', text, 'S\nH 1\n');
    expect(frames).toEqual([{ kind: 'hello' }, { kind: 'bad', reason }]);
  });

  it('refuses another protocol version, and a shell that never says hello', () => {
    expect(parse('CCTOP 2\nS\n')).toEqual([{ kind: 'bad', reason: 'unsupported protocol "CCTOP 2"' }]);
    expect(parse('x\n'.repeat(40_000))).toEqual([{ kind: 'bad', reason: 'no cctop hello from the remote shell' }]);
  });

  it('neutralises control characters in error text', () => {
    expect(parse('CCTOP 1\nE tools \u001b[2Jgone\u202e\n')).toEqual([
      { kind: 'hello' },
      { kind: 'error', code: 'tools', text: '\\x1b[2Jgone\\u202e' },
    ]);
  });
});
