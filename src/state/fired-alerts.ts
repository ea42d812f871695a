import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { sanitize } from '../logs/sanitize.js';
import { makeStateFolder, replacePrivate } from './private-files.js';

/** `<stateDir>/alerts.json`: the alerts already fired, so a restart fires none of them again. */
export const FIRED_ALERTS_FILE = 'alerts.json';

const KINDS = ['window80', 'window95', 'projectedHit', 'spike', 'weekly80', 'weekly95'] as const;
const text = z.pipe(z.string(), z.transform(sanitize));
const time = z.number().check(z.refine(Number.isFinite));

const memorySchema = z.object({
  fired: z.array(z.object({
    id: text, kind: z.enum(KINDS), firedAt: time, sessionId: z.optional(text), tokensPerMinute: z.optional(time),
  })),
  covered: z.array(text),
  quietUntil: z.record(z.string(), time),
});

/** What the alert tracker remembers (the shape of usage/alerts.ts AlertMemory). */
export type FiredAlerts = z.infer<typeof memorySchema>;

export interface FiredAlertsFile {
  /** The memory of the last run; null when there is none or it cannot be read (said through `onProblem`). */
  read(onProblem: (text: string) => void): FiredAlerts | null;
  /** Keeps the memory whole (temp file + rename); a failure is said through `onProblem`. */
  write(memory: FiredAlerts, onProblem: (text: string) => void): void;
}

export function firedAlertsFile(dir: string): FiredAlertsFile {
  const file = join(dir, FIRED_ALERTS_FILE);
  return {
    read(onProblem) {
      let raw: string;
      try {
        raw = readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') onProblem(`fired alerts (${FIRED_ALERTS_FILE}): ${(err as Error).message}`);
        return null;
      }
      const parsed = memorySchema.safeParse(parseJson(raw));
      if (parsed.success) return parsed.data;
      onProblem(`fired alerts (${FIRED_ALERTS_FILE}): not a file cctop wrote; alerts start afresh`);
      return null;
    },
    write(memory, onProblem) {
      try {
        makeStateFolder(dir);
        replacePrivate(file, `${JSON.stringify(memory)}\n`);
      } catch (err) {
        onProblem(`fired alerts (${FIRED_ALERTS_FILE}): ${(err as Error).message}`);
      }
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
