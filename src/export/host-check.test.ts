import { describe, expect, it } from 'vitest';
import { allowedHosts, hostAllowed } from './host-check.js';

describe('the Host header check', () => {
  const allowed = allowedHosts('127.0.0.1', ['devbox.example.org', 'devbox', '10.1.2.3', 'fe80::1']);

  it('takes loopback, the bound address and the machine names, with or without a port, in any case', () => {
    for (const host of ['localhost', 'localhost:9469', 'LOCALHOST:9469', '127.0.0.1:9469', '[::1]:9469', '[::1]', '::1',
      'devbox:9469', 'devbox.example.org', '10.1.2.3:9469', '[fe80::1]:9469']) {
      expect([host, hostAllowed(host, allowed)]).toEqual([host, true]);
    }
  });

  it('refuses any other name (a rebound DNS name), a missing header and junk', () => {
    for (const host of [undefined, '', 'attacker.example', 'attacker.example:9469', 'localhost.attacker.example',
      '127.0.0.2', 'devbox.evil', '[::2]:9469', '[::1', 'localhost:9469:1']) {
      expect([host, hostAllowed(host, allowed)]).toEqual([host, false]);
    }
  });

  it('takes the address a public bind names', () => {
    expect(hostAllowed('192.0.2.7:9469', allowedHosts('192.0.2.7', []))).toBe(true);
    expect(hostAllowed('192.0.2.8:9469', allowedHosts('192.0.2.7', []))).toBe(false);
  });
});
