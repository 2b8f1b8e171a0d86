import type { AmiEvent, AmiResponse } from './ami-event.js';

/** Values put into an action: strings, or a list for repeatable keys such as `Variable`. */
export type AmiActionFields = Readonly<Record<string, string | readonly string[]>>;

export interface AmiActionResult {
  readonly response: AmiResponse;
  /** For list actions (CoreShowChannels, ...): the item events, up to and excluding the `…Complete` event. */
  readonly events: readonly AmiEvent[];
}

export interface AmiActionOptions {
  readonly timeoutMs?: number;
  /** Gather events carrying our ActionID until one has `EventList: Complete`. */
  readonly list?: boolean;
}

/** Raised by action(): not connected/logged in, timed out, CR/LF or bad value, or `Response: Error` (message from Asterisk). */
export class AmiActionError extends Error {
  override name = 'AmiActionError';
  constructor(message: string, readonly kind: 'not-connected' | 'timeout' | 'invalid-value' | 'rejected' | 'disconnected') {
    super(message);
  }
}

/**
 * `standby`: deliberately not connected (another instance reads the PBX); actions run on a short-lived session.
 * `not-asterisk`: the peer at AMI_HOST:AMI_PORT did not greet as Asterisk Call Manager; retried with backoff.
 */
export type AmiConnectionState = 'standby' | 'connecting' | 'connected' | 'disconnected' | 'auth-failed' | 'not-asterisk' | 'closed';

/** What the rest of the daemon sees of the PBX. Implemented by AmiConnection; tests may fake it. */
export interface AmiClient {
  readonly state: AmiConnectionState;
  /** Sends an action with our own ActionID; fails fast when not logged in; never queued for later. */
  action(name: string, fields: AmiActionFields, options?: AmiActionOptions): Promise<AmiActionResult>;
  /**
   * Every event, in wire order. Returns an unsubscribe function. `frameText`: the event's frame as received (its
   * lines with their line ends), given for events delivered as they arrive (not those held until startDelivery); it is
   * a view on the reader's buffer, valid during the call: a listener that keeps it keeps that whole piece alive.
   */
  onEvent(listener: (event: AmiEvent, frameText?: string) => void): () => void;
  /** Called after each successful login (first connect and every reconnect), before events flow on. */
  onConnected(listener: (info: { reconnect: boolean; uptimeSec: number | null }) => void): () => void;
  onDisconnected(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
}
