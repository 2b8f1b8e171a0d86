import type { LiveChannels } from './ami-live-channels.js';
import { framePairs, type ReplayPairs } from './ami-transcript.js';

/** An action a client sent to the replay server. */
export interface AmiReplayAction {
  /** The `Action:` value as sent (`Login`, `Ping`, …). */
  readonly name: string;
  readonly actionId: string | undefined;
  /** Lower-case keys, first value of each. */
  readonly fields: Readonly<Record<string, string>>;
  /** Every line in order (repeated `Variable:` lines included). */
  readonly pairs: ReplayPairs;
}

/** One frame to send: ordered `[key, value]` pairs, or an object (its key order is kept). */
export type AmiReplayFrameSpec = ReplayPairs | Readonly<Record<string, string>>;

/** Frames to send back. The server inserts the ActionID after the first line of each frame that has none. */
export type AmiReplayAnswer = ReadonlyArray<AmiReplayFrameSpec>;

export function parseAction(text: string): AmiReplayAction | null {
  const pairs = framePairs(text);
  const fields: Record<string, string> = {};
  for (const [k, v] of pairs) if (!(k.toLowerCase() in fields)) fields[k.toLowerCase()] = v;
  const name = fields['action'];
  if (name === undefined) return null;
  return { name, actionId: fields['actionid'], fields, pairs };
}

export function response(status: 'Success' | 'Error' | 'Goodbye', extra: Record<string, string>): ReplayPairs {
  return [['Response', status], ...Object.entries(extra)];
}

function timestampNow(nowMs: number): string {
  return (nowMs / 1000).toFixed(6);
}

/** `YYYY-MM-DD` and `HH:MM:SS` in this process's local time, as Asterisk writes CoreStartupDate/Time (its local time). */
export function localDateTime(ms: number): { date: string; time: string } {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return { date: `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`, time: `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}` };
}

/** What the simulated PBX says of itself: when it started (changes on each simulated restart). */
export interface ReplayPbx {
  readonly startedAtMs: number;
}

/** Answers the replay server gives by default (Login is handled by the server itself). */
export function defaultAnswer(action: AmiReplayAction, live: LiveChannels, nowMs: number, pbx: ReplayPbx = { startedAtMs: nowMs }): AmiReplayAnswer {
  switch (action.name.toLowerCase()) {
    case 'corestatus': {
      const started = localDateTime(pbx.startedAtMs);
      return [response('Success', {
        CoreStartupDate: started.date, CoreStartupTime: started.time, CoreReloadDate: started.date, CoreReloadTime: started.time,
        CoreCurrentCalls: String(live.size),
      })];
    }
    case 'ping':
      return [response('Success', { Ping: 'Pong', Timestamp: timestampNow(nowMs) })];
    case 'coreshowchannels': {
      const items = live.items();
      return [
        response('Success', { EventList: 'start', Message: 'Channels will follow' }),
        ...items,
        [['Event', 'CoreShowChannelsComplete'], ['EventList', 'Complete'], ['ListItems', String(items.length)]],
      ];
    }
    case 'originate':
      return [response('Success', { Message: 'Originate successfully queued' })];
    case 'logoff':
      return [response('Goodbye', { Message: 'Thanks for all the fish.' })];
    default:
      return [response('Error', { Message: 'Invalid/unknown command' })];
  }
}

/** Inserts `ActionID` after the first line of every frame when the action had one and the frame has none. */
export function withActionId(spec: AmiReplayFrameSpec, actionId: string | undefined): ReplayPairs {
  const frame: ReplayPairs = isPairs(spec) ? spec : Object.entries(spec);
  if (actionId === undefined || frame.some(([k]) => k.toLowerCase() === 'actionid')) return frame;
  const [first, ...rest] = frame;
  return first ? [first, ['ActionID', actionId], ...rest] : frame;
}

function isPairs(spec: AmiReplayFrameSpec): spec is ReplayPairs {
  return Array.isArray(spec);
}
