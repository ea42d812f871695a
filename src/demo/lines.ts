/**
 * Real-shaped Claude Code log lines, for the demo and the benchmark's generator. An API
 * response is written the way Claude Code writes it: one line per content block, the same
 * `message.id` + `requestId` on each, and `output_tokens` growing from a placeholder to the
 * final count on the last line.
 */

export interface ResponseSpec {
  sessionId: string;
  cwd: string;
  model: string;
  /** Epoch ms of the first line; later copies follow a few ms apart. */
  time: number;
  messageId: string;
  requestId: string;
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
  /** Content blocks: one line each (at least 1). */
  blocks: number;
  isSidechain?: boolean;
  agentId?: string;
  /** Extra text in each content block (to make lines as long as real ones). */
  padding?: string;
}

export interface Usage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
  service_tier: string;
}

export function usageOf(spec: ResponseSpec, output: number): Usage {
  return {
    input_tokens: spec.input,
    cache_creation_input_tokens: spec.cacheWrite,
    cache_read_input_tokens: spec.cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: spec.cacheWrite },
    output_tokens: output,
    service_tier: 'standard',
  };
}

/** The lines of one response, each ending in a newline. */
export function responseLines(spec: ResponseSpec): string[] {
  const lines: string[] = [];
  for (let i = 0; i < spec.blocks; i++) {
    const last = i === spec.blocks - 1;
    const output = last ? spec.output : Math.min(spec.output, 1 + i * 3);
    const record = {
      parentUuid: null,
      isSidechain: spec.isSidechain ?? false,
      userType: 'external',
      cwd: spec.cwd,
      sessionId: spec.sessionId,
      version: '2.1.39',
      ...(spec.agentId ? { agentId: spec.agentId } : {}),
      message: {
        model: spec.model,
        id: spec.messageId,
        type: 'message',
        role: 'assistant',
        content: [{ type: 'text', text: `block ${i + 1}${spec.padding ?? ''}` }],
        stop_reason: last ? 'end_turn' : null,
        stop_sequence: null,
        usage: usageOf(spec, output),
      },
      requestId: spec.requestId,
      type: 'assistant',
      uuid: `${spec.messageId}-${i}`,
      timestamp: new Date(spec.time + i * 7).toISOString(),
    };
    lines.push(JSON.stringify(record) + '\n');
  }
  return lines;
}

/** A user line (no usage): most of a real log, skipped by the prefilter. */
export function userLine(sessionId: string, cwd: string, time: number, text: string): string {
  return JSON.stringify({
    parentUuid: null, isSidechain: false, userType: 'external', cwd, sessionId, version: '2.1.39', type: 'user',
    message: { role: 'user', content: [{ type: 'tool_result', content: text }] },
    uuid: `u-${time}`, timestamp: new Date(time).toISOString(),
  }) + '\n';
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function randomFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function idFrom(random: () => number, prefix: string): string {
  let s = prefix;
  for (let i = 0; i < 22; i++) s += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[Math.floor(random() * 62)];
  return s;
}
