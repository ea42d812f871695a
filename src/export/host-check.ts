import { hostname, networkInterfaces } from 'node:os';

/**
 * The names a request's Host header may give for the metrics endpoint: the bound address,
 * loopback's names and this machine's own names and addresses. A web page the user opens can
 * make the browser fetch `http://attacker.example:9469/metrics` after pointing that name at
 * 127.0.0.1 (DNS rebinding); the browser then sends `Host: attacker.example`, which is refused.
 */
export function allowedHosts(boundHost: string, machine = machineNames()): Set<string> {
  const names = ['localhost', '127.0.0.1', '::1', boundHost, ...machine];
  return new Set(names.map((name) => name.toLowerCase()));
}

/** True when `header` (`name`, `name:port`, `[v6]`, `[v6]:port`) names one of `allowed`. */
export function hostAllowed(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!header) return false;
  return allowed.has(hostOf(header.trim().toLowerCase()));
}

function hostOf(header: string): string {
  if (header.startsWith('[')) {
    const end = header.indexOf(']');
    return end === -1 ? header : header.slice(1, end);
  }
  const colon = header.indexOf(':');
  // name:port; a bare IPv6 address (several colons, no brackets) stands as it is.
  return colon !== -1 && colon === header.lastIndexOf(':') ? header.slice(0, colon) : header;
}

/** This machine's host name (short and as given) and the addresses of its interfaces. */
function machineNames(): string[] {
  const name = hostname();
  const names = name ? [name, name.split('.')[0]!] : [];
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) names.push(info.address);
  }
  return names;
}
