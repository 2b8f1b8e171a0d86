/**
 * Asks the PBX when it started. Null when it cannot tell (the action failed or timed out, the user lacks the right,
 * an old or odd PBX left the fields out): the caller then falls back to FullyBooted's Uptime.
 */
export async function readCoreStatus(client, timeoutMs) {
    let fields;
    try {
        const result = await client.action('CoreStatus', {}, timeoutMs === undefined ? {} : { timeoutMs });
        fields = result.response.fields;
    }
    catch {
        return null;
    }
    const date = fields['corestartupdate'] ?? '';
    const time = fields['corestartuptime'] ?? '';
    if (date === '' && time === '')
        return null;
    const reloadDate = fields['corereloaddate'] ?? '';
    const reloadTime = fields['corereloadtime'] ?? '';
    const calls = Number(fields['corecurrentcalls']);
    return {
        startup: `${date} ${time}`,
        reload: reloadDate === '' && reloadTime === '' ? null : `${reloadDate} ${reloadTime}`,
        currentCalls: fields['corecurrentcalls'] !== undefined && Number.isInteger(calls) ? calls : null,
    };
}
