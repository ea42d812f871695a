import { describe, expect, it } from 'vitest';
import { isRemoteHost, parseListenAddress } from './address.js';

describe('--metrics addresses', () => {
  it('reads host:port, [v6]:port and :port (loopback)', () => {
    expect(parseListenAddress('127.0.0.1:9469')).toEqual({ host: '127.0.0.1', port: 9469 });
    expect(parseListenAddress('metrics.lan:1')).toEqual({ host: 'metrics.lan', port: 1 });
    expect(parseListenAddress('[::1]:65535')).toEqual({ host: '::1', port: 65535 });
    expect(parseListenAddress(':9469')).toEqual({ host: '127.0.0.1', port: 9469 });
    expect(parseListenAddress('0.0.0.0:9469')).toEqual({ host: '0.0.0.0', port: 9469 });
    expect(parseListenAddress('devbox.lan:80')).toEqual({ host: 'devbox.lan', port: 80 });
  });

  it('refuses anything else', () => {
    for (const bad of ['9469', ':0', ':65536', 'host:', '::1:9469', 'a b:1', '-x:1', '[::1]', 'host:94a', ':123456',
      '127.0.0.1', 'localhost:0', 'host:http', 'bad_host!:9469']) {
      expect(parseListenAddress(bad), bad).toBeNull();
    }
  });
});

describe('--remote hosts', () => {
  // The cases of src/remote/spec.test.ts: what src/remote reads, the config schema lets through.
  it.each([
    'devbox', 'me@10.0.0.5', 'build-box.corp_1', 'fe80::1', 'ssh://devbox', 'ssh://devbox/', 'ssh://me@devbox:2222',
    'ssh://me@devbox:2222/srv/claude/', 'ssh://devbox/~/.claude', 'ssh://devbox/~', 'ssh://devbox/data/my%20logs',
    'ssh://[::1]:22/x', 'SSH://127.0.0.1/tmp/r', 'host$@devbox',
  ])('takes %j', (text) => {
    expect(isRemoteHost(text)).toBe(true);
  });

  it.each([
    '', 'dev box', 'devbox\n', 'dev\u001bbox', 'dev\u202ebox', '-oProxyCommand=sh', 'devbox:/srv', 'http://devbox', 'ssh://',
    'ssh://me:secret@devbox', 'ssh://devbox:0', 'ssh://devbox:70000', 'ssh://devbox:', 'ssh://devbox/a%0Ab', 'ssh://devbox/a%zz',
    'dev;box', '$(reboot)@devbox', 'ssh://-oProxyCommand=x/', 'ssh://me@-devbox', 'me@-oX', 'a@b@c', '[::1]',
  ])('refuses %j', (text) => {
    expect(isRemoteHost(text)).toBe(false);
  });
});
