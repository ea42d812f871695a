/**
 * Claude Code keeps a project's logs in `<config>/projects/<folder>/`, the folder named after
 * the working directory with every character but a letter or digit turned into "-":
 * `/home/me/my_app` → `-home-me-my-app`. The name cannot be decoded exactly ("-" was "/", ".",
 * "_", " " or "-"), so only the part that is unambiguous in practice is: the home folder
 * (`-home-<user>-`, `-Users-<user>-`, `-root-`, `C--Users-<user>-`) becomes "~/", a leading "-"
 * is the root "/", and the rest is shown as written, hyphens kept.
 */

const HOME = /^(?:-home-[^-]+|-Users-[^-]+|-root|[A-Za-z]--Users-[^-]+)(?=-|$)/;

/** The project folder's name from itself or from a log path below it (`…/projects/<folder>/x.jsonl`). */
export function projectFolderName(folderOrPath: string): string {
  const parts = folderOrPath.split(/[\\/]+/).filter(Boolean);
  const i = parts.lastIndexOf('projects');
  return (i >= 0 && i < parts.length - 1 ? parts[i + 1] : parts.at(-1)) ?? '';
}

/** A project folder's name as people read it: `-home-me-proj` → `~/proj`, `-srv-app` → `/srv-app`. */
export function decodeProjectFolder(folderOrPath: string): string {
  const name = projectFolderName(folderOrPath);
  const home = HOME.exec(name);
  if (home) {
    const rest = name.slice(home[0].length + 1);
    return rest === '' ? '~' : `~/${rest}`;
  }
  if (name.startsWith('-')) return `/${name.slice(1)}`;
  return name === '' ? '(unknown)' : name;
}

/** The last two folders of a working directory: `/home/me/src/cctop` → `src/cctop`. */
export function shortProject(cwd: string): string {
  if (!cwd) return '(unknown)';
  // Backslashes separate only in a Windows path: elsewhere they are part of a name (or of an escape `\x1b`).
  const windows = /^[A-Za-z]:[\\/]|^\\\\/.test(cwd);
  const parts = cwd.split(windows ? /[\\/]+/ : /\/+/).filter(Boolean);
  return parts.slice(-2).join('/') || cwd;
}

/**
 * A session's project as every output names it (screen, --json, Prometheus, MCP): the last two
 * folders of its working directory, else, for a log without a `cwd`, its project folder decoded.
 */
export function projectName(cwd: string, projectDir: string | null): string {
  return !cwd && projectDir ? decodeProjectFolder(projectDir) : shortProject(cwd);
}
