import { createConnection } from 'node:net';
import { randomBytes } from 'node:crypto';
import { AmiActionError } from './ami-client.js';
import { AmiFrameReader } from './ami-frame-reader.js';
import { errorCodeOf, networkFailureText } from '../net/network-failure.js';
/** The login reply from Asterisk was `Response: Error`; `message` is Asterisk's text (e.g. `Authentication failed`). */
export class AmiLoginRejected extends Error {
    name = 'AmiLoginRejected';
}
/** The peer's first line is not `Asterisk Call Manager/…`: not an AMI port, so we never send it our Login. */
export class AmiPeerNotAsterisk extends Error {
    name = 'AmiPeerNotAsterisk';
}
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_()]{0,127}$/;
/**
 * Parsing runs at most this long before the socket is paused and the event loop gets a turn (timers, Redis replies,
 * the call events' writes). Every call event waits for the parse that precedes its write, so this budget bounds how
 * long a burst delays the writes (frame → job latency); a shorter one only costs more event-loop turns. The figures
 * behind 0.5 ms are in README's Benchmarks section (bench/ingest.ts).
 */
const PARSE_BUDGET_MS = 0.5;
/**
 * One TCP connection to AMI: our own socket, frame reader (ami-frame-reader.ts), Login and action writer.
 * Everything above it (ActionIDs, deadlines, lists, keepalive, backoff, validation, normalisation) is in ami-session.ts
 * and ami-connection.ts; a fresh transport (and reader) per connection, so no parser state survives a reconnect.
 *
 * Why not the asterisk-manager package (docs/asterisk-ami.md §11): its frame parsing is the ingest bottleneck, it
 * parses every buffered chunk in one go (the event loop stalls once it falls behind), its line buffer has no cap,
 * and it keeps its socket in a closure, so a reader of ours could not be attached to its socket: keeping it would
 * mean parsing everything twice. Its figures are in README's Benchmarks section; bench/reference-run.ts runs it.
 * Behaviour kept from it: lines split at LF/CRLF, header = text before the first `: `, keys trimmed and lower-cased, the
 * greeting skipped; Login holds nothing (AmiSession only sends after login resolves). Fixed on the way: frames over
 * 64 KiB are dropped as they arrive, destroy() frees the socket at once, an old-style `Response: Follows` no longer
 * swallows later frames, and parsing yields to the event loop every PARSE_BUDGET_MS.
 */
export class AmiTransport {
    socket;
    handlers;
    target;
    closed = false;
    /** The socket's error, if it failed (ECONNREFUSED…): the close that follows reports it instead of "closed by peer". */
    socketError = null;
    resumeScheduled = false;
    pendingLogin = null;
    reader;
    /** Why the transport refused the peer (set before it closes the socket), if it did. */
    refusal = null;
    greeted = null;
    /** Resolves once connected and greeted as AMI; rejects with AmiPeerNotAsterisk when the peer greets otherwise. */
    ready;
    constructor(socket, handlers, target) {
        this.socket = socket;
        this.handlers = handlers;
        this.target = target;
        this.reader = new AmiFrameReader({
            onFrame: (frame, text) => this.onFrame(frame, text),
            onMalformed: (reason) => { if (!this.closed)
                handlers.onMalformed(reason); },
            onFirstLine: (line, greeting) => this.onFirstLine(line, greeting),
        });
        this.ready = new Promise((resolve, reject) => {
            this.greeted = { resolve, reject };
            socket.on('data', (chunk) => this.onData(chunk));
            socket.on('error', (err) => { if (this.closed)
                return; this.socketError = err; handlers.onSocketError(err); });
            socket.on('close', () => {
                const reason = this.failure ?? 'closed by peer';
                reject(new Error(`AMI connection closed before it was established (${reason})`));
                this.finish(reason);
            });
        });
        this.ready.catch(() => undefined);
    }
    /** The connection failure in words ("connection refused to pbx:5038"), null unless the socket failed. */
    get failure() {
        return this.socketError ? networkFailureText(errorCodeOf(this.socketError), `${this.target.host}:${this.target.port}`) : null;
    }
    static open(target, handlers) {
        const socket = createConnection({ host: target.host, port: target.port, noDelay: true, keepAlive: true });
        return new AmiTransport(socket, handlers, target);
    }
    /** Sends Login; resolves on `Response: Success`, rejects with AmiLoginRejected on `Response: Error`. */
    login() {
        if (this.closed)
            return Promise.reject(new AmiActionError('AMI connection is closed', 'not-connected'));
        const actionId = `login-${randomBytes(6).toString('hex')}`;
        return new Promise((resolve, reject) => {
            this.pendingLogin = { actionId, settle: (err) => { this.pendingLogin = null; if (err)
                    reject(err);
                else
                    resolve(); } };
            const fields = [['Username', this.target.username], ['Secret', this.target.secret]];
            if (this.target.events === 'off')
                fields.push(['Events', 'off']);
            this.write({ text: encodeLines('Login', actionId, fields) });
        });
    }
    /**
     * Encodes one action (`Action` and `ActionID` first, then the fields in order); throws AmiActionError('invalid-value')
     * for what AMI cannot carry. Only `Variable` may repeat: each `NAME=value` becomes its own `Variable:` line.
     */
    static encode(name, actionId, fields) {
        const lines = [];
        for (const [key, value] of Object.entries(fields)) {
            if (typeof value === 'string') {
                lines.push([key, value]);
                continue;
            }
            if (key.toLowerCase() !== 'variable')
                throw new AmiActionError(`AMI action key ${key} cannot repeat (only Variable can)`, 'invalid-value');
            for (const item of value) {
                const eq = item.indexOf('=');
                if (eq <= 0 || !VARIABLE_NAME.test(item.slice(0, eq))) {
                    throw new AmiActionError('AMI Variable entry must be NAME=value with a valid NAME', 'invalid-value');
                }
                lines.push(['Variable', item]);
            }
        }
        return { text: encodeLines(name, actionId, lines) };
    }
    write(action) {
        if (this.closed)
            throw new AmiActionError('AMI connection is closed', 'not-connected');
        this.socket.write(action.text, 'utf8');
    }
    /** Ends the connection now (the socket is destroyed) and reports it closed; later socket events are ignored. */
    destroy(reason) {
        if (this.closed)
            return;
        this.socket.destroy();
        this.finish(reason);
    }
    finish(reason) {
        if (this.closed)
            return;
        this.closed = true;
        this.reader.stop();
        this.pendingLogin?.settle(new Error(`AMI connection closed during login (${reason})`));
        this.handlers.onClose(reason);
    }
    onFirstLine(line, greeting) {
        const greeted = this.greeted;
        this.greeted = null;
        if (greeting) {
            greeted?.resolve();
            return;
        }
        const shown = line.replace(/[^\x20-\x7e]/g, '?');
        this.refusal = new AmiPeerNotAsterisk(`the peer greeted with "${shown}", not "Asterisk Call Manager/…"`);
        greeted?.reject(this.refusal);
        this.destroy('not an AMI peer');
    }
    onData(chunk) {
        if (this.closed)
            return;
        this.reader.push(chunk);
        if (!this.resumeScheduled)
            this.parse();
    }
    /** Parses for up to PARSE_BUDGET_MS; when lines are left, pauses the socket and goes on after the loop's I/O phase. */
    parse() {
        if (this.closed || this.reader.parse(PARSE_BUDGET_MS)) {
            if (this.socket.isPaused())
                this.socket.resume();
            return;
        }
        this.socket.pause();
        this.resumeScheduled = true;
        setImmediate(() => { this.resumeScheduled = false; this.parse(); });
    }
    onFrame(frame, text) {
        if (this.closed)
            return;
        if (this.pendingLogin && this.isLoginReply(frame, this.pendingLogin.actionId))
            return;
        this.handlers.onFrame(frame, Date.now(), text);
    }
    /** The reply to our Login settles logIn() and is not passed on. */
    isLoginReply(frame, actionId) {
        let response = null;
        let message = '';
        let id = '';
        for (const [key, value] of frame) {
            if (key === 'event')
                return false;
            if (key === 'response')
                response ??= value;
            else if (key === 'actionid')
                id = value;
            else if (key === 'message' && message === '')
                message = value;
        }
        if (response === null || id !== actionId)
            return false;
        this.pendingLogin?.settle(response.toLowerCase() === 'success' ? null : new AmiLoginRejected(message || 'login rejected'));
        return true;
    }
}
function encodeLines(name, actionId, fields) {
    let text = `Action: ${name}\r\nActionID: ${actionId}\r\n`;
    for (const [key, value] of fields) {
        if (/[\r\n]/.test(key) || /[\r\n]/.test(value))
            throw new AmiActionError(`AMI action value for ${key} contains CR/LF`, 'invalid-value');
        text += `${key}: ${value}\r\n`;
    }
    return `${text}\r\n`;
}
