import { describe, expect, it } from 'vitest';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { UsageEvent } from './events.js';
import { forEachPacked, ownState, packEvents, transferablesOf, type PackedEvents } from './scan-packing.js';
import type { TailState } from './tail.js';

const tokens = { input: 1, output: 2, cacheCreation: 3, cacheCreation5m: 1, cacheCreation1h: 2, cacheRead: 4, webSearchRequests: 0 };
const event = (over: Partial<UsageEvent>): UsageEvent => ({
  key: 'msg_1:req_1', timestamp: 1_767_225_600_000, sessionId: 's1', cwd: '/work/a', model: 'claude-sonnet-4-5', isSidechain: false,
  tokens, speed: 'standard', inferenceGeo: null, costUSD: null, file: '/x.jsonl', ...over,
});

/** What a thread receives: the packed events through a real port, their buffers transferred. */
function posted(packed: PackedEvents): PackedEvents {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(packed, transferablesOf(packed));
  const got = receiveMessageOnPort(port2)!.message as PackedEvents;
  port1.close();
  return got;
}

function unpack(packed: PackedEvents): UsageEvent[] {
  const out: UsageEvent[] = [];
  forEachPacked(packed, '/x.jsonl', (e) => out.push({ ...e, tokens: { ...e.tokens } }));
  return out;
}

describe('packed events', () => {
  it('come back from another thread as they went, strings of every kind included', () => {
    const events = [
      event({}),
      event({ key: null, sessionId: 's1', cwd: '/home/zoë/项目', isSidechain: true, speed: 'fast', inferenceGeo: 'us', costUSD: 0.25 }),
      // A lone surrogate (JSON.parse makes one of "\ud800") does not survive UTF-8: it travels as a string.
      event({ key: 'msg_2:req_2', cwd: 'bad \ud800 half', model: '', tokens: { ...tokens, output: 2 ** 40 } }),
      event({ key: 'msg_1:req_1', costUSD: 0 }),
    ];
    const packed = packEvents(events);
    const sent = posted(packed);
    expect(packed.numbers.byteLength).toBe(0); // transferred, not copied
    expect(unpack(sent)).toEqual(events);
  });

  it('number each distinct string once', () => {
    const packed = packEvents([event({}), event({ key: 'msg_2:req_2' })]);
    // msg_1:req_1, s1, /work/a, claude-sonnet-4-5, msg_2:req_2
    expect(packed.ends.length).toBe(5);
    expect(Buffer.from(packed.text).toString()).toBe('msg_1:req_1s1/work/aclaude-sonnet-4-5msg_2:req_2');
  });

  it('pack an empty batch', () => {
    expect(unpack(posted(packEvents([])))).toEqual([]);
  });
});

describe('ownState', () => {
  it('rebuilds a cloned tailer state as literals, its long line seam a Buffer again', () => {
    const state: TailState = {
      ino: 7, birthtimeMs: 5, cursor: { next: 10, end: 20, lineNo: 3, long: { start: 10, markerAt: -1, seam: Buffer.from('usa') } },
      seen: { mtimeMs: 9, tailHash: 'ab' },
    };
    const cloned = structuredClone(state);
    expect(Buffer.isBuffer(cloned.cursor.long!.seam)).toBe(false);
    const own = ownState(cloned);
    expect(own).toEqual(state);
    expect(Buffer.isBuffer(own.cursor.long!.seam)).toBe(true);
    const plain: TailState = { ino: 1, birthtimeMs: 0, cursor: { next: 0, end: 0, lineNo: 0, long: null } };
    expect(ownState(structuredClone(plain))).toStrictEqual(plain);
  });
});
