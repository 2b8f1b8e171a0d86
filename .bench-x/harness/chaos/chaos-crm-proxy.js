import { createServer, request } from 'node:http';
const FIVE_XX = [
    [502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
    [503, 'text/html', '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>'],
    [500, 'application/json', JSON.stringify({ error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' })],
];
export async function startCrmProxy(upstreamUrl) {
    const upstream = new URL(upstreamUrl);
    const hanging = new Set();
    let faulted = 0;
    const state = { mode: 'pass' };
    const forward = (req, res) => {
        const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
        });
        out.on('error', () => { if (!res.headersSent)
            res.writeHead(502).end();
        else
            res.destroy(); });
        req.pipe(out);
    };
    const server = createServer((req, res) => {
        const mode = state.mode === 'down' ? (faulted % 2 === 0 ? '5xx' : 'hang') : state.mode;
        if (mode === 'pass') {
            forward(req, res);
            return;
        }
        faulted += 1;
        req.resume();
        if (mode === 'hang') {
            hanging.add(res);
            res.on('close', () => hanging.delete(res));
            return;
        }
        const [status, type, body] = FIVE_XX[faulted % FIVE_XX.length] ?? [503, 'text/plain', 'unavailable'];
        res.writeHead(status, { 'content-type': type }).end(body);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    return {
        url: `http://127.0.0.1:${port}`,
        get mode() { return state.mode; },
        set mode(m) {
            state.mode = m;
            if (m === 'pass')
                for (const res of hanging)
                    res.destroy();
        },
        get faulted() { return faulted; },
        close: async () => {
            for (const res of hanging)
                res.destroy();
            server.closeAllConnections();
            await new Promise((resolve) => server.close(() => resolve()));
        },
    };
}
