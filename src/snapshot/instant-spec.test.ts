import { describe, expect, it } from 'vitest';
import { writeInstants } from './instant-spec.js';

describe('writeInstants', () => {
  it('writes instants as ISO-8601, non-finite numbers as null, keys in their order', () => {
    const value = { b: 1, a: { at: Date.UTC(2026, 11, 7, 15, 0), n: Number.NaN, list: [Date.UTC(2026, 0, 1), Infinity] }, s: 'x', none: null };
    const written = writeInstants(value, { b: 'number', a: { at: 'instant', n: 'number', list: 'instant' } });
    expect(JSON.stringify(written)).toBe(
      '{"b":1,"a":{"at":"2026-12-07T15:00:00.000Z","n":null,"list":["2026-01-01T00:00:00.000Z",null]},"s":"x","none":null}');
  });

  it('keeps a record key "__proto__" (a session or model named so) as an own key', () => {
    const sessions = JSON.parse('{"__proto__":{"lastSeen":0},"constructor":{"lastSeen":60000}}') as Record<string, { lastSeen: number }>;
    const written = writeInstants({ sessions }, { sessions: { '*': { lastSeen: 'instant' } } }) as { sessions: object };
    expect(Object.keys(written.sessions)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(written.sessions)).toBe(Object.prototype);
    expect(JSON.stringify(written)).toBe('{"sessions":{"__proto__":{"lastSeen":"1970-01-01T00:00:00.000Z"},"constructor":{"lastSeen":"1970-01-01T00:01:00.000Z"}}}');
  });
});
