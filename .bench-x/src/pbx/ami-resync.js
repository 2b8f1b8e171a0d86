/**
 * Lists the channels alive on the PBX (docs/asterisk-ami.md §4.11: resync after a reconnect): runs `CoreShowChannels`
 * as a list action and returns its `CoreShowChannel` item events (snapshot + BridgeId, Application, Duration).
 * Throws AmiActionError like any action (not-connected, timeout, rejected when the user lacks `reporting`).
 */
export async function listChannels(client, timeoutMs) {
    const result = await client.action('CoreShowChannels', {}, { list: true, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    return result.events.filter((ev) => ev.name === 'CoreShowChannel');
}
