import { describe, expect, it } from 'vitest';
import { parseRemoteSpec, type RemoteSpec } from './spec.js';

describe('parseRemoteSpec', () => {
  const good: [string, RemoteSpec][] = [
    ['devbox', { label: 'devbox', destination: 'devbox' }],
    ['me@10.0.0.5', { label: '10.0.0.5', destination: 'me@10.0.0.5' }],
    ['build-box.corp_1', { label: 'build-box.corp_1', destination: 'build-box.corp_1' }],
    ['fe80::1', { label: 'fe80::1', destination: 'fe80::1' }],
    ['ssh://devbox', { label: 'devbox', destination: 'devbox' }],
    ['ssh://devbox/', { label: 'devbox', destination: 'devbox' }],
    ['ssh://me@devbox:2222', { label: 'devbox', destination: 'me@devbox', port: 2222 }],
    ['ssh://me@devbox:2222/srv/claude/', { label: 'devbox', destination: 'me@devbox', port: 2222, path: '/srv/claude' }],
    ['ssh://devbox/~/.claude', { label: 'devbox', destination: 'devbox', path: '~/.claude' }],
    ['ssh://devbox/~', { label: 'devbox', destination: 'devbox', path: '~' }],
    ['ssh://devbox/data/my%20logs', { label: 'devbox', destination: 'devbox', path: '/data/my logs' }],
    ['ssh://[::1]:22/x', { label: '::1', destination: '::1', port: 22, path: '/x' }],
    ['SSH://127.0.0.1/tmp/r', { label: '127.0.0.1', destination: '127.0.0.1', path: '/tmp/r' }],
  ];
  it.each(good)('reads %s', (text, spec) => {
    expect(parseRemoteSpec(text)).toEqual({ ok: true, spec });
  });

  const junk: [string, string][] = [
    ['', 'empty'],
    ['dev box', 'spaces and control characters are not allowed'],
    ['devbox\n', 'spaces and control characters are not allowed'],
    ['dev\u001bbox', 'spaces and control characters are not allowed'],
    ['dev\u202ebox', 'spaces and control characters are not allowed'],
    ['-oProxyCommand=sh', 'cannot start with "-" (ssh would read it as an option)'],
    ['devbox:/srv', 'for a port or a path, write ssh://[user@]host[:port][/path]'],
    ['http://devbox', 'only ssh:// URLs are supported'],
    ['ssh://', 'no host'],
    ['ssh://me:secret@devbox', 'passwords in the URL are not supported (ssh uses your keys and agent)'],
    ['ssh://devbox:0', 'the port must be 1 to 65535'],
    ['ssh://devbox:70000', 'the port must be 1 to 65535'],
    ['ssh://devbox:', 'the port must be 1 to 65535'],
    ['ssh://devbox/a%0Ab', 'control characters in the path'],
    ['ssh://devbox/a%zz', 'bad %-escape'],
    ['dev;box', '"dev;box" is not a host name'],
    ['$(reboot)@devbox', '"$(reboot)" is not a user name'],
    ['ssh://-oProxyCommand=x/', '"-oProxyCommand=x" is not a host name'],
    ['ssh://me@-devbox', '"-devbox" is not a host name'],
  ];
  it.each(junk)('rejects %j', (text, why) => {
    expect(parseRemoteSpec(text)).toEqual({ ok: false, error: `--remote ${JSON.stringify(text)}: ${why}` });
  });
});
