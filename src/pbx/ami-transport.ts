import AsteriskManager, { type Manager } from 'asterisk-manager';
import type { AmiActionFields } from './ami-client.js';
import { AmiActionError } from './ami-client.js';
import type { RawFrame } from './ami-normalize.js';
import { managerItemToFrame, MAX_FRAME_BYTES } from './manager-item-frame.js';

export type MalformedReason = 'no-header' | 'oversized' | 'junk-lines';

export interface AmiTransportHandlers {
  /** A frame with an `Event:` or `Response:` header, in wire order. */
  onFrame(frame: RawFrame, receivedAtMs: number): void;
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
}

/** The login reply from Asterisk was `Response: Error`; `message` is Asterisk's text (e.g. `Authentication failed`). */
export class AmiLoginRejected extends Error {
  override name = 'AmiLoginRejected';
}

/** An action encoded for asterisk-manager (see encode()). */
export interface PackageAction {
  readonly fields: Record<string, unknown>;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_()]{0,127}$/;

/**
 * One TCP connection to AMI through `asterisk-manager`, used only as a frame transport (asterisk-ami.md §11):
 * a fresh package instance per connection (no parser state survives a reconnect), never keepConnected(), no
 * auto-login. The package owns the socket, the CRLF framing and the action writer; everything above it (ActionIDs,
 * deadlines, lists, keepalive, backoff, validation, normalisation) is ours. We read its synchronous `rawevent`
 * stream, which carries every frame in wire order, and unfold its parsed objects back into ordered key/value pairs
 * (manager-item-frame.ts), so nothing we use is lost (only two ChanVariable lines with the same NAME collapse).
 *
 * Why not our own socket reader (allowed by §11 if faster): the package does not expose its socket, so reading raw
 * lines would mean dropping the package. Measured on this 2-core box, replay server in another process:
 * ≈44k events/s through AmiConnection at 83 % of one core, one to two orders above a busy PBX, so the package stays.
 * Login goes through the package's login() because its action() holds every other action until that login has
 * succeeded; the deadline, the error text and the auth-failed state are ours.
 * Known limits of the package, covered here: disconnect() only sends FIN (a dead peer's socket is reclaimed by
 * the OS), its line buffer has no cap (we refuse frames over 64 KiB after parsing), and a junk `Response: Follows`
 * line would make it swallow frames until `--END COMMAND--`: the missed Ping then drops and renews the connection.
 */
export class AmiTransport {
  private closed = false;
  readonly ready: Promise<void>;

  private constructor(private readonly manager: Manager, private readonly handlers: AmiTransportHandlers, target: AmiTarget) {
    this.ready = new Promise<void>((resolve, reject) => {
      manager.on('rawevent', (item) => this.onItem(item));
      manager.on('error', (err) => { if (!this.closed) handlers.onSocketError(err instanceof Error ? err : new Error(String(err))); });
      manager.on('close', () => { reject(new Error('AMI connection closed before it was established')); this.finish('closed by peer'); });
      manager.connect(target.port, target.host, () => resolve());
    });
    this.ready.catch(() => undefined);
  }

  static open(target: AmiTarget, handlers: AmiTransportHandlers): AmiTransport {
    return new AmiTransport(AsteriskManager(undefined, target.host, target.username, target.secret, true), handlers, target);
  }

  /** Sends Login through the package; rejects with AmiLoginRejected when Asterisk answers `Response: Error`. */
  login(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.manager.login((err) => {
        if (!err) { resolve(); return; }
        const message = typeof err['message'] === 'string' ? err['message'] : 'login rejected';
        reject(new AmiLoginRejected(message));
      });
    });
  }

  /**
   * Builds the object the package's action() writes; throws AmiActionError('invalid-value') for what it cannot
   * express. Only `Variable` may repeat: the package writes `{NAME: value}` as `Variable: NAME=value` lines.
   */
  static encode(name: string, actionId: string, fields: AmiActionFields): PackageAction {
    const action: Record<string, unknown> = { action: name, actionid: actionId };
    for (const [key, value] of Object.entries(fields)) action[key] = toPackageValue(key, value);
    return { fields: action };
  }

  /** Writes one encoded action; the package's own callback is unused (responses come back through rawevent). */
  write(action: PackageAction): void {
    if (this.closed) throw new AmiActionError('AMI connection is closed', 'not-connected');
    this.manager.action(action.fields, () => undefined);
  }

  /** Ends the connection now (TCP FIN through the package) and reports it closed; later package events are ignored. */
  destroy(reason: string): void {
    if (this.closed) return;
    this.manager.disconnect();
    this.finish(reason);
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.onClose(reason);
  }

  private onItem(item: unknown): void {
    if (this.closed || item === null || typeof item !== 'object') return;
    const converted = managerItemToFrame(item as Record<string, unknown>);
    if (converted.frame.length === 0 && converted.junkLines === 0) return; // stray blank line between frames
    if (converted.sizeBytes > MAX_FRAME_BYTES) { this.handlers.onMalformed('oversized'); return; }
    const hasHeader = converted.frame.some(([k]) => k === 'event' || k === 'response');
    if (!hasHeader) { this.handlers.onMalformed('no-header'); return; }
    if (converted.junkLines > 0) this.handlers.onMalformed('junk-lines');
    this.handlers.onFrame(converted.frame, Date.now());
  }
}

function toPackageValue(key: string, value: string | readonly string[]): string | Record<string, string> {
  if (typeof value === 'string') return value;
  if (key.toLowerCase() !== 'variable') {
    throw new AmiActionError(`AMI action key ${key} cannot repeat (only Variable can)`, 'invalid-value');
  }
  const vars: Record<string, string> = {};
  for (const item of value) {
    const eq = item.indexOf('=');
    const name = eq > 0 ? item.slice(0, eq) : '';
    if (!VARIABLE_NAME.test(name)) throw new AmiActionError('AMI Variable entry must be NAME=value with a valid NAME', 'invalid-value');
    vars[name] = item.slice(eq + 1);
  }
  return vars;
}
