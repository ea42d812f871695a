import { describe, expect, it } from 'vitest';
import { ResponseLedger } from './dedupe.js';
import { usageEvent } from '../../test/support/test-events.js';

describe('ResponseLedger', () => {
  it('keeps the first copy and passes it on with no previous', () => {
    const ledger = new ResponseLedger();
    const update = ledger.record(usageEvent({ key: 'msg_1:req_1', tokens: { input: 100, output: 1 } }));
    expect(update?.previous).toBeNull();
    expect(update?.current.tokens.output).toBe(1);
    expect(ledger.size).toBe(1);
  });

  it('keeps the largest value of each field and reports the one before', () => {
    const ledger = new ResponseLedger();
    ledger.record(usageEvent({ key: 'k', tokens: { input: 100, output: 1, cacheRead: 50 } }));
    // The second copy has more output but less cache read: each field keeps its own maximum.
    const update = ledger.record(usageEvent({ key: 'k', tokens: { input: 100, output: 420, cacheRead: 10 } }));
    expect(update?.previous?.tokens).toMatchObject({ input: 100, output: 1, cacheRead: 50 });
    expect(update?.current.tokens).toMatchObject({ input: 100, output: 420, cacheRead: 50 });
    expect(ledger.size).toBe(1);
  });

  it('returns null for a copy that grows nothing (same or smaller)', () => {
    const ledger = new ResponseLedger();
    ledger.record(usageEvent({ key: 'k', tokens: { input: 100, output: 420 } }));
    expect(ledger.record(usageEvent({ key: 'k', tokens: { input: 100, output: 420 } }))).toBeNull();
    expect(ledger.record(usageEvent({ key: 'k', tokens: { input: 100, output: 5 } }))).toBeNull();
  });

  it('keeps the first copy metadata (time, session, model) for later copies', () => {
    const ledger = new ResponseLedger();
    ledger.record(usageEvent({ key: 'k', timestamp: 1_000, sessionId: 'first', tokens: { output: 1 } }));
    const update = ledger.record(usageEvent({ key: 'k', timestamp: 9_000, sessionId: 'resumed', tokens: { output: 2 } }));
    expect(update?.current).toMatchObject({ timestamp: 1_000, sessionId: 'first' });
  });

  it('never stores lines without a key: each one counts', () => {
    const ledger = new ResponseLedger();
    expect(ledger.record(usageEvent({ key: null }))).not.toBeNull();
    expect(ledger.record(usageEvent({ key: null }))).not.toBeNull();
    expect(ledger.size).toBe(0);
  });

  it('keeps token counts beyond 32 bits exactly', () => {
    const ledger = new ResponseLedger();
    ledger.record(usageEvent({ key: 'k', tokens: { input: 5_000_000_000, output: 1 } }));
    const update = ledger.record(usageEvent({ key: 'k', tokens: { input: 5_000_000_000, output: 2 ** 40 + 3 } }));
    expect(update?.previous?.tokens).toMatchObject({ input: 5_000_000_000, output: 1 });
    expect(update?.current.tokens).toMatchObject({ input: 5_000_000_000, output: 2 ** 40 + 3 });
    expect(ledger.record(usageEvent({ key: 'k', tokens: { input: 4_999_999_999, output: 2 ** 40 } }))).toBeNull();
  });

  it('gives each response its own first copy context when sessions, folders and models interleave', () => {
    const ledger = new ResponseLedger();
    const contexts = [
      { sessionId: 's1', cwd: '/a', model: 'm1', speed: 'standard', inferenceGeo: null },
      { sessionId: 's2', cwd: '/a', model: 'm1', speed: 'fast', inferenceGeo: 'us' },
      { sessionId: 's1', cwd: '/b', model: 'm2', speed: 'standard', inferenceGeo: 'us' },
    ] as const;
    for (let i = 0; i < 9; i++) ledger.record(usageEvent({ key: `k${i}`, ...contexts[i % 3]!, tokens: { output: 1 } }));
    for (let i = 0; i < 9; i++) {
      const update = ledger.record(usageEvent({ key: `k${i}`, sessionId: 'other', cwd: '/z', model: 'm9', tokens: { output: 2 } }));
      expect(update?.current).toMatchObject(contexts[i % 3]!);
    }
  });
});
