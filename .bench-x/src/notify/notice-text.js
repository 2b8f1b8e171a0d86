/** 2026-11-23 09:02 in `timeZone`. */
export function localTime(atMs, timeZone) {
    const parts = {};
    const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (const p of format.formatToParts(new Date(atMs)))
        parts[p.type] = p.value;
    return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}
const caller = (n) => n.phone ?? 'anonymous (number withheld)';
function lines(n, timeZone) {
    return [
        `Number: ${caller(n)}`,
        `Client: ${n.client ?? 'unknown'}`,
        `Line: ${n.line ?? 'unknown'}`,
        `When: ${localTime(n.atMs, timeZone)} (${timeZone})${n.outOfHours ? ', out of working hours' : ''}`,
        `Rang: ${n.rangSec} s`,
        `Rang at: ${n.rang.length > 0 ? n.rang.join(', ') : 'nobody'}`,
        `Owner: ${n.owner ?? 'nobody'}`,
        ...(n.phone === null ? ['The caller withheld the number: it cannot be called back.'] : []),
        ...(n.link ? [`Open: ${n.link}`] : []),
    ];
}
/** The message about one missed call. */
export function missedMessage(n, timeZone) {
    const who = n.client ? `${caller(n)} (${n.client})` : caller(n);
    return { subject: `Missed call from ${who}`, text: [`Missed call (call ${n.callId})`, ...lines(n, timeZone)].join('\n') };
}
/** Several missed calls in one mail (NOTIFY_DIGEST_MINUTES, or an address over its hourly limit). */
export function digestMessage(notices, timeZone) {
    const blocks = notices.map((n, i) => [`${i + 1}. Missed call (call ${n.callId})`, ...lines(n, timeZone).map((l) => `   ${l}`)].join('\n'));
    return { subject: `${notices.length} missed call${notices.length === 1 ? '' : 's'}`, text: blocks.join('\n\n') };
}
/** The supervisor's mail about a missed call nobody called back within its deadline. */
export function escalationMessage(n, afterMin, timeZone) {
    return {
        subject: `Not called back for ${afterMin} min: ${caller(n)}`,
        text: [`Nobody called this client back within ${afterMin} minutes (call ${n.callId})`, ...lines(n, timeZone)].join('\n'),
    };
}
/** The daily summary (NOTIFY_DAILY_SUMMARY_AT): the day's missed calls and the ones still open. */
export function summaryMessage(f, timeZone) {
    const head = [
        `Missed calls in the 24 hours to ${f.day}: ${f.missed}`, `Called back: ${f.calledBack}`, `Still open: ${f.open.length}`,
        `Short abandons (not counted above): ${f.shortAbandons}`,
    ];
    const open = f.open.map((n) => `- ${localTime(n.atMs, timeZone)} ${caller(n)}${n.client ? ` (${n.client})` : ''}, line ${n.line ?? '?'}, owner ${n.owner ?? 'nobody'}`);
    return { subject: `Missed calls ${f.day}: ${f.missed}, ${f.open.length} open`, text: [...head, ...(open.length ? ['', 'Open:', ...open] : [])].join('\n') };
}
