import { createServer, type Server, type Socket } from 'node:net';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { LiveChannels } from './ami-live-channels.js';
import { defaultAnswer, parseAction, response, withActionId, type AmiReplayAction, type AmiReplayAnswer } from './ami-replay-actions.js';
import { remapFrame, timestampSpanSec } from './ami-replay-remap.js';
import { loadTranscripts, serializeFrame, type ReplayFrame, type ReplayPairs, type TranscriptSource } from './ami-transcript.js';

export type { AmiReplayAction, AmiReplayAnswer, AmiReplayFrameSpec } from './ami-replay-actions.js';
export type { TranscriptSource } from './ami-transcript.js';

export interface AmiReplayServerOptions {
  /** 0 (default) = a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly username: string;
  readonly secret: string;
  /** Fixture paths (`# ` comment line allowed) or in-memory frames; played one after the other. */
  readonly transcripts: readonly TranscriptSource[];
  /** Pace from the Timestamp headers divided by speed (1 = real time, 10 = ten times faster); 0 (default) = as fast as possible. */
  readonly speed?: number;
  readonly loop?: boolean;
  /** Give each loop's calls fresh ids (default: same as loop). */
  readonly remapIds?: boolean;
  /** Answers an action (Login excepted); return undefined to use the default answer. */
  readonly onAction?: (action: AmiReplayAction) => AmiReplayAnswer | undefined;
  /** Delay before `Authentication failed` (Asterisk waits 1 s; default 200 ms to keep tests fast). */
  readonly authFailDelayMs?: number;
  /** FullyBooted Uptime at server start (default 3, as in the fixtures); it grows with wall time. */
  readonly uptimeBaseSec?: number;
}

export interface AmiReplayServer {
  readonly port: number;
  /** Open TCP connections (logged in or not). */
  readonly connectionCount: number;
  readonly loggedInCount: number;
  /** Frames the replay has played so far (sent, or lost when nobody was logged in). */
  readonly position: number;
  /** Every action received, oldest first (the last 1000). */
  readonly actions: readonly AmiReplayAction[];
  /** Resolves when a non-looping replay has played its last frame. */
  readonly finished: Promise<void>;
  setSecret(secret: string): void;
  /** Destroys every client socket now (an AMI drop); the replay keeps going. */
  dropClients(): void;
  /**
   * Simulates `kill -9` and a restart of the PBX: every client is dropped, every channel is gone, FullyBooted's Uptime
   * starts again from 0 and CoreStatus reports a new (later, by at least a second) start-up time. The replay keeps going.
   */
  restart(): void;
  /** Freezes the server: no events, no answers (actions are dropped), like a hung PBX or a half-open link. */
  pause(): void;
  resume(): void;
  /** Writes bytes as they are to every logged-in client (malformed-frame tests). */
  injectRaw(bytes: string | Uint8Array): void;
  close(): Promise<void>;
}

interface Client { readonly socket: Socket; loggedIn: boolean; buffer: string }

const MAX_ACTION_BUFFER_CHARS = 1 << 20;
const HIGH_WATER_BYTES = 1 << 20;

class ReplayServer implements AmiReplayServer {
  private readonly clients = new Set<Client>();
  private readonly live = new LiveChannels();
  private readonly waiters: Array<() => void> = [];
  private startedAtMs = Date.now();
  private uptimeBaseSec: number;
  private readonly spanSec: number;
  private secret: string;
  private paused = false;
  private closed = false;
  private pumping = false;
  private cancelDelay: (() => void) | null = null;
  private played = 0;
  private finish: () => void = () => undefined;
  readonly finished = new Promise<void>((resolve) => { this.finish = resolve; });
  readonly actions: AmiReplayAction[] = [];

  constructor(private readonly server: Server, private readonly frames: readonly ReplayFrame[], private readonly opts: AmiReplayServerOptions) {
    this.secret = opts.secret;
    this.uptimeBaseSec = opts.uptimeBaseSec ?? 3;
    this.spanSec = timestampSpanSec(frames);
    server.on('connection', (socket) => this.accept(socket));
  }

  get port(): number {
    const addr = this.server.address();
    return typeof addr === 'object' && addr ? addr.port : 0;
  }

  get connectionCount(): number { return this.clients.size; }
  get loggedInCount(): number { return [...this.clients].filter((c) => c.loggedIn).length; }
  get position(): number { return this.played; }

  setSecret(secret: string): void { this.secret = secret; }
  dropClients(): void { for (const c of this.clients) c.socket.destroy(); }
  restart(): void {
    this.dropClients();
    this.live.clear();
    this.startedAtMs = Math.max(Date.now(), this.startedAtMs + 1000); // CoreStartupTime has whole seconds
    this.uptimeBaseSec = 0;
  }
  pause(): void { this.paused = true; }
  resume(): void { this.paused = false; this.notify(); }

  injectRaw(bytes: string | Uint8Array): void {
    for (const c of this.clients) if (c.loggedIn) c.socket.write(bytes);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelDelay?.();
    this.notify();
    this.dropClients();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    const client: Client = { socket, loggedIn: false, buffer: '' };
    this.clients.add(client);
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.on('close', () => { this.clients.delete(client); this.notify(); });
    socket.on('data', (chunk: string) => this.onData(client, chunk));
    socket.write('Asterisk Call Manager/11.0.0\r\n');
  }

  private onData(client: Client, chunk: string): void {
    client.buffer += chunk;
    if (client.buffer.length > MAX_ACTION_BUFFER_CHARS) { client.socket.destroy(); return; }
    const blocks = client.buffer.split(/\r?\n\r?\n/);
    client.buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const action = parseAction(block);
      if (action && !this.paused) this.onAction(client, action);
    }
  }

  private onAction(client: Client, action: AmiReplayAction): void {
    this.actions.push(action);
    if (this.actions.length > 1000) this.actions.shift();
    if (action.name.toLowerCase() === 'login') { this.login(client, action); return; }
    if (!client.loggedIn) { this.reply(client, action, [response('Error', { Message: 'Permission denied' })]); return; }
    const answer = this.opts.onAction?.(action) ?? defaultAnswer(action, this.live, Date.now(), { startedAtMs: this.startedAtMs });
    this.reply(client, action, answer);
    if (action.name.toLowerCase() === 'logoff') client.socket.end();
  }

  private reply(client: Client, action: AmiReplayAction, frames: AmiReplayAnswer): void {
    for (const frame of frames) client.socket.write(serializeFrame(withActionId(frame, action.actionId)));
  }

  private login(client: Client, action: AmiReplayAction): void {
    if (action.fields['username'] === this.opts.username && action.fields['secret'] === this.secret) {
      this.reply(client, action, [response('Success', { Message: 'Authentication accepted' })]);
      const uptimeSec = this.uptimeBaseSec + Math.max(0, Math.floor((Date.now() - this.startedAtMs) / 1000));
      client.socket.write(serializeFrame([
        ['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Uptime', String(uptimeSec)],
        ['LastReload', String(uptimeSec)], ['Status', 'Fully Booted'],
      ]));
      client.loggedIn = true;
      this.notify();
      if (!this.pumping) { this.pumping = true; void this.pump(); }
      return;
    }
    setTimeout(() => {
      this.reply(client, action, [response('Error', { Message: 'Authentication failed' })]);
      setTimeout(() => client.socket.end(), 20);
    }, this.opts.authFailDelayMs ?? 200);
  }

  private async pump(): Promise<void> {
    const speed = this.opts.speed ?? 0;
    const remap = this.opts.remapIds ?? this.opts.loop ?? false;
    for (let loop = 0; !this.closed; loop += 1) {
      let prev: ReplayFrame | null = null;
      let debtMs = 0;
      for (const frame of this.frames) {
        await this.gate(speed);
        if (this.closed) break;
        if (speed > 0) {
          debtMs += gapMs(prev, frame) / speed;
          if (debtMs >= 1) { await this.delay(debtMs); debtMs = 0; await this.gate(speed); }
        } else if (this.played % 256 === 255) {
          await yieldToIo();
        }
        prev = frame;
        this.play(remap ? remapFrame(frame, loop, this.spanSec) : frame.pairs);
      }
      if (!this.opts.loop) break;
    }
    this.finish();
  }

  private play(pairs: ReplayPairs): void {
    this.live.observe(pairs);
    this.played += 1;
    const text = serializeFrame(pairs);
    for (const c of this.clients) if (c.loggedIn && !c.socket.destroyed) c.socket.write(text);
  }

  /** Waits while paused, while a client's socket is full, and (at speed 0) while nobody is logged in. */
  private async gate(speed: number): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const full = [...this.clients].find((c) => c.socket.writableLength > HIGH_WATER_BYTES);
      if (full) full.socket.once('drain', () => this.notify());
      if (!this.paused && !full && (speed > 0 || this.loggedInCount > 0)) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private delay(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => { this.cancelDelay = null; resolve(); }, ms);
      this.cancelDelay = () => { clearTimeout(timer); this.cancelDelay = null; resolve(); };
    });
  }

  private notify(): void {
    const waiting = this.waiters.splice(0);
    for (const wake of waiting) wake();
  }
}

function gapMs(prev: ReplayFrame | null, frame: ReplayFrame): number {
  if (!prev || prev.transcript !== frame.transcript || prev.timestampSec === null || frame.timestampSec === null) return 0;
  return Math.max(0, (frame.timestampSec - prev.timestampSec) * 1000);
}

/** Starts a TCP AMI server that greets, checks Login, answers actions and replays transcripts to logged-in clients. */
export async function startAmiReplayServer(opts: AmiReplayServerOptions): Promise<AmiReplayServer> {
  const frames = await loadTranscripts(opts.transcripts);
  const server = createServer();
  const replay = new ReplayServer(server, frames, opts);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  return replay;
}
