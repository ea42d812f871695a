import { describe, expect, it } from 'vitest';
import type { UsageEvent } from './events.js';
import { lineMayMatter, parseLine, USAGE_MARKER, type LineResult } from './parse-line.js';
import { fixtureLine } from '../../test/support/log-fixtures.js';

const FILE = '/logs/s.jsonl';

function events(results: LineResult[]): UsageEvent[] {
  return results.flatMap((r) => (r.kind === 'usage' ? [r.event] : []));
}

function bads(results: LineResult[]): string[] {
  return results.flatMap((r) => (r.kind === 'bad' ? [r.reason] : []));
}

function usageLine(usage: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'assistant',
    timestamp: '2026-01-02T03:04:05.678Z',
    sessionId: 's1',
    requestId: 'req_1',
    cwd: '/w',
    message: { id: 'msg_1', model: 'claude-sonnet-4-5', usage },
    ...extra,
  });
}

describe('lineMayMatter', () => {
  const check = (text: string) => {
    const buf = Buffer.from(`xx${text}yy`);
    return lineMayMatter(buf, 2, buf.length - 2);
  };

  it('is true for each marker and false otherwise', () => {
    expect(USAGE_MARKER).toBe('"usage"');
    expect(check('{"usage":{}}')).toBe(true);
    expect(check('{"error":"rate_limit"}')).toBe(true);
    expect(check('{"isApiErrorMessage":true}')).toBe(true);
    expect(check('{"type":"user","text":"the usage of \\"usage\\" here"}')).toBe(false);
  });

  it('only looks between start and end', () => {
    const buf = Buffer.from('"usage" plain line "usage"');
    expect(lineMayMatter(buf, 7, 19)).toBe(false);
    expect(lineMayMatter(buf, 0, 7)).toBe(true);
  });
});

describe('parseLine on real lines', () => {
  it('reads every field of a 2.1.x usage line (spotter/short.jsonl line 5)', () => {
    const results = parseLine(fixtureLine('spotter/short.jsonl', 5), FILE, 'UTC');
    expect(results).toEqual([
      {
        kind: 'usage',
        event: {
          key: 'msg_01MKH1ccEGrZGNPvu8pYiiQa:req_011CY15QS2LGwAeBxdfa6e1V',
          timestamp: Date.UTC(2026, 1, 10, 21, 11, 59, 186),
          sessionId: '55604662-cf2a-4331-851a-ec234028f8ca',
          cwd: '/home/marco/projects/spotter',
          model: 'claude-opus-4-6',
          isSidechain: false,
          tokens: {
            input: 3,
            output: 13,
            cacheCreation: 13835,
            cacheCreation5m: 0,
            cacheCreation1h: 13835,
            cacheRead: 11515,
            webSearchRequests: 0,
          },
          speed: 'standard',
          inferenceGeo: 'not_available',
          costUSD: null,
          file: FILE,
        },
      },
    ]);
  });

  it('reads a 1.0.98 line (claude-code-viewer 1af7fc5e line 3)', () => {
    const [event] = events(parseLine(fixtureLine('claude-code-viewer/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl', 3), FILE, 'UTC'));
    expect(event?.key).toBe('msg_01TqDZoU6FcpxB4u2AmpgWfZ:req_011CSkYba8YAUvnXvqT4qm9G');
    expect(event?.model).toBe('claude-sonnet-4-20250514');
    expect(event?.tokens).toEqual({
      input: 3,
      output: 8,
      cacheCreation: 10816,
      cacheCreation5m: 10816,
      cacheCreation1h: 0,
      cacheRead: 4734,
      webSearchRequests: 0,
    });
    expect(event?.inferenceGeo).toBeNull();
  });

  it('ignores lines without usage (summary, snapshot, user, hook progress)', () => {
    expect(parseLine(fixtureLine('spotter/short.jsonl', 1), FILE, 'UTC')).toEqual([{ kind: 'ignored' }]);
    expect(parseLine(fixtureLine('claude-code-viewer/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl', 1), FILE, 'UTC')).toEqual([
      { kind: 'ignored' },
    ]);
    for (const type of ['system', 'user', 'queue-operation', 'progress']) {
      expect(parseLine(JSON.stringify({ type, message: { content: 'x' } }), FILE, 'UTC')).toEqual([{ kind: 'ignored' }]);
    }
  });

  it('turns an agent_progress copy into a sidechain event of the parent session (spotter/subagent.jsonl line 38)', () => {
    const results = parseLine(fixtureLine('spotter/subagent.jsonl', 38), FILE, 'UTC');
    expect(results).toHaveLength(1);
    const [event] = events(results);
    expect(event).toMatchObject({
      key: 'msg_0199s85GE5eqHtZm2Xpv7BsK:req_011CY18wFKcx4uxzHzUBxUC6',
      timestamp: Date.UTC(2026, 1, 10, 21, 58, 17, 856),
      sessionId: '491e126e-1e71-469c-ade2-fcc8af567c74',
      cwd: '/home/marco/projects/spotter',
      model: 'claude-haiku-4-5-20251001',
      isSidechain: true,
      tokens: { input: 2, output: 3, cacheCreation: 2398, cacheCreation1h: 2398, cacheRead: 15584 },
    });
  });
});

describe('parseLine field handling', () => {
  it('defaults missing counts to 0 and reads web searches, speed, geo and costUSD', () => {
    const line = usageLine(
      { output_tokens: 7, server_tool_use: { web_search_requests: 2 }, speed: 'fast', inference_geo: 'us' },
      { costUSD: 0.25, isSidechain: true },
    );
    const [event] = events(parseLine(line, FILE, 'UTC'));
    expect(event?.tokens).toEqual({
      input: 0,
      output: 7,
      cacheCreation: 0,
      cacheCreation5m: 0,
      cacheCreation1h: 0,
      cacheRead: 0,
      webSearchRequests: 2,
    });
    expect(event?.speed).toBe('fast');
    expect(event?.inferenceGeo).toBe('us');
    expect(event?.costUSD).toBe(0.25);
    expect(event?.isSidechain).toBe(true);
  });

  it('uses <unknown> for a missing model, keeps <synthetic>, and keys null without both ids', () => {
    const noModel = JSON.parse(usageLine({ input_tokens: 1 })) as { message: Record<string, unknown> };
    delete noModel.message.model;
    delete noModel.message.id;
    const [unknown] = events(parseLine(JSON.stringify(noModel), FILE, 'UTC'));
    expect(unknown?.model).toBe('<unknown>');
    expect(unknown?.key).toBeNull();
    const synthetic = usageLine({ input_tokens: 0 }, { requestId: undefined });
    const [event] = events(parseLine(synthetic.replace('claude-sonnet-4-5', '<synthetic>'), FILE, 'UTC'));
    expect(event?.model).toBe('<synthetic>');
    expect(event?.key).toBeNull();
    expect(event?.sessionId).toBe('s1');
  });

  it('allows unknown extra fields and null sub-objects', () => {
    const line = usageLine({ input_tokens: 4, cache_creation: null, iterations: [1], service_tier: 'x' }, { newField: {} });
    expect(events(parseLine(line, FILE, 'UTC'))[0]?.tokens.input).toBe(4);
  });

  it.each([
    [{ input_tokens: -1 }, 'message.usage.input_tokens'],
    [{ output_tokens: 1.5 }, 'message.usage.output_tokens'],
    [{ cache_read_input_tokens: '12' }, 'message.usage.cache_read_input_tokens'],
    [{ cache_creation: { ephemeral_1h_input_tokens: -3 } }, 'message.usage.cache_creation.ephemeral_1h_input_tokens'],
  ])('makes a bad token count %j a bad line naming the field', (usage, field) => {
    const results = parseLine(usageLine(usage), FILE, 'UTC');
    expect(results).toHaveLength(1);
    expect(bads(results)[0]).toMatch(new RegExp(`^${field.replaceAll('.', '\\.')}:`));
  });

  it('makes a timestamp that is not a date (or is missing) a bad line', () => {
    expect(bads(parseLine(usageLine({}, { timestamp: 'yesterday' }), FILE, 'UTC'))[0]).toBe('timestamp: not an ISO-8601 time from 2023 on');
    expect(bads(parseLine(usageLine({}, { timestamp: undefined }), FILE, 'UTC'))[0]).toMatch(/^timestamp:/);
  });

  it.each([
    ['a bare number, which Date.parse reads as a year', '1'],
    ['a bare epoch', '1764000000000'],
    ['a day before 2023', '2022-12-31T23:59:59Z'],
    ['the epoch', '1970-01-01T00:00:00Z'],
  ])('makes %s a bad line: %s', (_name, timestamp) => {
    const results = parseLine(usageLine({ input_tokens: 1 }, { timestamp }), FILE, 'UTC');
    expect(results).toEqual([{ kind: 'bad', reason: 'timestamp: not an ISO-8601 time from 2023 on' }]);
  });

  it.each([
    [{ input_tokens: 1e9 + 1 }, {}, 'message.usage.input_tokens: more than 1e+9 tokens'],
    [{ cache_read_input_tokens: 2 ** 53 - 1 }, {}, 'message.usage.cache_read_input_tokens: more than 1e+9 tokens'],
    [{ input_tokens: 1 }, { costUSD: 1e308 }, 'costUSD: over $1e+6'],
    [{ input_tokens: 1 }, { costUSD: -999.5 }, 'costUSD: negative'],
  ])('makes an absurd value a bad line with a reason: %j %j', (usage, fields, reason) => {
    expect(parseLine(usageLine(usage, fields), FILE, 'UTC')).toEqual([{ kind: 'bad', reason }]);
  });

  it('takes the largest believable values', () => {
    const [event] = events(parseLine(usageLine({ input_tokens: 1e9, output_tokens: 0 }, { costUSD: 1e6, timestamp: '2023-01-01T00:00:00Z' }), FILE, 'UTC'));
    expect([event?.tokens.input, event?.costUSD, event?.timestamp]).toEqual([1e9, 1e6, Date.UTC(2023, 0, 1)]);
  });
});

describe('parseLine on corrupt lines', () => {
  const good = usageLine({ input_tokens: 11, output_tokens: 22 });

  it('recovers a complete record spliced after a truncated stub', () => {
    const results = parseLine(`{"type":"assistant","mess${good}`, FILE, 'UTC');
    expect(events(results).map((e) => e.tokens.output)).toEqual([22]);
    expect(bads(results)).toEqual(['invalid JSON (recovered 1 record(s))']);
  });

  it('recovers a record spliced right after a colon or comma of the stub', () => {
    const results = parseLine(`{"type":"assistant","message":${good}`, FILE, 'UTC');
    expect(events(results).map((e) => e.tokens.input)).toEqual([11]);
    expect(bads(results)).toHaveLength(1);
  });

  it('reads two complete records on one line, with no bad', () => {
    expect(events(parseLine(`${good}${good}`, FILE, 'UTC'))).toHaveLength(2);
    expect(bads(parseLine(`${good}${good}`, FILE, 'UTC'))).toEqual([]);
  });

  it('reports a truncated usage line as one bad, no event', () => {
    const results = parseLine(good.slice(0, 80), FILE, 'UTC');
    expect(results).toHaveLength(1);
    expect(bads(results)[0]).toMatch(/^invalid JSON: /);
  });

  it('strips NUL runs before parsing', () => {
    expect(events(parseLine(`\u0000\u0000\u0000${good}`, FILE, 'UTC'))).toHaveLength(1);
    expect(parseLine('\u0000'.repeat(100), FILE, 'UTC')).toEqual([{ kind: 'ignored' }]);
  });

  it('reports message of the wrong type on an assistant line', () => {
    const str = JSON.stringify({ type: 'assistant', timestamp: '2026-01-01T00:00:00Z', message: 'usage' });
    const arr = JSON.stringify({ type: 'assistant', timestamp: '2026-01-01T00:00:00Z', message: [{ usage: {} }] });
    expect(bads(parseLine(str, FILE, 'UTC'))).toEqual(['message: expected an object, got string']);
    expect(bads(parseLine(arr, FILE, 'UTC'))).toEqual(['message: expected an object, got array']);
  });

  it('reports valid JSON that is not an object', () => {
    for (const line of ['"usage"', '[{"usage":1}]', '42', 'null']) {
      expect(parseLine(line, FILE, 'UTC')).toEqual([{ kind: 'bad', reason: 'not a JSON object' }]);
    }
  });

  it('reports usage that is not an object', () => {
    const line = JSON.stringify({ type: 'assistant', timestamp: '2026-01-01T00:00:00Z', message: { usage: 5 } });
    expect(bads(parseLine(line, FILE, 'UTC'))[0]).toMatch(/^message\.usage:/);
  });
});

describe('parseLine on limit messages', () => {
  it('returns the hit (and no usage) for a 2.x rate_limit line', () => {
    const line = JSON.stringify({
      type: 'assistant',
      timestamp: '2026-11-20T13:10:00.000Z',
      sessionId: 's',
      message: { model: '<synthetic>', content: [{ type: 'text', text: "You've hit your session limit · resets 9:50pm (Asia/Saigon)" }] },
      error: 'rate_limit',
      isApiErrorMessage: true,
      apiErrorStatus: 429,
    });
    const results = parseLine(line, FILE, 'UTC');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: 'limit', hit: { kind: 'five_hour', resetsAt: Date.UTC(2026, 10, 20, 14, 50) } });
  });

  it('returns both the hit and the zero usage of a legacy synthetic line', () => {
    const line = JSON.stringify({
      type: 'assistant',
      timestamp: '2025-02-01T12:00:00.000Z',
      sessionId: 's',
      message: {
        id: 'm',
        model: '<synthetic>',
        content: [{ type: 'text', text: 'Claude AI usage limit reached|1738425600' }],
        usage: { input_tokens: 0, output_tokens: 0 },
      },
    });
    const kinds = parseLine(line, FILE, 'UTC').map((r) => r.kind);
    expect(kinds).toEqual(['limit', 'usage']);
  });
});
