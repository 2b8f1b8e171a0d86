import { pairValue, type ReplayPairs } from './ami-transcript.js';

/** Snapshot fields a CoreShowChannel item carries (asterisk-ami.md §3), in Asterisk's order. */
const SNAPSHOT_KEYS = [
  'Channel', 'ChannelState', 'ChannelStateDesc', 'CallerIDNum', 'CallerIDName', 'ConnectedLineNum', 'ConnectedLineName',
  'AccountCode', 'Context', 'Exten', 'Priority', 'Uniqueid', 'Linkedid',
] as const;

/** The channels alive in the replay: Newchannel seen and no Hangup yet, with their latest snapshot. */
export class LiveChannels {
  private readonly live = new Map<string, Map<string, string>>();

  observe(pairs: ReplayPairs): void {
    const event = pairValue(pairs, 'Event');
    const uniqueid = pairValue(pairs, 'Uniqueid');
    if (!event || !uniqueid) return;
    if (event === 'Hangup') { this.live.delete(uniqueid); return; }
    let snapshot = this.live.get(uniqueid);
    if (!snapshot && event !== 'Newchannel') return;
    if (!snapshot) { snapshot = new Map(); this.live.set(uniqueid, snapshot); }
    for (const key of SNAPSHOT_KEYS) {
      const value = pairValue(pairs, key);
      if (value !== undefined) snapshot.set(key, value);
    }
  }

  get size(): number {
    return this.live.size;
  }

  /** The CoreShowChannel item frames (without ActionID). */
  items(): Array<Array<[string, string]>> {
    return [...this.live.values()].map((snapshot) => [
      ['Event', 'CoreShowChannel'],
      ...SNAPSHOT_KEYS.filter((k) => snapshot.has(k)).map((k): [string, string] => [k, snapshot.get(k) ?? '']),
    ]);
  }
}
