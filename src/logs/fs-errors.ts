import { sanitize } from './sanitize.js';

/**
 * The one user-facing spelling of a failed file-system call, for every diagnostic: plain words
 * for the common codes, else Node's message without its ", open '<path>'" tail (the path is
 * shown beside it), sanitised.
 */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a folder';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'symlink loop';
    default: {
      const message = sanitize(err instanceof Error ? err.message : String(err));
      return message.split(', ')[0] ?? message;
    }
  }
}
