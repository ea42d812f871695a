import { sanitize } from '../logs/sanitize.js';

/** Why a connection ended, as shown to the user, and whether trying again can help. */
export interface Failure {
  message: string;
  /** True when only the user can fix it (login refused, unknown host key, missing tools or path). */
  final: boolean;
}

const FINAL: readonly [RegExp, string][] = [
  [/Permission denied|Too many authentication failures|no mutual signature|Authentication failed/i, 'ssh login refused'],
  [/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/i, 'host key unknown or changed'],
  [/Bad configuration option|bad port|Unsupported option|illegal option|unknown option/i, 'bad ssh options'],
];

/** How an ssh run that ended before the script said hello failed (ssh itself exits 255). */
export function sshFailure(label: string, destination: string, code: number | null, signal: string | null, stderr: string): Failure {
  const detail = lastLine(stderr);
  for (const [pattern, what] of FINAL) {
    if (code === 255 && pattern.test(stderr)) {
      const hint = what === 'ssh login refused' ? `; check that \`ssh ${destination}\` logs in without a prompt (cctop runs ssh in BatchMode)` : '';
      return { message: `${label}: ${what} (${detail})${hint}`, final: true };
    }
  }
  if (code === 127 && /not found/i.test(stderr)) return { message: `${label}: no sh on the remote (${detail})`, final: true };
  return { message: `${label}: ${sshDetail(code, signal, stderr)}`, final: false };
}

/** ssh's last words, or how it ended. */
export function sshDetail(code: number | null, signal: string | null, stderr: string): string {
  return lastLine(stderr) || (signal ? `ssh killed by ${signal}` : `ssh exited with ${code ?? '?'}`);
}

/** The script's own fatal report (`E <code> <text>`) in words. */
export function scriptFailure(label: string, code: string, text: string): Failure {
  if (code === 'nopath') return { message: `${label}: remote path ${text} does not exist`, final: true };
  if (code === 'noaccess') return { message: `${label}: cannot read remote path ${text}`, final: true };
  if (code === 'noroot') return { message: `${label}: ${text}`, final: true };
  if (code === 'tools') return { message: `${label}: the remote cannot run the feed script: ${text}`, final: true };
  return { message: `${label}: ${code} ${text}`.trimEnd(), final: false };
}

/** A spawn error (ssh itself missing) in words. */
export function spawnFailure(label: string, program: string, err: Error): Failure {
  const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
  return { message: `${label}: ${missing ? `${program} not found on this machine` : sanitize(err.message)}`, final: missing };
}

function lastLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return sanitize(lines.at(-1) ?? '').slice(0, 300);
}
