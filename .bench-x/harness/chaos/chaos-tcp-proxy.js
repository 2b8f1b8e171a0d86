import { createServer, Socket } from 'node:net';
export async function startTcpProxy(upstreamPort, upstreamHost = '127.0.0.1') {
    const links = new Set();
    let down = false;
    const server = createServer((client) => {
        if (down) {
            client.destroy();
            return;
        }
        const upstream = new Socket();
        links.add(client);
        links.add(upstream);
        const end = () => { client.destroy(); upstream.destroy(); links.delete(client); links.delete(upstream); };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
        upstream.connect(upstreamPort, upstreamHost, () => { client.pipe(upstream); upstream.pipe(client); });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    return {
        port,
        get openLinks() { return links.size / 2; },
        cut: () => { down = true; for (const s of links)
            s.destroy(); links.clear(); },
        restore: () => { down = false; },
        close: async () => {
            for (const s of links)
                s.destroy();
            await new Promise((resolve) => server.close(() => resolve()));
        },
    };
}
