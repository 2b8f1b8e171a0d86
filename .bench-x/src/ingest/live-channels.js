/**
 * The PBX's live channels as of the end of a resync window: the CoreShowChannels list, corrected by the events that
 * arrived while it was being fetched: channels hung up since are gone; channels born since (a Newchannel in the
 * window) are live, each represented by its latest event, which carries the channel snapshot.
 */
export function liveAfterWindow(listed, during) {
    const latest = new Map();
    for (const ev of during) {
        const uid = ev.fields['uniqueid'];
        if (!uid)
            continue;
        if (ev.name === 'Hangup')
            latest.set(uid, null);
        else if (ev.name === 'Newchannel' || latest.has(uid))
            latest.set(uid, ev); // only channels born in the window
    }
    const live = listed.filter((ch) => latest.get(ch.fields['uniqueid'] ?? '') !== null);
    const listedIds = new Set(listed.map((ch) => ch.fields['uniqueid']));
    for (const [uid, ev] of latest)
        if (ev && !listedIds.has(uid))
            live.push(ev);
    return live;
}
