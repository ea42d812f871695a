import { describe, expect, it } from 'vitest';
import { FEED_HELLO } from './ndjson.js';
import { RemoteStream, type AnyFrame } from './stream.js';

const parse = (...chunks: string[]): { frames: AnyFrame[]; mode: string | null } => {
  const stream = new RemoteStream();
  const frames = chunks.flatMap((c) => stream.push(Buffer.from(c)));
  return { frames, mode: stream.mode };
};

describe('RemoteStream', () => {
  it('picks the script mode on its hello, after a login shell\'s chatter', () => {
    expect(parse('motd\r\n{"not":"json hello"}\n', 'CCT', 'OP 1\nS\n')).toEqual({ frames: [{ kind: 'hello' }, { kind: 'synced' }], mode: 'script' });
  });

  it('picks the cctop mode on its hello, however the stream is cut', () => {
    const text = `motd\n${FEED_HELLO}\n{"s":true}\n`;
    for (let cut = 0; cut <= text.length; cut++) {
      expect(parse(text.slice(0, cut), text.slice(cut))).toEqual({ frames: [{ kind: 'hello' }, { kind: 'synced' }], mode: 'cctop' });
    }
  });

  it('waits for a whole hello line, and gives up after 64 KiB without one', () => {
    expect(parse('CCTOP 1')).toEqual({ frames: [], mode: null });
    expect(parse('x'.repeat(64 * 1024 + 1))).toEqual({ frames: [{ kind: 'bad', reason: 'no cctop hello from the remote shell' }], mode: null });
  });

  it('drops the stream once it gave up: one bad frame, and nothing held or read after it', () => {
    const stream = new RemoteStream();
    const flood = Buffer.from('MOTD\n'.repeat(16 * 1024));
    const frames = [flood, flood, Buffer.from('CCTOP 1\nS\n'), flood].flatMap((chunk) => stream.push(chunk));
    expect(frames).toEqual([{ kind: 'bad', reason: 'no cctop hello from the remote shell' }]);
    expect([stream.dropped, stream.mode]).toEqual([true, null]);
  });

  it('drops the stream on its parser\'s first bad frame', () => {
    const stream = new RemoteStream();
    expect(stream.push(Buffer.from('CCTOP 1\nX\n'))).toEqual([{ kind: 'hello' }, { kind: 'bad', reason: 'unknown frame "X"' }]);
    expect(stream.push(Buffer.from('S\n'))).toEqual([]);
    expect([stream.dropped, stream.mode]).toEqual([true, 'script']);
  });

  it('hands an unknown version to its mode\'s parser, which refuses it', () => {
    expect(parse('CCTOP 2\n').frames).toEqual([{ kind: 'bad', reason: 'unsupported protocol "CCTOP 2"' }]);
    expect(parse('{"cctop":2}\n').frames).toEqual([{ kind: 'bad', reason: 'unsupported protocol "{\\"cctop\\":2}"' }]);
  });
});
