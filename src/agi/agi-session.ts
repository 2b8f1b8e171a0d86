import type { Socket } from 'node:net';

/** The `agi_*` variables Asterisk sends at the start of a (Fast)AGI session, keys without the `agi_` prefix. */
export type AgiEnvironment = Readonly<Record<string, string>>;

const MAX_BUFFER_BYTES = 16 * 1024;

/**
 * Line-oriented view of one FastAGI connection: the environment block (lines `agi_x: y` up to a blank line),
 * then commands we send and the `200 result=…` replies we read. Every read has a deadline; an oversized
 * or slow peer is cut off.
 */
export class AgiSession {
  private buffer = '';
  private readonly waiters: Array<(line: string | null) => void> = [];
  private readonly lines: string[] = [];
  private ended = false;

  constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('close', () => this.finish());
    socket.on('error', () => this.finish());
  }

  /** Reads `agi_*` lines until the blank line. Null on timeout, close or garbage. */
  async readEnvironment(timeoutMs: number): Promise<AgiEnvironment | null> {
    const env: Record<string, string> = {};
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = await this.readLine(Math.max(1, deadline - Date.now()));
      if (line === null) return null;
      if (line === '') return env;
      const m = /^agi_([a-z0-9_]+):\s?(.*)$/i.exec(line);
      if (!m?.[1]) return null;
      env[m[1].toLowerCase()] = m[2] ?? '';
    }
  }

  /** Sends one command line and returns the reply line (`200 result=1`), or null on timeout/close. */
  async command(text: string, timeoutMs: number): Promise<string | null> {
    if (/[\r\n]/.test(text)) throw new Error('AGI command contains CR/LF');
    if (this.ended) return null;
    this.socket.write(`${text}\n`);
    return this.readLine(timeoutMs);
  }

  close(): void {
    this.socket.end();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length > MAX_BUFFER_BYTES) {
      this.socket.destroy();
      return;
    }
    let nl = this.buffer.indexOf('\n');
    while (nl >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      const waiter = this.waiters.shift();
      if (waiter) waiter(line); else this.lines.push(line);
      nl = this.buffer.indexOf('\n');
    }
  }

  private finish(): void {
    this.ended = true;
    for (const waiter of this.waiters.splice(0)) waiter(null);
  }

  private readLine(timeoutMs: number): Promise<string | null> {
    const ready = this.lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(deliver);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(null);
      }, timeoutMs);
      const deliver = (line: string | null) => { clearTimeout(timer); resolve(line); };
      this.waiters.push(deliver);
    });
  }
}
