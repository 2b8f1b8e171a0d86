import { request } from 'node:http';
/** A minimal EventSource for Node (tests, bench): one connection, no automatic reconnect; `lastEventId` follows the stream. */
export class ConsoleSseClient {
    opts;
    req = null;
    lastEventId;
    opened;
    constructor(opts) {
        this.opts = opts;
        this.lastEventId = opts.lastEventId ?? null;
        this.opened = new Promise((resolve, reject) => {
            const headers = { accept: 'text/event-stream', cookie: opts.cookie };
            if (this.lastEventId)
                headers['last-event-id'] = this.lastEventId;
            const req = request(opts.url, { headers }, (res) => {
                resolve(res.statusCode ?? 0);
                res.setEncoding('utf8');
                let buffer = '';
                res.on('data', (chunk) => {
                    buffer += chunk;
                    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
                        this.dispatch(buffer.slice(0, end));
                        buffer = buffer.slice(end + 2);
                    }
                });
                res.on('close', () => opts.onClose?.());
            });
            req.on('error', (err) => { reject(err); opts.onClose?.(); });
            req.end();
            this.req = req;
        });
    }
    dispatch(block) {
        let id = null;
        let event = 'message';
        const data = [];
        for (const line of block.split('\n')) {
            if (line.startsWith(':'))
                continue;
            const at = line.indexOf(':');
            const field = at < 0 ? line : line.slice(0, at);
            const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
            if (field === 'id')
                id = value;
            else if (field === 'event')
                event = value;
            else if (field === 'data')
                data.push(value);
        }
        if (id !== null)
            this.lastEventId = id;
        if (data.length > 0)
            this.opts.onMessage({ id, event, data: data.join('\n') });
    }
    /** Drops the connection at once (no goodbye), like a network failure. */
    drop() {
        this.req?.destroy();
    }
}
