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

/** Answers the replay server gives by default (Login is handled by the server itself). */
export function defaultAnswer(action: AmiReplayAction, live: LiveChannels, nowMs: number): AmiReplayAnswer {
  switch (action.name.toLowerCase()) {
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
