// Network addresses of the flags and the config file, parsed and checked here only: src/export is
// given the parsed `--metrics` address; src/remote reads a `--remote` in full, and these checks
// accept exactly what it takes (its tests' cases are repeated in address.test.ts).

/** Where `--metrics` listens. */
export interface ListenAddress {
  host: string;
  port: number;
}

const NAME = String.raw`[A-Za-z0-9_][A-Za-z0-9._-]*`;
const LISTEN = new RegExp(String.raw`^(${NAME}|\[[0-9A-Fa-f:.]+(?:%[A-Za-z0-9._-]+)?\])?:(\d{1,5})$`);
const HOST = new RegExp(`^${NAME}$`);
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9._-]+)?$/;
const USER = new RegExp(`^${NAME}\\$?$`);
const SSH_URL = /^ssh:\/\/(?:([^@/]*)@)?(?:\[([^\]/]+)\]|([^:/[\]]*))(?::(\d{1,5}))?(\/.*)?$/i;
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A TCP port 1–65535 from its digits, else null. */
function port(digits: string | undefined): number | null {
  if (digits === undefined) return null;
  const n = Number(digits);
  return n >= 1 && n <= 65535 ? n : null;
}

/** `host:port`, `[v6]:port` or `:port` (loopback, 127.0.0.1); null when malformed. */
export function parseListenAddress(text: string): ListenAddress | null {
  const m = LISTEN.exec(text);
  const p = port(m?.[2]);
  if (!m || p === null) return null;
  const host = m[1] ?? '127.0.0.1';
  return { host: host.startsWith('[') ? host.slice(1, -1) : host, port: p };
}

/** Whether a listen host is this machine's loopback only: `localhost`, 127.0.0.0/8 or `::1`. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** `host`, `user@host`, a bare IPv6 address or `ssh://[user@]host[:port][/path]`; never an ssh option. */
export function isRemoteHost(text: string): boolean {
  if (text === '' || UNSAFE.test(text) || text.startsWith('-')) return false;
  const url = SSH_URL.exec(text);
  if (url) return user(decode(url[1])) && host(url[2] ?? url[3]!) && (url[4] === undefined || port(url[4]) !== null) && path(url[5]);
  if (text.includes('://')) return false;
  const at = text.lastIndexOf('@');
  return (at === -1 || user(text.slice(0, at))) && host(text.slice(at + 1));
}

function user(name: string | null | undefined): boolean {
  return name === undefined || (name !== null && USER.test(name));
}

function host(name: string): boolean {
  return HOST.test(name) || IPV6.test(name);
}

function path(text: string | undefined): boolean {
  const decoded = decode(text);
  return decoded !== null && !UNSAFE.test((decoded ?? '').replaceAll(' ', ''));
}

/** `%`-escapes decoded; null for a bad escape, undefined for no text. */
function decode(text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
