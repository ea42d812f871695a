import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnChildSync } from '../../test/support/isolation.js';
import { remoteCommand } from './script.js';
import { SSH_OPTIONS, splitShellWords, sshInvocation } from './ssh-command.js';
import { scriptFailure, sshFailure } from './ssh-failure.js';

describe('splitShellWords', () => {
  it('splits like sh, with quotes and backslashes and no expansions', () => {
    expect(splitShellWords(`ssh  -p 2222 -i '/tmp/my key' -o "UserKnownHostsFile=/tmp/k h" a\\ b "\\$HOME" ''`)).toEqual([
      'ssh',
      '-p',
      '2222',
      '-i',
      '/tmp/my key',
      '-o',
      'UserKnownHostsFile=/tmp/k h',
      'a b',
      '$HOME',
      '',
    ]);
  });

  it('refuses an unterminated quote', () => {
    expect(() => splitShellWords(`ssh -i 'key`)).toThrow("unterminated ' in");
    expect(() => splitShellWords(`ssh -i "key`)).toThrow('unterminated " in');
  });
});

const PROBE = `sh -c 'if command -v cctop >/dev/null 2>&1; then cctop feed --cursor=-; s=$?; case $s in 2|126|127) ;; *) exit $s ;; esac; fi; exec sh -s'`;

describe('remoteCommand, run by a real sh as a login shell would', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cctop-probe-'));
  const home = path.join(scratch, 'home');
  fs.mkdirSync(home);
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  /** Runs the command with `cctop` on the PATH doing `body` (or none), `stdin` on stdin. */
  const run = (command: string, body: string | null, stdin: string) => {
    const bin = fs.mkdtempSync(path.join(scratch, 'bin-'));
    if (body !== null) fs.writeFileSync(path.join(bin, 'cctop'), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    const r = spawnChildSync('/bin/sh', ['-c', command], { env: { PATH: `${bin}:/usr/bin:/bin`, HOME: home }, input: stdin, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout };
  };
  const ARGS = `for a in "$@"; do printf '<%s>' "$a"; done; echo`;

  it('runs cctop feed with the path as one --dir word, the remote home for ~', () => {
    expect(run(remoteCommand(), ARGS, '')).toEqual({ code: 0, stdout: '<feed><--cursor=->\n' });
    expect(run(remoteCommand(`/srv/it's a "dir" $HOME`), ARGS, '').stdout).toBe(`<feed><--cursor=-><--dir=/srv/it's a "dir" $HOME>\n`);
    expect(run(remoteCommand('~/my logs'), ARGS, '').stdout).toBe(`<feed><--cursor=-><--dir=${home}/my logs>\n`);
    expect(run(remoteCommand('~'), ARGS, '').stdout).toBe(`<feed><--cursor=-><--dir=${home}>\n`);
  });

  it('passes on the feed\'s exit status, and stdin is the feed\'s', () => {
    expect(run(remoteCommand(), 'head -c 5; exit 1', 'hello, sh').stdout).toBe('hello');
    expect(run(remoteCommand(), 'exit 1', 'echo from sh').code).toBe(1);
  });

  it('runs the script on stdin without cctop, or when cctop cannot run the feed (2, 126, 127)', () => {
    expect(run(remoteCommand(), null, 'echo from sh')).toEqual({ code: 0, stdout: 'from sh\n' });
    for (const code of [2, 126, 127]) expect(run(remoteCommand(), `exit ${code}`, 'echo from sh')).toEqual({ code: 0, stdout: 'from sh\n' });
  });
});

describe('sshInvocation', () => {
  it('runs the mode-choosing command through ssh in BatchMode with keep-alives', () => {
    expect(sshInvocation({ label: 'devbox', destination: 'me@devbox', port: 2222 })).toEqual({
      program: 'ssh',
      args: ['-p', '2222', ...SSH_OPTIONS, 'me@devbox', PROBE],
    });
    expect(sshInvocation({ label: 'devbox', destination: 'devbox', path: '~/x' }).args.at(-1)).toBe(remoteCommand('~/x'));
  });

  it('puts the user command first, so its options win (ssh keeps the first value)', () => {
    expect(sshInvocation({ label: 'h', destination: 'h' }, 'ssh -p 2200 -o BatchMode=no')).toEqual({
      program: 'ssh',
      args: ['-p', '2200', '-o', 'BatchMode=no', ...SSH_OPTIONS, 'h', PROBE],
    });
    expect(() => sshInvocation({ label: 'h', destination: 'h' }, '  ')).toThrow('--ssh-command is empty');
  });
});

describe('failure messages', () => {
  it('names the host on a refused login and gives up', () => {
    expect(sshFailure('devbox', 'me@devbox', 255, null, 'me@devbox: Permission denied (publickey).\n')).toEqual({
      message: 'devbox: ssh login refused (me@devbox: Permission denied (publickey).); check that `ssh me@devbox` logs in without a prompt (cctop runs ssh in BatchMode)',
      final: true,
    });
  });

  it('keeps retrying when the host is unreachable', () => {
    expect(sshFailure('devbox', 'devbox', 255, null, 'ssh: connect to host devbox port 22: Connection refused\r\n')).toEqual({
      message: 'devbox: ssh: connect to host devbox port 22: Connection refused',
      final: false,
    });
    expect(sshFailure('devbox', 'devbox', null, 'SIGTERM', '')).toEqual({ message: 'devbox: ssh killed by SIGTERM', final: false });
  });

  it('says which remote path is missing', () => {
    expect(scriptFailure('devbox', 'nopath', '/srv/claude')).toEqual({ message: 'devbox: remote path /srv/claude does not exist', final: true });
  });
});
