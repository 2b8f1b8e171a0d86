import { pairValue } from './ami-transcript.js';
/** Snapshot fields a CoreShowChannel item carries (docs/asterisk-ami.md §3), in Asterisk's order. */
const SNAPSHOT_KEYS = [
    'Channel', 'ChannelState', 'ChannelStateDesc', 'CallerIDNum', 'CallerIDName', 'ConnectedLineNum', 'ConnectedLineName',
    'AccountCode', 'Context', 'Exten', 'Priority', 'Uniqueid', 'Linkedid',
];
/**
 * The channels alive in the replay: Newchannel seen and no Hangup yet, with their latest snapshot, the bridge they are
 * in (BridgeEnter/BridgeLeave) and their age on the replay's clock (Timestamp headers), as CoreShowChannel reports them.
 */
export class LiveChannels {
    live = new Map();
    latestSec = null;
    observe(pairs) {
        const stamp = Number(pairValue(pairs, 'Timestamp'));
        const atSec = Number.isFinite(stamp) && stamp > 0 ? stamp : null;
        if (atSec !== null && (this.latestSec === null || atSec > this.latestSec))
            this.latestSec = atSec;
        const event = pairValue(pairs, 'Event');
        const uniqueid = pairValue(pairs, 'Uniqueid');
        if (!event || !uniqueid)
            return;
        if (event === 'Hangup') {
            this.live.delete(uniqueid);
            return;
        }
        let channel = this.live.get(uniqueid);
        if (!channel && event !== 'Newchannel')
            return;
        if (!channel) {
            channel = { snapshot: new Map(), bornSec: atSec, bridgeId: '' };
            this.live.set(uniqueid, channel);
        }
        if (event === 'BridgeEnter')
            channel.bridgeId = pairValue(pairs, 'BridgeUniqueid') ?? '';
        if (event === 'BridgeLeave')
            channel.bridgeId = '';
        for (const key of SNAPSHOT_KEYS) {
            const value = pairValue(pairs, key);
            if (value !== undefined)
                channel.snapshot.set(key, value);
        }
    }
    get size() {
        return this.live.size;
    }
    /** Every channel dies at once (the PBX restarted). */
    clear() {
        this.live.clear();
    }
    /** The CoreShowChannel item frames (without ActionID): snapshot, BridgeId and Duration (HH:MM:SS). */
    items() {
        return [...this.live.values()].map(({ snapshot, bornSec, bridgeId }) => [
            ['Event', 'CoreShowChannel'],
            ...SNAPSHOT_KEYS.filter((k) => snapshot.has(k)).map((k) => [k, snapshot.get(k) ?? '']),
            ['BridgeId', bridgeId],
            ['Duration', hms(bornSec === null || this.latestSec === null ? 0 : this.latestSec - bornSec)],
        ]);
    }
}
function hms(seconds) {
    const total = Math.max(0, Math.floor(seconds));
    const two = (n) => String(n).padStart(2, '0');
    return `${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
}
