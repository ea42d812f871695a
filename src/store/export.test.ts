import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, removeTempDirs, storeEvent, T0 } from '../../test/support/store-fixtures.js';
import { csvField, csvLines, ndjsonLines } from './export.js';
import type { StoredResponse } from './types.js';

afterEach(removeTempDirs);

const plain: StoredResponse = {
  ...storeEvent({
    tokens: { input: 3, output: 412, cacheCreation: 500, cacheCreation5m: 300, cacheCreation1h: 200, cacheRead: 9000, webSearchRequests: 1 },
  }),
  machine: 'laptop',
};
const awkward: StoredResponse = {
  ...storeEvent({
    key: '/logs/a "b".jsonl:812',
    timestamp: T0 + 1,
    cwd: '/home/me/a,b',
    speed: 'fast',
    inferenceGeo: 'us',
    costUSD: 0.0125,
    isSidechain: true,
    file: '/logs/a "b".jsonl',
    sessionId: 'line\nbreak',
  }),
  machine: 'devbox',
};

describe('CSV export', () => {
  it('writes a header and one escaped line per response', () => {
    expect([...csvLines([plain, awkward])].join('')).toBe(
      'time,timestamp_ms,machine,session_id,cwd,model,input_tokens,output_tokens,cache_creation_tokens,' +
        'cache_creation_5m_tokens,cache_creation_1h_tokens,cache_read_tokens,web_search_requests,speed,inference_geo,' +
        'cost_usd,is_sidechain,file,key\n' +
        '2026-01-15T09:30:00.000Z,1768469400000,laptop,session-a,/home/me/project,claude-sonnet-4-5-20250929,3,412,500,' +
        '300,200,9000,1,standard,,,false,/logs/projects/-home-me-project/session-a.jsonl,msg_01A:req_01A\n' +
        '2026-01-15T09:30:00.001Z,1768469400001,devbox,"line\nbreak","/home/me/a,b",claude-sonnet-4-5-20250929,100,10,0,' +
        '0,0,0,0,fast,us,0.0125,true,"/logs/a ""b"".jsonl","/logs/a ""b"".jsonl:812"\n',
    );
  });

  it('quotes only the fields that need it', () => {
    const fields = [null, 0, 'a', 'a"b', 'a\rb', false].map(csvField);
    expect(fields).toEqual(['', '0', 'a', '"a""b"', '"a\rb"', 'false']);
  });

  it('of an empty store is the header alone', () => {
    expect([...csvLines(openTestStore().exportRows())]).toHaveLength(1);
  });
});

describe('NDJSON export', () => {
  it('writes one JSON object per line, the UTC time first', () => {
    expect([...ndjsonLines([plain])].join('')).toBe(
      '{"time":"2026-01-15T09:30:00.000Z","key":"msg_01A:req_01A","timestamp":1768469400000,"sessionId":"session-a",' +
        '"cwd":"/home/me/project","model":"claude-sonnet-4-5-20250929","isSidechain":false,"speed":"standard",' +
        '"inferenceGeo":null,"costUSD":null,"file":"/logs/projects/-home-me-project/session-a.jsonl","tokens":{"input":3,' +
        '"output":412,"cacheCreation":500,"cacheCreation5m":300,"cacheCreation1h":200,"cacheRead":9000,"webSearchRequests":1},' +
        '"machine":"laptop"}\n',
    );
  });

  it('round-trips what the store holds', () => {
    const store = openTestStore();
    store.upsert([awkward], 'devbox');
    const lines = [...ndjsonLines(store.exportRows())];
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([{ time: '2026-01-15T09:30:00.001Z', ...awkward }]);
  });
});
