import { remoteCommand } from './script.js';
import type { RemoteSpec } from './spec.js';

/** Options cctop always adds: never prompt, and notice a dead connection within ~15 s. */
export const SSH_OPTIONS: readonly string[] = ['-o', 'BatchMode=yes', '-o', 'ServerAliveInterval=5', '-o', 'ServerAliveCountMax=3'];

/** The program and arguments that run `remoteCommand` on the remote (`sshCommand` replaces `ssh`, like rsync's `-e`). */
export function sshInvocation(spec: RemoteSpec, sshCommand?: string): { program: string; args: string[] } {
  const words = sshCommand === undefined ? ['ssh'] : splitShellWords(sshCommand);
  const [program, ...own] = words;
  if (program === undefined) throw new Error('--ssh-command is empty');
  // ssh keeps the first -p and -o value it reads: the URL's port wins, the user's options beat ours.
  const port = spec.port === undefined ? [] : ['-p', String(spec.port)];
  return { program, args: [...port, ...own, ...SSH_OPTIONS, spec.destination, remoteCommand(spec.path)] };
}

/** Splits a command line as sh would (quotes, backslashes), without expansions. */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) throw new Error(`unterminated ' in ${JSON.stringify(text)}`);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      const [value, end] = doubleQuoted(text, i + 1);
      word = (word ?? '') + value;
      i = end;
    } else if (ch === '\\') {
      if (i + 1 >= text.length) throw new Error(`trailing \\ in ${JSON.stringify(text)}`);
      word = (word ?? '') + text[++i];
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** The value of a "…" word starting at `from` (after the quote) and the index of its closing quote. */
function doubleQuoted(text: string, from: number): [string, number] {
  let value = '';
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') return [value, i];
    if (ch === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) value += text[++i];
    else value += ch;
  }
  throw new Error(`unterminated " in ${JSON.stringify(text)}`);
}
