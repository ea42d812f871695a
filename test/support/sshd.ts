import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { commandPath, isolatedEnv, runChildSync, spawnChild } from './isolation.js';

/** Where Debian's openssh-server puts sshd. */
export const SSHD_BIN = '/usr/sbin/sshd';

/** Why the real-ssh tests cannot run here, or null when they can. */
export function sshdMissing(): string | null {
  if (!fs.existsSync(SSHD_BIN)) return `${SSHD_BIN} is not installed (apt-get install openssh-server)`;
  for (const tool of ['ssh', 'ssh-keygen']) if (commandPath(tool) === null) return `${tool} is not on the PATH`;
  return null;
}

/** How the remote session is set up. */
export interface SshdOptions {
  /** The remote session's HOME (default: an empty folder in the temp dir, never the real home). */
  home?: string;
  /** The remote session's PATH (default: the usual system folders). */
  pathEnv?: string;
}

const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** A running private sshd. */
export interface Sshd {
  port: number;
  /** The temp folder holding keys, config and the session's HOME. */
  dir: string;
  home: string;
  /** An `ssh` command line that logs in to this sshd without prompts or the user's own config. */
  sshCommand: string;
  /** The same, with a key the server does not accept. */
  wrongKeyCommand: string;
  /** Kills sshd and every session it started (as a dropped connection would). */
  stop(): Promise<void>;
  /** Starts sshd again on the same port with the same host key. */
  restart(): Promise<void>;
  /** Stops sshd and removes the temp folder. */
  dispose(): Promise<void>;
}

/** Starts a private sshd on 127.0.0.1 with temporary keys; nothing outside the temp folder changes. */
export async function startSshd(opts: SshdOptions = {}): Promise<Sshd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cctop-sshd-'));
  const home = opts.home ?? path.join(dir, 'home');
  fs.mkdirSync(home, { recursive: true });
  // The keys' and sshd's own HOME inside `dir`, removed with it (the bench has no run folder to remove them).
  const env = isolatedEnv({}, dir);
  const key = (name: string) => {
    runChildSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path.join(dir, name)], { env });
    return path.join(dir, name);
  };
  const hostKey = key('host_key');
  const clientKey = key('client_key');
  const wrongKey = key('wrong_key');
  fs.copyFileSync(`${clientKey}.pub`, path.join(dir, 'authorized_keys'));
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(config, sshdConfig(dir, port, hostKey, home, opts.pathEnv ?? SYSTEM_PATH));
  // sshd's privilege-separation folder is compiled in and must exist.
  if (process.getuid?.() === 0) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  let child: ChildProcess | null = null;
  const launch = async () => {
    child = await runSshd(config, port, env);
  };
  await launch();
  const client = (k: string) =>
    `ssh -F /dev/null -p ${port} -i ${k} -o IdentitiesOnly=yes -o IdentityAgent=none ` +
    `-o UserKnownHostsFile=${path.join(dir, 'known_hosts')} -o StrictHostKeyChecking=accept-new -o BatchMode=yes -o LogLevel=ERROR`;
  const stop = async () => {
    if (child) await killTree(child);
    child = null;
  };
  return {
    port,
    dir,
    home,
    sshCommand: client(clientKey),
    wrongKeyCommand: client(wrongKey),
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
    dispose: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    },
  };
}

function sshdConfig(dir: string, port: number, hostKey: string, home: string, pathEnv: string): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
    `AllowUsers ${os.userInfo().username}`,
    'StrictModes no',
    'UsePAM no',
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PrintMotd no',
    'PrintLastLog no',
    'UseDNS no',
    'LogLevel ERROR',
    // Overrides the HOME and PATH sshd sets from the password database; TMPDIR keeps the remote
    // script's scratch folder (left behind when stop() kills it) inside the temp folder.
    `SetEnv HOME=${home} PATH=${pathEnv} TMPDIR=${dir}`,
    '',
  ].join('\n');
}

/** A port the kernel had free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function runSshd(config: string, port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawnChild(SSHD_BIN, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited ${child.exitCode}: ${stderr.trim()}`);
    if (await canConnect(port)) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`sshd did not listen on ${port}: ${stderr.trim()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * SIGKILLs sshd, its descendants and every process left in a session it started: a remote
 * script's pipeline members that were forking while their shell died are orphans by then, no
 * longer descendants, and would go on writing into the temp folder.
 */
async function killTree(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const ownSession = processTable().get(process.pid)?.session;
  const sessions = new Set<number>();
  for (let round = 0; round < 20; round++) {
    const table = processTable();
    const tree = new Set([child.pid, ...descendants(table, child.pid)]);
    for (const pid of tree) {
      const session = table.get(pid)?.session;
      if (session !== undefined && session !== ownSession) sessions.add(session);
    }
    const doomed = [...table].filter(([pid, p]) => tree.has(pid) || sessions.has(p.session));
    if (doomed.length === 0) break;
    for (const [pid] of doomed) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await exited;
}

interface ProcessEntry {
  ppid: number;
  session: number;
}

/** Every live process's parent and session id, from /proc/<pid>/stat. */
function processTable(): Map<number, ProcessEntry> {
  const table = new Map<number, ProcessEntry>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp session …"; comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      table.set(Number(entry), { ppid: Number(fields[1]), session: Number(fields[3]) });
    } catch {
      // exited meanwhile
    }
  }
  return table;
}

function descendants(table: Map<number, ProcessEntry>, root: number): number[] {
  return [...table.keys()].filter((pid) => isDescendant(table, pid, root));
}

function isDescendant(table: Map<number, ProcessEntry>, pid: number, root: number): boolean {
  let p = table.get(pid)?.ppid;
  for (let depth = 0; p !== undefined && p > 1 && depth < 64; depth++) {
    if (p === root) return true;
    p = table.get(p)?.ppid;
  }
  return false;
}
