import { describe, expect, it } from 'vitest';
import { formatListenAddress, parseListenAddress } from './addr.js';

describe('parseListenAddress', () => {
  it('reads HOST:PORT, [IPv6]:PORT, :PORT and PORT', () => {
    expect(parseListenAddress('127.0.0.1:9469')).toEqual({ host: '127.0.0.1', port: 9469 });
    expect(parseListenAddress('[::1]:9469')).toEqual({ host: '::1', port: 9469 });
    expect(parseListenAddress(':9469')).toEqual({ host: '127.0.0.1', port: 9469 });
    expect(parseListenAddress('9469')).toEqual({ host: '127.0.0.1', port: 9469 });
    expect(parseListenAddress('0.0.0.0:9469')).toEqual({ host: '0.0.0.0', port: 9469 });
    expect(parseListenAddress('devbox.lan:80')).toEqual({ host: 'devbox.lan', port: 80 });
    expect(parseListenAddress('localhost:0')).toEqual({ host: 'localhost', port: 0 });
  });

  it('rejects what is not an address, naming it', () => {
    expect(() => parseListenAddress('127.0.0.1')).toThrow('--metrics "127.0.0.1": expected HOST:PORT');
    expect(() => parseListenAddress('::1:9469')).toThrow('expected HOST:PORT, [IPv6]:PORT or :PORT');
    expect(() => parseListenAddress('[127.0.0.1]:9469')).toThrow('not an IPv6 address in brackets');
    expect(() => parseListenAddress(':65536')).toThrow('the port must be a number from 0 to 65535');
    expect(() => parseListenAddress('host:http')).toThrow('the port must be a number');
    expect(() => parseListenAddress('bad_host!:9469')).toThrow('"bad_host!" is not an IP address or host name');
  });

  it('formats IPv6 hosts in brackets', () => {
    expect(formatListenAddress({ host: '::1', port: 9469 })).toBe('[::1]:9469');
    expect(formatListenAddress({ host: '127.0.0.1', port: 9469 })).toBe('127.0.0.1:9469');
  });
});
