const MAX_BUFFER_BYTES = 16 * 1024;
/**
 * Line-oriented view of one FastAGI connection: the environment block (lines `agi_x: y` up to a blank line),
 * then commands we send and the `200 result=…` replies we read. Every read has a deadline; an oversized
 * or slow peer is cut off.
 */
export class AgiSession {
    socket;
    buffer = '';
    waiters = [];
    lines = [];
    ended = false;
    constructor(socket) {
        this.socket = socket;
        socket.setEncoding('utf8');
        socket.on('data', (chunk) => this.onData(chunk));
        socket.on('close', () => this.finish());
        socket.on('error', () => this.finish());
    }
    /** Reads `agi_*` lines until the blank line. Null on timeout, close or garbage. */
    async readEnvironment(timeoutMs) {
        const env = {};
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const line = await this.readLine(Math.max(1, deadline - Date.now()));
            if (line === null)
                return null;
            if (line === '')
                return env;
            const m = /^agi_([a-z0-9_]+):\s?(.*)$/i.exec(line);
            if (!m?.[1])
                return null;
            env[m[1].toLowerCase()] = m[2] ?? '';
        }
    }
    /** Sends one command line and returns the reply line (`200 result=1`), or null on timeout/close. */
    async command(text, timeoutMs) {
        if (/[\r\n]/.test(text))
            throw new Error('AGI command contains CR/LF');
        if (this.ended)
            return null;
        this.socket.write(`${text}\n`);
        return this.readLine(timeoutMs);
    }
    close() {
        this.socket.end();
    }
    onData(chunk) {
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
            if (waiter)
                waiter(line);
            else
                this.lines.push(line);
            nl = this.buffer.indexOf('\n');
        }
    }
    finish() {
        this.ended = true;
        for (const waiter of this.waiters.splice(0))
            waiter(null);
    }
    readLine(timeoutMs) {
        const ready = this.lines.shift();
        if (ready !== undefined)
            return Promise.resolve(ready);
        if (this.ended)
            return Promise.resolve(null);
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                const i = this.waiters.indexOf(deliver);
                if (i >= 0)
                    this.waiters.splice(i, 1);
                resolve(null);
            }, timeoutMs);
            const deliver = (line) => { clearTimeout(timer); resolve(line); };
            this.waiters.push(deliver);
        });
    }
}
