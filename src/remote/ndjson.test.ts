import { describe, expect, it } from 'vitest';
import type { LimitHit, UsageEvent } from '../logs/events.js';
import { FEED_HELLO, FeedParser, MAX_LINE, type FeedFrame } from './ndjson.js';

const EVENT: UsageEvent = {
  key: 'msg_1:req_1', timestamp: 1770764277941, sessionId: 's1', cwd: '/home/me/app', model: 'claude-opus-4-6', isSidechain: false,
  tokens: { input: 3, output: 101, cacheCreation: 7883, cacheCreation5m: 0, cacheCreation1h: 7883, cacheRead: 17915, webSearchRequests: 0 },
  speed: 'standard', inferenceGeo: 'not_available', costUSD: null, file: '/home/me/.claude/projects/p/s.jsonl',
};
const HIT: LimitHit = { timestamp: 1770764277000, kind: 'five_hour', resetsAt: 1770768000000, text: 'limit reached', sessionId: 's1', file: EVENT.file };
const line = (v: unknown) => `${JSON.stringify(v)}\n`;
const STREAM = [
  'Welcome to the devbox\n', `${FEED_HELLO}\n`, line({ e: EVENT }), line({ h: HIT }), line({ e: { ...EVENT, key: null } }),
  line({ l: { lines: 7, bad: { [EVENT.file]: { n: 2, samples: ['line 4: not JSON', 'line 6: unknown shape'] } } } }),
  line({ l: { lines: 3, bad: { [EVENT.file]: { n: 1, samples: ['line 9: not JSON'] }, '/b.jsonl': { n: 0, samples: [] } } } }),
  line({ c: { [EVENT.file]: '10:1:0:1', '/gone.jsonl': null } }), line({ hb: 1 }), line({ c: {} }), line({ s: true }),
  line({ err: { code: 'nopath', text: '/nowhere' } }),
].join('');
const EXPECTED: FeedFrame[] = [
  { kind: 'hello' },
  {
    kind: 'batch', events: [EVENT, { ...EVENT, key: null }], hits: [HIT], lines: 10,
    bad: new Map([[EVENT.file, { count: 3, samples: ['line 4: not JSON', 'line 6: unknown shape', 'line 9: not JSON'] }], ['/b.jsonl', { count: 0, samples: [] }]]),
    positions: new Map([[EVENT.file, '10:1:0:1'], ['/gone.jsonl', null]]),
  },
  { kind: 'heartbeat' },
  { kind: 'batch', events: [], hits: [], lines: 0, bad: new Map(), positions: new Map() },
  { kind: 'synced' },
  { kind: 'error', code: 'nopath', text: '/nowhere' },
];
const parse = (...chunks: (string | Buffer)[]): FeedFrame[] => {
  const parser = new FeedParser();
  return chunks.flatMap((c) => parser.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
};
const after = (text: string) => parse(`${FEED_HELLO}\n${text}`).slice(1);

describe('FeedParser', () => {
  it('reads every record, holding records until the positions that close their batch', () => {
    expect(parse(STREAM)).toEqual(EXPECTED);
    expect(parse(`${FEED_HELLO}\n`, line({ e: EVENT }))).toEqual([{ kind: 'hello' }]);
  });

  it('gives the same frames however the stream is cut', () => {
    const bytes = Buffer.from(STREAM);
    expect(parse(...[...bytes].map((b) => Buffer.from([b])))).toEqual(EXPECTED);
    for (let cut = 1; cut < bytes.length; cut += 13) expect(parse(bytes.subarray(0, cut), bytes.subarray(cut))).toEqual(EXPECTED);
  });

  it('sanitizes the paths and samples of bad lines too, and keeps 5 samples per file', () => {
    const bad = { '/p/\u001b[2J.jsonl': { n: 9, samples: ['line 1: \u202e', 'b', 'c', 'd', 'e'] } };
    const frames = after(`${line({ l: { lines: 9, bad } })}${line({ l: { lines: 1, bad: { '/p/\u001b[2J.jsonl': { n: 1, samples: ['f'] } } } })}${line({ c: {} })}`);
    expect(frames).toEqual([{
      kind: 'batch', events: [], hits: [], lines: 10, positions: new Map(),
      bad: new Map([['/p/\\x1b[2J.jsonl', { count: 10, samples: ['line 1: \\u202e', 'b', 'c', 'd', 'e'] }]]),
    }]);
  });

  it('sanitizes the strings of records once more, and takes CRLF', () => {
    const frames = after(`${JSON.stringify({ e: { ...EVENT, model: 'x\u001b[2Jy', cwd: '\u202e' } })}\r\n${JSON.stringify({ c: {} })}\r\n`);
    expect(frames).toEqual([{ kind: 'batch', events: [{ ...EVENT, model: 'x\\x1b[2Jy', cwd: '\\u202e' }], hits: [], lines: 0, bad: new Map(), positions: new Map() }]);
  });

  const bad: [string, string, string][] = [
    ['a line that is not JSON', '{"e": \n', 'not JSON: "{\\"e\\": "'],
    ['two keys', line({ e: EVENT, c: {} }), 'not a feed record: "{\\"e\\":{\\"key\\":\\"msg_1:req_1\\",\\"timestamp\\":17"'],
    ['a bare value', '42\n', 'not a feed record: "42"'],
    ['an empty line', '\n', 'not JSON: ""'],
    ['an unknown record', line({ x: 1 }), 'unknown record "x"'],
    ['an event field of the wrong type', line({ e: { ...EVENT, timestamp: '2026-02-10' } }), 'event field timestamp'],
    ['negative tokens', line({ e: { ...EVENT, tokens: { ...EVENT.tokens, output: -1 } } }), 'event field tokens'],
    ['a missing token count', line({ e: { ...EVENT, tokens: { input: 1 } } }), 'event field tokens'],
    ['a token count over a billion', line({ e: { ...EVENT, tokens: { ...EVENT.tokens, cacheRead: 2 ** 53 - 1 } } }), 'event field tokens'],
    ['a negative costUSD', line({ e: { ...EVENT, costUSD: -999.5 } }), 'event field costUSD'],
    ['a costUSD over a million dollars', line({ e: { ...EVENT, costUSD: 1e308 } }), 'event field costUSD'],
    ['a time before 2023', line({ e: { ...EVENT, timestamp: 1 } }), 'event field timestamp'],
    ['an unknown speed', line({ e: { ...EVENT, speed: 'warp' } }), 'event field speed'],
    ['an event that is not an object', line({ e: [] }), 'event is not an object'],
    ['a limit hit of an unknown kind', line({ h: { ...HIT, kind: 'daily' } }), 'limit hit field kind'],
    ['positions of a relative path', line({ c: { 'a.jsonl': '1:1:1:1' } }), 'position of a relative path (a.jsonl)'],
    ['a position that is not a string', line({ c: { '/a': 5 } }), 'bad position (/a)'],
    ['positions that are not an object', line({ c: 'abc' }), 'positions are not an object'],
    ['a synced flag other than true', line({ s: 1 }), 'unknown record "s"'],
    ['an error without text', line({ err: { code: 'x' } }), 'unknown record "err"'],
    ['line counts without a count', line({ l: { bad: {} } }), 'line counts without a line count'],
    ['a negative line count', line({ l: { lines: -1 } }), 'line counts without a line count'],
    ['bad lines of a relative path', line({ l: { lines: 1, bad: { 'a.jsonl': { n: 1, samples: [] } } } }), 'bad lines of a relative path (a.jsonl)'],
    ['a bad line count that is not a number', line({ l: { lines: 1, bad: { '/a': { n: '2', samples: [] } } } }), 'bad line count (/a)'],
    ['more than 5 samples', line({ l: { lines: 1, bad: { '/a': { n: 6, samples: ['x', 'x', 'x', 'x', 'x', 'x'] } } } }), 'bad line count (/a)'],
    ['a sample that is not text', line({ l: { lines: 1, bad: { '/a': { n: 1, samples: [1] } } } }), 'bad line sample (/a)'],
    ['bad lines that are not an object', line({ l: { lines: 1, bad: [] } }), 'bad lines are not an object'],
    ['a line too long', `{"e":"${'x'.repeat(MAX_LINE)}`, 'line too long'],
  ];
  for (const [what, text, reason] of bad) {
    it(`reports ${what} and reads nothing after it`, () => {
      expect(after(`${text}${line({ s: true })}`)).toEqual([{ kind: 'bad', reason }]);
    });
  }

  it('refuses another protocol version, and a remote that never says hello', () => {
    expect(parse('{"cctop":2}\n')).toEqual([{ kind: 'bad', reason: 'unsupported protocol "{\\"cctop\\":2}"' }]);
    expect(parse(`${'motd\n'.repeat(14_000)}`)).toEqual([{ kind: 'bad', reason: 'no cctop hello from the remote' }]);
  });

  it('drops the records of a batch whose positions never came (the connection ended)', () => {
    const parser = new FeedParser();
    expect(parser.push(Buffer.from(`${FEED_HELLO}\n${line({ e: EVENT })}${line({ e: EVENT })}`))).toEqual([{ kind: 'hello' }]);
  });
});
