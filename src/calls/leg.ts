/** One channel (leg) of a call, followed by its Uniqueid from Newchannel to Hangup. Mutable, internal to the tracker. */
export interface Leg {
  readonly uid: string;
  name: string;
  linkedId: string;
  callId: string;
  /** `Local/x@ctx-0000abcd` for both halves of a Local pair, else null. */
  readonly localBase: string | null;
  /** 1 or 2 for Local halves, 0 otherwise. */
  readonly localHalf: 0 | 1 | 2;
  readonly firstContext: string;
  readonly firstExten: string;
  trunk: boolean;
  cidNum: string;
  connNum: string;
  context: string;
  exten: string;
  state: number;
  /** Was the Dest of a DialBegin with no caller (Originate / call file). */
  originated: boolean;
  /** Was the Dest of a DialBegin with a caller. */
  dialled: boolean;
  /** Has been the calling side of a DialBegin. */
  dialledOut: boolean;
  /** Click-to-dial: this leg reaches the operator who places the call (not a ring target). */
  operator: boolean;
  /** Uniqueid of the leg that dialled this one (last DialBegin), if any. */
  dialledBy: string | null;
  /** Index into the call's ring attempts when this leg is a ring target, else -1. */
  attempt: number;
  bridgeId: string | null;
  hungUp: boolean;
}

/** The channel snapshot fields we read, taken from an event with a key prefix ('' or 'dest', 'transferee', ...). */
export interface ChannelFields {
  readonly uid: string;
  readonly linkedId: string;
  readonly name: string;
  readonly cidNum: string;
  readonly connNum: string;
  readonly context: string;
  readonly exten: string;
  readonly state: number;
}

export function readChannelFields(fields: Readonly<Record<string, string>>, prefix: string): ChannelFields | null {
  const uid = fields[prefix + 'uniqueid'];
  const linkedId = fields[prefix + 'linkedid'];
  if (!uid || !linkedId || uid === 'none') return null;
  return {
    uid,
    linkedId,
    name: fields[prefix + 'channel'] ?? '',
    cidNum: fields[prefix + 'calleridnum'] ?? '',
    connNum: fields[prefix + 'connectedlinenum'] ?? '',
    context: fields[prefix + 'context'] ?? '',
    exten: fields[prefix + 'exten'] ?? '',
    state: Number(fields[prefix + 'channelstate'] ?? '0'),
  };
}

const LOCAL_NAME = /^Local\/([^@]*)@[^;]*;([12])$/i;

export function createLeg(ch: ChannelFields, callId: string, trunk: boolean): Leg {
  const local = LOCAL_NAME.exec(ch.name);
  return {
    uid: ch.uid,
    name: ch.name,
    linkedId: ch.linkedId,
    callId,
    localBase: local ? ch.name.slice(0, ch.name.lastIndexOf(';')) : null,
    localHalf: local ? (local[2] === '1' ? 1 : 2) : 0,
    firstContext: ch.context,
    firstExten: ch.exten,
    trunk,
    cidNum: ch.cidNum,
    connNum: ch.connNum,
    context: ch.context,
    exten: ch.exten,
    state: ch.state,
    originated: false,
    dialled: false,
    dialledOut: false,
    operator: false,
    dialledBy: null,
    attempt: -1,
    bridgeId: null,
    hungUp: false,
  };
}

/** Copies the latest snapshot values onto the leg (the Linkedid is handled by the caller: it may merge calls). */
/**
 * Takes the channel's current fields. An equal string is not reassigned: the leg keeps the copy it has, so the event's
 * copy dies young instead of being promoted with the long-lived leg (most events repeat most fields).
 */
export function refreshLeg(leg: Leg, ch: ChannelFields): void {
  if (ch.name && ch.name !== leg.name) leg.name = ch.name;
  if (ch.cidNum !== leg.cidNum) leg.cidNum = ch.cidNum;
  if (ch.connNum !== leg.connNum) leg.connNum = ch.connNum;
  if (ch.context && ch.context !== leg.context) leg.context = ch.context;
  if (ch.exten !== leg.exten) leg.exten = ch.exten;
  if (Number.isFinite(ch.state)) leg.state = ch.state;
}

/** The number part of a Local channel name: `Local/201@operators-0001;1` → '201'. */
export function localNumber(name: string): string {
  const m = LOCAL_NAME.exec(name);
  return m?.[1] ?? '';
}

/** The number in an endpoint channel name: `PJSIP/201-00000001` → '201', `SIP/150010002-0000002e` → '150010002'. */
export function endpointNumber(name: string): string {
  const m = /^[^/]+\/(\+?\d+)-[0-9a-f]+$/i.exec(name);
  return m?.[1] ?? '';
}

/** The peer (endpoint) name in a channel name: `SIP/150010002-0000002e` → '150010002', `PJSIP/SIP-TRUNK-1-0000000a` → 'SIP-TRUNK-1'. */
export function peerName(name: string): string {
  const m = /^[^/]+\/([^/@;]+)-[0-9a-f]+$/i.exec(name);
  return m?.[1] ?? '';
}

export const STATE_RINGING = 5;
export const STATE_UP = 6;
