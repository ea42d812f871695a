import { describe, expect, it } from 'vitest';
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

describe('sshInvocation', () => {
  it('runs sh -s through ssh in BatchMode with keep-alives', () => {
    expect(sshInvocation({ label: 'devbox', destination: 'me@devbox', port: 2222 })).toEqual({
      program: 'ssh',
      args: ['-p', '2222', ...SSH_OPTIONS, 'me@devbox', 'sh', '-s'],
    });
  });

  it('puts the user command first, so its options win (ssh keeps the first value)', () => {
    expect(sshInvocation({ label: 'h', destination: 'h' }, 'ssh -p 2200 -o BatchMode=no')).toEqual({
      program: 'ssh',
      args: ['-p', '2200', '-o', 'BatchMode=no', ...SSH_OPTIONS, 'h', 'sh', '-s'],
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
