import { describe, expect, it } from 'vitest';
import { escapeJsonText, repeatSanitizer, sanitize } from './sanitize.js';
import { parseLine } from './parse-line.js';
import { parseLineBytes } from './parse-bytes.js';
import { detectLimitHit } from './limit-hit.js';
import { fsReason } from './fs-errors.js';

describe('sanitize', () => {
  it('escapes C0, DEL, C1 and bidi controls visibly', () => {
    expect(sanitize('\x1b]0;pwned\x07')).toBe('\\x1b]0;pwned\\x07');
    expect(sanitize('a\nb\tc\rd\x00\x7f')).toBe('a\\nb\\tc\\rd\\x00\\x7f');
    expect(sanitize('\u0080\u009b\u009f')).toBe('\\x80\\x9b\\x9f');
    expect(sanitize('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')).toBe(
      '\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069',
    );
  });

  it('escapes the line and paragraph separators and the invisible format characters', () => {
    expect(sanitize('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
    expect(sanitize('\u200b\u200c\u200d\u200e\u200f')).toBe('\\u200b\\u200c\\u200d\\u200e\\u200f');
    expect(sanitize('\u2060\u2061\u2062\u2063\u2064\ufeff')).toBe('\\u2060\\u2061\\u2062\\u2063\\u2064\\ufeff');
    // Their neighbours are ordinary text: en dash, ellipsis, the 2065 gap, the narrow no-break space.
    expect(sanitize('\u2013\u2026\u2065\u202f\u2070')).toBe('\u2013\u2026\u2065\u202f\u2070');
  });

  it('leaves everything else alone, wide and combining characters included', () => {
    for (const text of ['', '/home/me/src/app', 'C:\\Users\\me', 'プロジェクト', '한국어 😀', 'e\u0301', '\u00a0\u2013\u00ad']) {
      expect(sanitize(text)).toBe(text);
    }
  });

  it('is idempotent and returns the same string when nothing needs escaping', () => {
    const once = sanitize('\x1b[2J\u202e');
    expect(sanitize(once)).toBe(once);
    const clean = 'claude-sonnet-4-5';
    expect(sanitize(clean)).toBe(clean);
  });

  it('remembers its last answer in a repeat sanitiser, and follows a change', () => {
    const clean = repeatSanitizer();
    expect(clean('a\x1b')).toBe('a\\x1b');
    expect(clean('a\x1b')).toBe('a\\x1b');
    expect(clean('b')).toBe('b');
    expect(clean('a\x1b')).toBe('a\\x1b');
  });
});

describe('escapeJsonText', () => {
  it('writes DEL, C1 and bidi controls as \\u escapes: the same value, no raw code point', () => {
    const value = { s: 'a\u007f\u0085\u009b\u202e\u2066\u2028\u200b\ufeffz', n: 1 };
    const text = escapeJsonText(JSON.stringify(value));
    expect(text).toBe('{"s":"a\\u007f\\u0085\\u009b\\u202e\\u2066\\u2028\\u200b\\ufeffz","n":1}');
    expect(JSON.parse(text)).toEqual(value);
  });
});

const usageLine = (fields: Record<string, unknown>) => JSON.stringify({
  type: 'assistant', timestamp: '2026-11-25T14:00:00Z', requestId: 'r\x1b1',
  message: { id: 'm1', model: 'claude-\x1b[31mx\u009b', usage: { input_tokens: 1, output_tokens: 2, inference_geo: 'u\ns' } },
  ...fields,
});

describe('strings entering from a log line', () => {
  it('reach the usage event sanitised: cwd, session id, model, inference geo', () => {
    const [result] = parseLine(usageLine({ cwd: '/p/\x1b]0;t\x07', sessionId: 's\u202e' }), 'f.jsonl', 'UTC');
    expect(result).toMatchObject({
      kind: 'usage',
      event: { cwd: '/p/\\x1b]0;t\\x07', sessionId: 's\\u202e', model: 'claude-\\x1b[31mx\\x9b', inferenceGeo: 'u\\ns' },
    });
    // The dedupe key is compared, never shown: it stays exact.
    expect(result?.kind === 'usage' && result.event.key).toBe('m1:r\x1b1');
  });

  it('reach a limit hit sanitised', () => {
    const hit = detectLimitHit({
      type: 'assistant', error: 'rate_limit', timestamp: '2026-11-25T14:00:00Z', sessionId: 'a\x07',
      message: { content: [{ type: 'text', text: '5-hour limit reached\x1b[2J\n\u202e' }] },
    }, 'f', 'UTC');
    expect(hit).toMatchObject({ text: '5-hour limit reached\\x1b[2J\\n\\u202e', sessionId: 'a\\x07' });
  });

  it('reach a bad line reason sanitised (V8 quotes the line in its message)', () => {
    const results = parseLine('{"usage": \x1b]0;bad\x07}', 'f', 'UTC');
    const bad = results.find((r) => r.kind === 'bad');
    expect(bad?.kind === 'bad' && bad.reason).toContain('\\x1b]0;bad\\x07');
    expect(bad?.kind === 'bad' && /[\x00-\x1f]/.test(bad.reason)).toBe(false);
  });

  it('reach fs error texts sanitised, without the quoted path', () => {
    const err = Object.assign(new Error("EIO: i/o error, open '/x/\x1b]0;t\x07'"), { code: 'EIO' });
    expect(fsReason(err)).toBe('EIO: i/o error');
    expect(fsReason(new Error('E\x1b: bad, open'))).toBe('E\\x1b: bad');
  });
});

describe('a byte order mark', () => {
  const line = JSON.stringify({
    type: 'assistant', timestamp: '2026-11-25T14:00:00Z', requestId: 'r1', sessionId: 's1', cwd: '/p',
    message: { id: 'm1', model: 'claude-sonnet-4-5', usage: { input_tokens: 3, output_tokens: 4 } },
  });

  it('at the start of a line is not part of it: the line is good, as bytes and as text', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(line)]);
    for (const results of [parseLineBytes(bytes, 0, bytes.length, 'f.jsonl', 'UTC'), parseLine(`\ufeff${line}`, 'f.jsonl', 'UTC')]) {
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ kind: 'usage', event: { sessionId: 's1', tokens: { input: 3, output: 4 } } });
    }
  });

  it('anywhere else is still a damaged line', () => {
    const text = `${line.slice(0, 1)}\ufeff${line.slice(1)}`;
    expect(parseLine(text, 'f.jsonl', 'UTC').some((r) => r.kind === 'bad')).toBe(true);
  });
});
