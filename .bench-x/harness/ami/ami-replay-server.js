import { createServer } from 'node:net';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { LiveChannels } from './ami-live-channels.js';
import { defaultAnswer, parseAction, response, withActionId } from './ami-replay-actions.js';
import { remapFrame, timestampSpanSec } from './ami-replay-remap.js';
import { loadTranscripts, serializeFrame } from './ami-transcript.js';
const MAX_ACTION_BUFFER_CHARS = 1 << 20;
const HIGH_WATER_BYTES = 1 << 20;
class ReplayServer {
    server;
    frames;
    opts;
    clients = new Set();
    live = new LiveChannels();
    waiters = [];
    startedAtMs = Date.now();
    uptimeBaseSec;
    spanSec;
    secret;
    paused = false;
    closed = false;
    pumping = false;
    cancelDelay = null;
    played = 0;
    finish = () => undefined;
    finished = new Promise((resolve) => { this.finish = resolve; });
    actions = [];
    constructor(server, frames, opts) {
        this.server = server;
        this.frames = frames;
        this.opts = opts;
        this.secret = opts.secret;
        this.uptimeBaseSec = opts.uptimeBaseSec ?? 3;
        this.spanSec = timestampSpanSec(frames);
        server.on('connection', (socket) => this.accept(socket));
    }
    get port() {
        const addr = this.server.address();
        return typeof addr === 'object' && addr ? addr.port : 0;
    }
    get connectionCount() { return this.clients.size; }
    get loggedInCount() { return [...this.clients].filter((c) => c.loggedIn).length; }
    get position() { return this.played; }
    setSecret(secret) { this.secret = secret; }
    dropClients() { for (const c of this.clients)
        c.socket.destroy(); }
    restart() {
        this.dropClients();
        this.live.clear();
        this.startedAtMs = Math.max(Date.now(), this.startedAtMs + 1000); // CoreStartupTime has whole seconds
        this.uptimeBaseSec = 0;
    }
    pause() { this.paused = true; }
    resume() { this.paused = false; this.notify(); }
    injectRaw(bytes) {
        for (const c of this.clients)
            if (c.loggedIn)
                c.socket.write(bytes);
    }
    async close() {
        this.closed = true;
        this.cancelDelay?.();
        this.notify();
        this.dropClients();
        await new Promise((resolve) => this.server.close(() => resolve()));
    }
    accept(socket) {
        const client = { socket, loggedIn: false, buffer: '' };
        this.clients.add(client);
        socket.setNoDelay(true);
        socket.setEncoding('utf8');
        socket.on('error', () => undefined);
        socket.on('close', () => { this.clients.delete(client); this.notify(); });
        socket.on('data', (chunk) => this.onData(client, chunk));
        socket.write('Asterisk Call Manager/11.0.0\r\n');
    }
    onData(client, chunk) {
        client.buffer += chunk;
        if (client.buffer.length > MAX_ACTION_BUFFER_CHARS) {
            client.socket.destroy();
            return;
        }
        const blocks = client.buffer.split(/\r?\n\r?\n/);
        client.buffer = blocks.pop() ?? '';
        for (const block of blocks) {
            const action = parseAction(block);
            if (action && !this.paused)
                this.onAction(client, action);
        }
    }
    onAction(client, action) {
        this.actions.push(action);
        if (this.actions.length > 1000)
            this.actions.shift();
        if (action.name.toLowerCase() === 'login') {
            this.login(client, action);
            return;
        }
        if (!client.loggedIn) {
            this.reply(client, action, [response('Error', { Message: 'Permission denied' })]);
            return;
        }
        const answer = this.opts.onAction?.(action) ?? defaultAnswer(action, this.live, Date.now(), { startedAtMs: this.startedAtMs });
        this.reply(client, action, answer);
        if (action.name.toLowerCase() === 'logoff')
            client.socket.end();
    }
    reply(client, action, frames) {
        for (const frame of frames)
            client.socket.write(serializeFrame(withActionId(frame, action.actionId)));
    }
    login(client, action) {
        if (action.fields['username'] === this.opts.username && action.fields['secret'] === this.secret) {
            this.reply(client, action, [response('Success', { Message: 'Authentication accepted' })]);
            const uptimeSec = this.uptimeBaseSec + Math.max(0, Math.floor((Date.now() - this.startedAtMs) / 1000));
            client.socket.write(serializeFrame([
                ['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Uptime', String(uptimeSec)],
                ['LastReload', String(uptimeSec)], ['Status', 'Fully Booted'],
            ]));
            client.loggedIn = true;
            this.notify();
            if (!this.pumping) {
                this.pumping = true;
                void this.pump();
            }
            return;
        }
        setTimeout(() => {
            this.reply(client, action, [response('Error', { Message: 'Authentication failed' })]);
            setTimeout(() => client.socket.end(), 20);
        }, this.opts.authFailDelayMs ?? 200);
    }
    async pump() {
        const speed = this.opts.speed ?? 0;
        const remap = this.opts.remapIds ?? this.opts.loop ?? false;
        for (let loop = 0; !this.closed; loop += 1) {
            let prev = null;
            let debtMs = 0;
            for (const frame of this.frames) {
                await this.gate(speed);
                if (this.closed)
                    break;
                if (speed > 0) {
                    debtMs += gapMs(prev, frame) / speed;
                    if (debtMs >= 1) {
                        await this.delay(debtMs);
                        debtMs = 0;
                        await this.gate(speed);
                    }
                }
                else if (this.played % 256 === 255) {
                    await yieldToIo();
                }
                prev = frame;
                this.play(remap ? remapFrame(frame, loop, this.spanSec) : frame.pairs);
            }
            if (!this.opts.loop)
                break;
        }
        this.finish();
    }
    play(pairs) {
        this.live.observe(pairs);
        this.played += 1;
        const text = serializeFrame(pairs);
        for (const c of this.clients)
            if (c.loggedIn && !c.socket.destroyed)
                c.socket.write(text);
    }
    /** Waits while paused, while a client's socket is full, and (at speed 0) while nobody is logged in. */
    async gate(speed) {
        for (;;) {
            if (this.closed)
                return;
            const full = [...this.clients].find((c) => c.socket.writableLength > HIGH_WATER_BYTES);
            if (full)
                full.socket.once('drain', () => this.notify());
            if (!this.paused && !full && (speed > 0 || this.loggedInCount > 0))
                return;
            await new Promise((resolve) => this.waiters.push(resolve));
        }
    }
    delay(ms) {
        return new Promise((resolve) => {
            const timer = setTimeout(() => { this.cancelDelay = null; resolve(); }, ms);
            this.cancelDelay = () => { clearTimeout(timer); this.cancelDelay = null; resolve(); };
        });
    }
    notify() {
        const waiting = this.waiters.splice(0);
        for (const wake of waiting)
            wake();
    }
}
function gapMs(prev, frame) {
    if (!prev || prev.transcript !== frame.transcript || prev.timestampSec === null || frame.timestampSec === null)
        return 0;
    return Math.max(0, (frame.timestampSec - prev.timestampSec) * 1000);
}
/** Starts a TCP AMI server that greets, checks Login, answers actions and replays transcripts to logged-in clients. */
export async function startAmiReplayServer(opts) {
    const frames = await loadTranscripts(opts.transcripts);
    const server = createServer();
    const replay = new ReplayServer(server, frames, opts);
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
    });
    return replay;
}
