/** A short, user-facing reason for a failed file-system call. */
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
    case 'ELOOP':
      return 'symlink loop';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** "EACCES: permission denied" — Node's message without the ", open '<path>'" tail. */
export function fsErrorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split(', ')[0] ?? message;
}
