import { describe, expect, it } from 'vitest';
import { ingestOf, SONNET, usageEvent } from '../../test/support/test-events.js';

// Sonnet 4.5 per M: $3 input, $15 output, $3.75 cache write (5m), $0.30 cache read;
// over 200k input side: $6 / $22.5 / $7.5 / $0.6.
const BASE = { input: 1_000, cacheCreation: 5_000, cacheRead: 20_000 };
// cost(output 420) = (1000×3 + 420×15 + 5000×3.75 + 20000×0.3) / 1e6 = (3000 + 6300 + 18750 + 6000) / 1e6
const COST_420 = 34_050 / 1e6;

describe('UsageIngest: dedupe across copies', () => {
  it('three streaming copies (output 1, 5, 420) count once with the final output', () => {
    const ingest = ingestOf([1, 5, 420].map((output) => ({ key: 'msg_1:req_1', tokens: { ...BASE, output } })));
    const session = ingest.store.sessions.get('session-a')!;
    // total = 1000 + 420 + 5000 + 20000 = 26,420
    expect(session.tokens).toEqual({ input: 1_000, output: 420, cacheCreation: 5_000, cacheRead: 20_000, total: 26_420 });
    expect(session.costUSD).toBeCloseTo(COST_420, 12);
    const [bucket] = ingest.store.sortedMinutes();
    expect(bucket!.tokens.total).toBe(26_420);
    expect(bucket!.costUSD).toBeCloseTo(COST_420, 12);
  });

  it('the same response in two files under two roots counts once', () => {
    const ingest = ingestOf([
      { key: 'msg_1:req_1', file: '/laptop/.claude/projects/p/a.jsonl', tokens: { ...BASE, output: 420 } },
      { key: 'msg_1:req_1', file: '/devbox/.claude/projects/p/a.jsonl', tokens: { ...BASE, output: 420 } },
    ]);
    expect(ingest.store.sessions.get('session-a')!.tokens.total).toBe(26_420);
    expect(ingest.ledger.size).toBe(1);
  });

  it('a resumed session copying an old line into a new session file adds nothing', () => {
    const ingest = ingestOf([
      { key: 'k', sessionId: 'old', tokens: { ...BASE, output: 420 } },
      { key: 'k', sessionId: 'new', tokens: { ...BASE, output: 420 } },
    ]);
    expect([...ingest.store.sessions.keys()]).toEqual(['old']);
  });

  it('a copy with a smaller output after the final one adds nothing and totals never go back', () => {
    const ingest = ingestOf([{ key: 'k', tokens: { ...BASE, output: 420 } }]);
    const version = ingest.store.version;
    ingest.addEvent(usageEvent({ key: 'k', tokens: { ...BASE, output: 12 } }));
    expect(ingest.store.version).toBe(version);
    const session = ingest.store.sessions.get('session-a')!;
    expect(session.tokens.output).toBe(420);
    expect(session.costUSD).toBeCloseTo(COST_420, 12);
  });

  it('while tailing only the growth is added: each delta is non-negative and they sum to the final', () => {
    const ingest = ingestOf([{ key: 'k', tokens: { ...BASE, output: 1 } }]);
    const first = ingest.store.sessions.get('session-a')!.costUSD;
    // (3000 + 15 + 18750 + 6000) / 1e6
    expect(first).toBeCloseTo(27_765 / 1e6, 12);
    ingest.addEvent(usageEvent({ key: 'k', tokens: { ...BASE, output: 420 } }));
    const bucket = ingest.store.sortedMinutes()[0]!;
    // growth: 419 output tokens × $15/M = 0.006285
    expect(bucket.tokens.output).toBe(420);
    expect(ingest.store.sessions.get('session-a')!.costUSD - first).toBeCloseTo(6_285 / 1e6, 12);
  });

  it('growth cost is cost(merged) − cost(previous): the 200k tier is decided on the whole request', () => {
    // Copy 1: input 210,000, output 1 → long context: 210000×6 + 1×22.5
    // Copy 2: output 1,000 → merged cost 210000×6 + 1000×22.5 = 1,282,500 → $1.2825.
    // (Pricing the 999-token growth alone would use the $15 standard rate: 14,985 instead of 22,477.5.)
    const ingest = ingestOf([
      { key: 'k', tokens: { input: 210_000, output: 1 } },
      { key: 'k', tokens: { input: 210_000, output: 1_000 } },
    ]);
    expect(ingest.store.sessions.get('session-a')!.costUSD).toBeCloseTo(1.2825, 12);
  });

  it('growth that pushes the input side over 200k reprices the whole request', () => {
    // Copy 1: input 150,000, output 1 → standard: 450,000 + 15 = $0.450015.
    // Copy 2 adds cache read 60,000 (input side 210,000) and output 500 → long:
    // 150000×6 + 60000×0.6 + 500×22.5 = 900,000 + 36,000 + 11,250 = $0.94725 in all.
    const ingest = ingestOf([
      { key: 'k', tokens: { input: 150_000, output: 1 } },
      { key: 'k', tokens: { input: 150_000, cacheRead: 60_000, output: 500 } },
    ]);
    expect(ingest.store.sessions.get('session-a')!.costUSD).toBeCloseTo(0.94725, 12);
  });

  it('lines lacking either id each count as they come', () => {
    const ingest = ingestOf([{ key: null }, { key: null }, { key: null }]);
    // 3 × (100 + 10) tokens; 3 × (100×3 + 10×15) / 1e6 = 3 × 0.00045
    const session = ingest.store.sessions.get('session-a')!;
    expect(session.tokens.total).toBe(330);
    expect(session.costUSD).toBeCloseTo(0.00135, 12);
  });

  it('applies the price multiplier', () => {
    const ingest = ingestOf([{ key: 'k', tokens: { ...BASE, output: 420 } }], { priceMultiplier: 0.5 });
    expect(ingest.store.sessions.get('session-a')!.costUSD).toBeCloseTo(COST_420 / 2, 12);
  });

  it('unknown models cost 0 and are listed as unpriced; <synthetic> is neither', () => {
    const ingest = ingestOf([
      { key: 'a', model: 'claude-unknown-9' },
      { key: 'b', model: '<synthetic>' },
    ]);
    expect(ingest.store.sessions.get('session-a')!.costUSD).toBe(0);
    expect([...ingest.store.unpriced]).toEqual([['claude-unknown-9', 110]]);
  });

  it('cost mode display uses the line costUSD of the first copy only', () => {
    const ingest = ingestOf([
      { key: 'k', costUSD: 0.5, tokens: { ...BASE, output: 1 } },
      { key: 'k', costUSD: 0.5, tokens: { ...BASE, output: 420 } },
    ], { costMode: 'display' });
    const session = ingest.store.sessions.get('session-a')!;
    expect(session.costUSD).toBe(0.5);
    expect(session.tokens.output).toBe(420);
  });

  it('cost mode auto prefers costUSD and calculates lines without it', () => {
    const ingest = ingestOf([
      { key: 'a', costUSD: 0.25, model: SONNET },
      { key: 'b', costUSD: null }, // (100×3 + 10×15) / 1e6 = 0.00045
    ], { costMode: 'auto' });
    expect(ingest.store.sessions.get('session-a')!.costUSD).toBeCloseTo(0.25045, 12);
  });

  it('cost mode calculate ignores costUSD', () => {
    const ingest = ingestOf([{ key: 'a', costUSD: 9 }]);
    expect(ingest.store.sessions.get('session-a')!.costUSD).toBeCloseTo(0.00045, 12);
  });
});
