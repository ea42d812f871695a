import { describe, expect, it } from 'vitest';
import { parseOfficialRecord } from './official-record.js';

const record = (fields: Record<string, unknown>) => JSON.stringify({
  at: 1_764_080_000_000, sessionId: 's', model: null, fiveHour: { usedPercent: 10, resetsAt: 1_764_090_000_000 }, sevenDay: null, sessionCostUSD: null, ...fields,
});

describe('a state-file record', () => {
  it('is read with its instants', () => {
    expect(parseOfficialRecord(record({}))).toEqual({
      at: 1_764_080_000_000, sessionId: 's', model: null, fiveHour: { usedPercent: 10, resetsAt: 1_764_090_000_000 }, sevenDay: null, sessionCostUSD: null,
    });
  });

  it('is no reading when an instant is past what a Date holds, or before 1970 (hand-edited: --json threw on it)', () => {
    expect(parseOfficialRecord(record({ fiveHour: { usedPercent: 10, resetsAt: 1e300 } }))).toBeNull();
    expect(parseOfficialRecord(record({ sevenDay: { usedPercent: 10, resetsAt: 8.64e15 + 1 } }))).toBeNull();
    expect(parseOfficialRecord(record({ at: -1 }))).toBeNull();
    expect(parseOfficialRecord(record({ at: 8.64e15, fiveHour: { usedPercent: 10, resetsAt: 8.64e15 } }))?.at).toBe(8.64e15);
  });

  it('is no reading when a percentage is outside 0–100, as the statusline records none (the plain snapshot said "limit Infinity %")', () => {
    expect(parseOfficialRecord(record({ sevenDay: { usedPercent: 1e308, resetsAt: 1_764_090_000_000 } }))).toBeNull();
    expect(parseOfficialRecord(record({ fiveHour: { usedPercent: 100.1, resetsAt: 1_764_090_000_000 } }))).toBeNull();
    expect(parseOfficialRecord(record({ fiveHour: { usedPercent: 100, resetsAt: 1_764_090_000_000 } }))?.fiveHour?.usedPercent).toBe(100);
  });
});
