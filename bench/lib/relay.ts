import net from 'node:net';

/**
 * A TCP relay on 127.0.0.1 in front of sshd that counts the bytes it passes each way: ssh's own
 * wire bytes (encrypted packets with their MACs, channel window adjusts, everything but the
 * TCP/IP headers), which is what a remote append costs on the user's uplink and downlink.
 */
export class CountingRelay {
  /** Bytes from sshd to the client (the remote's output) and from the client to sshd. */
  down = 0;
  up = 0;

  private constructor(private readonly server: net.Server, readonly port: number) {}

  static start(targetPort: number): Promise<CountingRelay> {
    const counts = { relay: null as CountingRelay | null };
    const server = net.createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      client.on('data', (d: Buffer) => void (counts.relay!.up += d.length));
      upstream.on('data', (d: Buffer) => void (counts.relay!.down += d.length));
      client.pipe(upstream);
      upstream.pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        counts.relay = new CountingRelay(server, (server.address() as net.AddressInfo).port);
        resolve(counts.relay);
      });
    });
  }

  /** The counts now, to subtract later ones from. */
  mark(): { down: number; up: number } {
    return { down: this.down, up: this.up };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      // Open connections would keep close() waiting: ssh is stopped first, this is for stragglers.
      setTimeout(resolve, 1000).unref();
    });
  }
}
