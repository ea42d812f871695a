/** One `--remote` value, checked: it ends up on an ssh command line. */
export interface RemoteSpec {
  /** The machine's name on screen: the host as written, without user or port. */
  label: string;
  /** What ssh connects to: `host` or `user@host` (a `~/.ssh/config` alias is a host). */
  destination: string;
  port?: number;
  /** The remote root (a config or projects folder; `~/…` is the remote home); else the remote's defaults. */
  path?: string;
}

/** A checked spec, or why the text was refused (a message naming it). */
export type RemoteSpecResult = { ok: true; spec: RemoteSpec } | { ok: false; error: string };

const HOST = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9._-]+)?$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9._-]*\$?$/;
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** `devbox`, `me@10.0.0.5`, an ssh config alias, or `ssh://[user@]host[:port][/path]`. */
export function parseRemoteSpec(text: string): RemoteSpecResult {
  const fail = (why: string): RemoteSpecResult => ({ ok: false, error: `--remote ${JSON.stringify(text)}: ${why}` });
  if (text === '') return fail('empty');
  if (UNSAFE.test(text)) return fail('spaces and control characters are not allowed');
  if (text.startsWith('-')) return fail('cannot start with "-" (ssh would read it as an option)');
  if (/^ssh:\/\//i.test(text)) return parseUrl(text.slice('ssh://'.length), fail);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return fail('only ssh:// URLs are supported');
  const at = text.lastIndexOf('@');
  const user = at === -1 ? undefined : text.slice(0, at);
  const host = text.slice(at + 1);
  if (!IPV6.test(host) && host.includes(':')) return fail('for a port or a path, write ssh://[user@]host[:port][/path]');
  return finish({ user, host, port: undefined, path: undefined }, fail);
}

interface Parts {
  user: string | undefined;
  host: string;
  port: string | undefined;
  path: string | undefined;
}

function parseUrl(rest: string, fail: (why: string) => RemoteSpecResult): RemoteSpecResult {
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const rawPath = slash === -1 ? '' : rest.slice(slash);
  const at = authority.lastIndexOf('@');
  const user = at === -1 ? undefined : decode(authority.slice(0, at));
  if (user?.includes(':')) return fail('passwords in the URL are not supported (ssh uses your keys and agent)');
  const hostPort = authority.slice(at + 1);
  const m = /^(?:\[([^\]]+)\]|([^:[\]]*))(?::(\d*))?$/.exec(hostPort);
  if (!m) return fail('cannot read the host and port');
  const path = decode(rawPath);
  if (path === null || user === null) return fail('bad %-escape');
  return finish({ user, host: m[1] ?? m[2] ?? '', port: m[3], path: remotePath(path) }, fail);
}

function finish(parts: Parts, fail: (why: string) => RemoteSpecResult): RemoteSpecResult {
  const { user, host, port, path } = parts;
  if (host === '') return fail('no host');
  if (!HOST.test(host) && !IPV6.test(host)) return fail(`${JSON.stringify(host)} is not a host name`);
  if (user !== undefined && !USER.test(user)) return fail(`${JSON.stringify(user)} is not a user name`);
  const spec: RemoteSpec = { label: host, destination: user === undefined ? host : `${user}@${host}` };
  if (port !== undefined) {
    const n = Number(port);
    if (!/^\d{1,5}$/.test(port) || n < 1 || n > 65535) return fail('the port must be 1 to 65535');
    spec.port = n;
  }
  if (path !== undefined) {
    if (UNSAFE.test(path.replaceAll(' ', ''))) return fail('control characters in the path');
    spec.path = path;
  }
  return { ok: true, spec };
}

/** `/x` → `/x`; `/~` and `/~/x` → the remote home; `` and `/` → the remote's defaults. */
function remotePath(path: string): string | undefined {
  if (path === '' || path === '/') return undefined;
  const trimmed = path.replace(/\/+$/, '') || '/';
  return trimmed === '/~' || trimmed.startsWith('/~/') ? trimmed.slice(1) : trimmed;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
