import { createConnection, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { AmiActionFields } from './ami-client.js';
import { AmiActionError } from './ami-client.js';
import { AmiFrameReader } from './ami-frame-reader.js';
import type { RawFrame } from './ami-normalize.js';
import { errorCodeOf, networkFailureText } from '../net/network-failure.js';

export type MalformedReason = 'no-header' | 'oversized' | 'junk-lines';

export interface AmiTransportHandlers {
  /** A frame with an `Event:` or `Response:` header (keys lower-cased), in wire order. */
  /** `text`: the frame as received (see AmiFrameSink.onFrame; a view, copy what is kept). */
  onFrame(frame: RawFrame, receivedAtMs: number, text: string): void;
  /** A frame skipped (or a frame with junk lines dropped); never carries the payload. */
  onMalformed(reason: MalformedReason): void;
  onSocketError(err: Error): void;
  /** Called once, when the TCP connection is gone (closed by the peer, failed, or destroyed by us). */
  onClose(reason: string): void;
}

export interface AmiTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly secret: string;
  /** `off`: log in with `Events: off` (an action-only session; Asterisk sends it no events). */
  readonly events?: 'off';
}

/** The login reply from Asterisk was `Response: Error`; `message` is Asterisk's text (e.g. `Authentication failed`). */
export class AmiLoginRejected extends Error {
  override name = 'AmiLoginRejected';
}

/** The peer's first line is not `Asterisk Call Manager/…`: not an AMI port, so we never send it our Login. */
export class AmiPeerNotAsterisk extends Error {
  override name = 'AmiPeerNotAsterisk';
}

/** One action as it goes on the wire (see encode()). */
export interface EncodedAction {
  readonly text: string;
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
  private closed = false;
  /** The socket's error, if it failed (ECONNREFUSED…): the close that follows reports it instead of "closed by peer". */
  private socketError: Error | null = null;
  private resumeScheduled = false;
  private pendingLogin: { actionId: string; settle: (err: Error | null) => void } | null = null;
  private readonly reader: AmiFrameReader;
  /** Why the transport refused the peer (set before it closes the socket), if it did. */
  refusal: AmiPeerNotAsterisk | null = null;
  private greeted: { resolve: () => void; reject: (err: Error) => void } | null = null;
  /** Resolves once connected and greeted as AMI; rejects with AmiPeerNotAsterisk when the peer greets otherwise. */
  readonly ready: Promise<void>;

  private constructor(private readonly socket: Socket, private readonly handlers: AmiTransportHandlers, private readonly target: AmiTarget) {
    this.reader = new AmiFrameReader({
      onFrame: (frame, text) => this.onFrame(frame, text),
      onMalformed: (reason) => { if (!this.closed) handlers.onMalformed(reason); },
      onFirstLine: (line, greeting) => this.onFirstLine(line, greeting),
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.greeted = { resolve, reject };
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('error', (err) => { if (this.closed) return; this.socketError = err; handlers.onSocketError(err); });
      socket.on('close', () => {
        const reason = this.failure ?? 'closed by peer';
        reject(new Error(`AMI connection closed before it was established (${reason})`));
        this.finish(reason);
      });
    });
    this.ready.catch(() => undefined);
  }

  /** The connection failure in words ("connection refused to pbx:5038"), null unless the socket failed. */
  get failure(): string | null {
    return this.socketError ? networkFailureText(errorCodeOf(this.socketError), `${this.target.host}:${this.target.port}`) : null;
  }

  static open(target: AmiTarget, handlers: AmiTransportHandlers): AmiTransport {
    const socket = createConnection({ host: target.host, port: target.port, noDelay: true, keepAlive: true });
    return new AmiTransport(socket, handlers, target);
  }

  /** Sends Login; resolves on `Response: Success`, rejects with AmiLoginRejected on `Response: Error`. */
  login(): Promise<void> {
    if (this.closed) return Promise.reject(new AmiActionError('AMI connection is closed', 'not-connected'));
    const actionId = `login-${randomBytes(6).toString('hex')}`;
    return new Promise<void>((resolve, reject) => {
      this.pendingLogin = { actionId, settle: (err) => { this.pendingLogin = null; if (err) reject(err); else resolve(); } };
      const fields: Array<[string, string]> = [['Username', this.target.username], ['Secret', this.target.secret]];
      if (this.target.events === 'off') fields.push(['Events', 'off']);
      this.write({ text: encodeLines('Login', actionId, fields) });
    });
  }

  /**
   * Encodes one action (`Action` and `ActionID` first, then the fields in order); throws AmiActionError('invalid-value')
   * for what AMI cannot carry. Only `Variable` may repeat: each `NAME=value` becomes its own `Variable:` line.
   */
  static encode(name: string, actionId: string, fields: AmiActionFields): EncodedAction {
    const lines: Array<[string, string]> = [];
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value === 'string') { lines.push([key, value]); continue; }
      if (key.toLowerCase() !== 'variable') throw new AmiActionError(`AMI action key ${key} cannot repeat (only Variable can)`, 'invalid-value');
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

  write(action: EncodedAction): void {
    if (this.closed) throw new AmiActionError('AMI connection is closed', 'not-connected');
    this.socket.write(action.text, 'utf8');
  }

  /** Ends the connection now (the socket is destroyed) and reports it closed; later socket events are ignored. */
  destroy(reason: string): void {
    if (this.closed) return;
    this.socket.destroy();
    this.finish(reason);
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.stop();
    this.pendingLogin?.settle(new Error(`AMI connection closed during login (${reason})`));
    this.handlers.onClose(reason);
  }

  private onFirstLine(line: string, greeting: boolean): void {
    const greeted = this.greeted;
    this.greeted = null;
    if (greeting) { greeted?.resolve(); return; }
    const shown = line.replace(/[^\x20-\x7e]/g, '?');
    this.refusal = new AmiPeerNotAsterisk(`the peer greeted with "${shown}", not "Asterisk Call Manager/…"`);
    greeted?.reject(this.refusal);
    this.destroy('not an AMI peer');
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.reader.push(chunk);
    if (!this.resumeScheduled) this.parse();
  }

  /** Parses for up to PARSE_BUDGET_MS; when lines are left, pauses the socket and goes on after the loop's I/O phase. */
  private parse(): void {
    if (this.closed || this.reader.parse(PARSE_BUDGET_MS)) {
      if (this.socket.isPaused()) this.socket.resume();
      return;
    }
    this.socket.pause();
    this.resumeScheduled = true;
    setImmediate(() => { this.resumeScheduled = false; this.parse(); });
  }

  private onFrame(frame: RawFrame, text: string): void {
    if (this.closed) return;
    if (this.pendingLogin && this.isLoginReply(frame, this.pendingLogin.actionId)) return;
    this.handlers.onFrame(frame, Date.now(), text);
  }

  /** The reply to our Login settles logIn() and is not passed on. */
  private isLoginReply(frame: RawFrame, actionId: string): boolean {
    let response: string | null = null;
    let message = '';
    let id = '';
    for (const [key, value] of frame) {
      if (key === 'event') return false;
      if (key === 'response') response ??= value;
      else if (key === 'actionid') id = value;
      else if (key === 'message' && message === '') message = value;
    }
    if (response === null || id !== actionId) return false;
    this.pendingLogin?.settle(response.toLowerCase() === 'success' ? null : new AmiLoginRejected(message || 'login rejected'));
    return true;
  }
}

function encodeLines(name: string, actionId: string, fields: ReadonlyArray<readonly [string, string]>): string {
  let text = `Action: ${name}\r\nActionID: ${actionId}\r\n`;
  for (const [key, value] of fields) {
    if (/[\r\n]/.test(key) || /[\r\n]/.test(value)) throw new AmiActionError(`AMI action value for ${key} contains CR/LF`, 'invalid-value');
    text += `${key}: ${value}\r\n`;
  }
  return `${text}\r\n`;
}
