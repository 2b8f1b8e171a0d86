import { sameLine } from '../calls/same-line.js';
function targetRecipients(target, on) {
    if (!target)
        return [];
    const emails = target.email === undefined ? [] : Array.isArray(target.email) ? target.email : [target.email];
    return [
        ...(on.email ? emails.map((address) => ({ channel: 'email', address: address.toLowerCase() })) : []),
        ...(on.telegram && target.telegramChatId ? [{ channel: 'telegram', address: target.telegramChatId }] : []),
    ];
}
/** The rules file's entry for a line (its DIDs in any format), or undefined. */
export function lineTarget(rules, line) {
    if (line === null)
        return undefined;
    return Object.entries(rules.lines).find(([did]) => sameLine(did, line))?.[1];
}
/**
 * Who hears of a missed call: its owner's addresses, the line's addresses in addition, and the Slack webhook once;
 * each address once even when the owner's and the line's overlap.
 */
export function recipientsOf(record, rules, on) {
    const owner = record.agent === null ? undefined : rules.extensions[record.agent];
    const all = [...targetRecipients(owner, on), ...targetRecipients(lineTarget(rules, record.line), on)];
    if (on.slack)
        all.push({ channel: 'slack', address: 'webhook' });
    const seen = new Set();
    return all.filter((r) => !seen.has(`${r.channel}:${r.address}`) && seen.add(`${r.channel}:${r.address}`));
}
/** The supervisor's addresses (escalations, the daily summary). */
export function supervisorRecipients(rules, on) {
    return targetRecipients(rules.supervisor, on);
}
