import { request, type ClientRequest } from 'node:http';

export interface SseMessage {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
}

export interface SseClientOptions {
  readonly url: string;
  readonly cookie: string;
  readonly lastEventId?: string | null;
  readonly onMessage: (message: SseMessage) => void;
  readonly onClose?: () => void;
}

/** A minimal EventSource for Node (tests, bench): one connection, no automatic reconnect; `lastEventId` follows the stream. */
export class ConsoleSseClient {
  private req: ClientRequest | null = null;
  lastEventId: string | null;
  readonly opened: Promise<number>;

  constructor(private readonly opts: SseClientOptions) {
    this.lastEventId = opts.lastEventId ?? null;
    this.opened = new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'text/event-stream', cookie: opts.cookie };
      if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
      const req = request(opts.url, { headers }, (res) => {
        resolve(res.statusCode ?? 0);
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
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

  private dispatch(block: string): void {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const at = line.indexOf(':');
      const field = at < 0 ? line : line.slice(0, at);
      const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (id !== null) this.lastEventId = id;
    if (data.length > 0) this.opts.onMessage({ id, event, data: data.join('\n') });
  }

  /** Drops the connection at once (no goodbye), like a network failure. */
  drop(): void {
    this.req?.destroy();
  }
}
