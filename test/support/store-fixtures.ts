import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UsageTokens } from '../../src/logs/events.js';
import { openStore, type OpenStoreOptions } from '../../src/store/open.js';
import type { HistoryStore } from '../../src/store/history.js';
import type { FilePosition, KeyedEvent } from '../../src/store/types.js';

/** Test-only builders and temporary folders for the history store's tests. */

export const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);

const made: string[] = [];

/** A new empty folder under the OS temp folder, removed by `removeTempDirs`. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cctop-store-'));
  made.push(dir);
  return dir;
}

/** Removes every folder `tempDir` made. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Opens a store in a new temp folder (or at `path`), failing the test when there is none. */
export function openTestStore(options: Partial<OpenStoreOptions> = {}): HistoryStore {
  const result = openStore({ path: join(tempDir(), 'history.sqlite'), ...options });
  if (!result.store) throw new Error(`no store: ${result.notices.join('; ')}`);
  return result.store;
}

/** Token counts, zero where not given. */
export function tokens(t: Partial<UsageTokens> = {}): UsageTokens {
  return { input: 0, output: 0, cacheCreation: 0, cacheCreation5m: 0, cacheCreation1h: 0, cacheRead: 0, webSearchRequests: 0, ...t };
}

export type StoreEventOverrides = Partial<Omit<KeyedEvent, 'tokens'>> & { tokens?: Partial<UsageTokens> };

/** A keyed usage event with plain defaults: Sonnet 4.5, 100 input + 10 output tokens at T0. */
export function storeEvent(overrides: StoreEventOverrides = {}): KeyedEvent {
  const { tokens: t, ...rest } = overrides;
  return {
    key: 'msg_01A:req_01A',
    timestamp: T0,
    sessionId: 'session-a',
    cwd: '/home/me/project',
    model: 'claude-sonnet-4-5-20250929',
    isSidechain: false,
    speed: 'standard',
    inferenceGeo: null,
    costUSD: null,
    file: '/logs/projects/-home-me-project/session-a.jsonl',
    ...rest,
    tokens: tokens(t ?? { input: 100, output: 10 }),
  };
}

/** A file position with plain defaults. */
export function position(overrides: Partial<FilePosition> = {}): FilePosition {
  return {
    path: '/logs/projects/-home-me-project/session-a.jsonl',
    machine: 'local',
    device: 2049,
    inode: 1234567,
    size: 4096,
    mtimeMs: 1768469400123.5,
    offset: 4000,
    line: 17,
    headHash: 'sha1:0123456789abcdef',
    ...overrides,
  };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A deterministic pseudo-random base62 id of `length` characters (like Anthropic's ids). */
function id(seed: number, length: number): string {
  let x = (seed * 2654435761 + 97) >>> 0;
  let text = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    text += BASE62[(x >>> 16) % 62];
  }
  return text;
}

/**
 * `count` responses shaped like a real history: ids as long as Anthropic's, ~40 responses per
 * session file, 20 projects, 3 models, one response every 30 s from `start`.
 */
export function historyEvents(count: number, start = T0, prefix = ''): KeyedEvent[] {
  const events: KeyedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const n = Math.floor(i / 40);
    const session = `${prefix}${id(n, 8)}-4a1b-4c2d-8e3f-${id(n + 1, 12)}`;
    const project = `/home/me/src/project-${n % 20}`;
    events.push(storeEvent({
      key: `msg_01${prefix}${id(i, 22)}:req_011${id(i + 7, 21)}`,
      timestamp: start + i * 30_000,
      sessionId: session,
      cwd: project,
      model: ['claude-sonnet-4-5-20250929', 'claude-opus-4-5-20251101', 'claude-haiku-4-5-20251001'][i % 3]!,
      file: `/home/me/.claude/projects/${project.replace(/\//g, '-')}/${session}.jsonl`,
      tokens: {
        input: 3 + (i % 7),
        output: 200 + (i % 900),
        cacheCreation: 1500 + (i % 3000),
        cacheCreation5m: 1500 + (i % 3000),
        cacheRead: 20_000 + i * 3,
      },
    }));
  }
  return events;
}
