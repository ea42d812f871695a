import { describe, expect, it } from 'vitest';
import { driftText, windowName } from './window-words.js';

describe('window words', () => {
  it('name windows as people say them', () => {
    expect(['five_hour', 'seven_day', 'seven_day_opus', 'spend_limit', 'weird'].map(windowName))
      .toEqual(['5-hour', 'weekly', 'weekly Opus', 'spend limit', 'weird']);
  });

  it('say a drift as what a whole window bought before and since', () => {
    const drift = {
      before: 0.41, after: 0.29, changePercent: -29.3, since: Date.parse('2026-12-03T09:00Z'),
      beforeFrom: Date.parse('2026-11-20T10:00Z'), beforeTo: Date.parse('2026-11-30T20:00Z'),
    };
    expect(driftText('five_hour', drift, 'UTC')).toBe('a 5-hour window bought $41.00 (Nov 20–30), $29.00 since Dec 3 (−29 %)');
    expect(driftText('seven_day', { ...drift, changePercent: 16, beforeFrom: Date.parse('2026-10-28T00:00Z') }, 'UTC'))
      .toBe('a weekly window bought $41.00 (Oct 28–Nov 30), $29.00 since Dec 3 (+16 %)');
  });
});
