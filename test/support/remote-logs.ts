import fs from 'node:fs';
import path from 'node:path';
import { commandPath } from './isolation.js';

/** Fields of one assistant usage line (the shape of fixtures/real/*.jsonl, Claude Code 2.1.x). */
export interface UsageLineFields {
  id: string;
  requestId: string;
  sessionId?: string;
  timestamp?: string;
  model?: string;
  input?: number;
  output?: number;
  cacheWrite?: number;
  cacheRead?: number;
  text?: string;
}

/** One realistic assistant line with `message.usage`, without its newline. */
export function usageLine(f: UsageLineFields): string {
  return JSON.stringify({
    parentUuid: '5440873c-2d59-4c8c-88ec-c0a8c38a027d',
    isSidechain: false,
    userType: 'external',
    cwd: '/home/marco/projects/spotter',
    sessionId: f.sessionId ?? 'd6e0bada-1959-4eec-a9d2-0bfade768d8f',
    version: '2.1.38',
    gitBranch: 'master',
    message: {
      model: f.model ?? 'claude-opus-4-6',
      id: f.id,
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: f.text ?? 'Phoenix server is starting in the background.' }],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: f.input ?? 3,
        cache_creation_input_tokens: f.cacheWrite ?? 7883,
        cache_read_input_tokens: f.cacheRead ?? 17915,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: f.cacheWrite ?? 7883 },
        output_tokens: f.output ?? 27,
        service_tier: 'standard',
        inference_geo: 'not_available',
      },
    },
    requestId: f.requestId,
    type: 'assistant',
    uuid: '8565db80-925a-45e5-8912-159a151b6d24',
    timestamp: f.timestamp ?? '2026-02-10T22:57:57.941Z',
  });
}

/** A user line (no usage): what the remote prefilter must not send. */
export function userLine(text: string): string {
  return JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    type: 'user',
    message: { role: 'user', content: text },
    uuid: 'a1f0c2de-0000-4000-8000-000000000001',
    timestamp: '2026-02-10T22:57:50.000Z',
  });
}

/** Writes `lines` (each followed by a newline) to `root/projects/<project>/<name>`; returns the path. */
export function writeLog(root: string, project: string, name: string, lines: string[]): string {
  const file = path.join(root, 'projects', project, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return file;
}

const BUSYBOX_APPLETS = ['sh', 'find', 'ls', 'awk', 'grep', 'wc', 'tail', 'head', 'dd', 'mv', 'touch', 'sleep', 'sed', 'tr', 'cat', 'rm', 'mkdir'];

/** busybox's own path and a folder holding only its applets (a PATH with nothing else), or null without busybox. */
export function busyboxOnlyPath(dir: string): { busybox: string; bin: string } | null {
  const busybox = commandPath('busybox');
  if (busybox === null) return null;
  const bin = path.join(dir, 'busybox-bin');
  fs.mkdirSync(bin, { recursive: true });
  for (const applet of BUSYBOX_APPLETS) {
    const link = path.join(bin, applet);
    if (!fs.existsSync(link)) fs.symlinkSync(busybox, link);
  }
  return { busybox, bin };
}

/** Resolves once `check` holds (polled every 20 ms); rejects after `timeoutMs` with `what`. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
