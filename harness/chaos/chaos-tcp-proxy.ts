import { createServer, Socket, type Server } from 'node:net';

/** A TCP proxy on 127.0.0.1 in front of one upstream port, with a switch to cut the link (an AMI drop). */
export interface TcpProxy {
  readonly port: number;
  /** Connections currently proxied. */
  readonly openLinks: number;
  /** Destroys every proxied connection now and refuses new ones (accept, then reset) until `restore`. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(upstreamPort: number, upstreamHost = '127.0.0.1'): Promise<TcpProxy> {
  const links = new Set<Socket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) { client.destroy(); return; }
    const upstream = new Socket();
    links.add(client);
    links.add(upstream);
    const end = () => { client.destroy(); upstream.destroy(); links.delete(client); links.delete(upstream); };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    upstream.connect(upstreamPort, upstreamHost, () => { client.pipe(upstream); upstream.pipe(client); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    port,
    get openLinks() { return links.size / 2; },
    cut: () => { down = true; for (const s of links) s.destroy(); links.clear(); },
    restore: () => { down = false; },
    close: async () => {
      for (const s of links) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
