export function readChannelFields(fields, prefix) {
    const uid = fields[prefix + 'uniqueid'];
    const linkedId = fields[prefix + 'linkedid'];
    if (!uid || !linkedId || uid === 'none')
        return null;
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
export function createLeg(ch, callId, trunk) {
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
export function refreshLeg(leg, ch) {
    if (ch.name && ch.name !== leg.name)
        leg.name = ch.name;
    if (ch.cidNum !== leg.cidNum)
        leg.cidNum = ch.cidNum;
    if (ch.connNum !== leg.connNum)
        leg.connNum = ch.connNum;
    if (ch.context && ch.context !== leg.context)
        leg.context = ch.context;
    if (ch.exten !== leg.exten)
        leg.exten = ch.exten;
    if (Number.isFinite(ch.state))
        leg.state = ch.state;
}
/** The number part of a Local channel name: `Local/201@operators-0001;1` → '201'. */
export function localNumber(name) {
    const m = LOCAL_NAME.exec(name);
    return m?.[1] ?? '';
}
/** The number in an endpoint channel name: `PJSIP/201-00000001` → '201', `SIP/150010002-0000002e` → '150010002'. */
export function endpointNumber(name) {
    const m = /^[^/]+\/(\+?\d+)-[0-9a-f]+$/i.exec(name);
    return m?.[1] ?? '';
}
/** The peer (endpoint) name in a channel name: `SIP/150010002-0000002e` → '150010002', `PJSIP/SIP-TRUNK-1-0000000a` → 'SIP-TRUNK-1'. */
export function peerName(name) {
    const m = /^[^/]+\/([^/@;]+)-[0-9a-f]+$/i.exec(name);
    return m?.[1] ?? '';
}
export const STATE_RINGING = 5;
export const STATE_UP = 6;
