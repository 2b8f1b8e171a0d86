import { PermanentError } from '../errors.js';
import { parseReportTime } from '../journal/report-period.js';
/** The local day before the one `nowMs` falls in (in tz), and its bounds [fromMs, toMs). */
export function previousDay(nowMs, tz) {
    const parts = {};
    for (const p of new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(nowMs)))
        parts[p.type] = p.value;
    const today = `${parts['year']}-${parts['month']}-${parts['day']}`;
    const day = new Date(Date.UTC(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']) - 1)).toISOString().slice(0, 10);
    const fromMs = parseReportTime(day, tz);
    const toMs = parseReportTime(today, tz);
    if (fromMs === null || toMs === null)
        throw new Error(`no local day for ${tz}`); // both are dates this function wrote
    return { day, fromMs, toMs };
}
/** The bounds [fromMs, toMs) of the local day `day` (YYYY-MM-DD) in tz. */
export function dayBounds(day, tz) {
    const [y = NaN, m = NaN, d = NaN] = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day.split('-').map(Number) : [];
    if (Number.isNaN(y))
        throw new PermanentError(`daily report job with a bad day ${JSON.stringify(day)} (YYYY-MM-DD expected)`);
    const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
    const fromMs = parseReportTime(day, tz);
    const toMs = parseReportTime(next, tz);
    if (fromMs === null || toMs === null)
        throw new Error(`no local day ${day} in ${tz}`);
    return { fromMs, toMs };
}
const COLUMNS = [
    ['inbound', 'Inbound'], ['answered', 'Answered'], ['missed', 'Missed'], ['missedOpen', 'Not called back'], ['outbound', 'Outbound'],
    ['talkSec', 'Talk, s'], ['answerWaitMeanSec', 'Answer wait mean, s'], ['answerWaitP90Sec', 'Answer wait p90, s'], ['answeredWithinShare', 'Answered in time'],
];
function cell(key, v) {
    if (v === null || v === undefined)
        return '–';
    return key === 'answeredWithinShare' && typeof v === 'number' ? `${Math.round(v * 100)}%` : String(v);
}
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function textTable(t) {
    const head = [t.first, ...COLUMNS.map(([, h]) => h)];
    const body = t.rows.map(({ label, row }) => [label, ...COLUMNS.map(([k]) => cell(k, row[k]))]);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
    const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
    return [t.title, line(head), ...(body.length ? body.map(line) : ['(no calls)']), ''];
}
function htmlTable(t) {
    const th = [t.first, ...COLUMNS.map(([, h]) => h)].map((h) => `<th style="text-align:left;padding:4px 8px;border-bottom:1px solid #ccc">${escapeHtml(h)}</th>`).join('');
    const td = (v) => `<td style="padding:4px 8px;border-bottom:1px solid #eee">${escapeHtml(v)}</td>`;
    const rows = t.rows.map(({ label, row }) => `<tr>${td(label)}${COLUMNS.map(([k]) => td(cell(k, row[k]))).join('')}</tr>`).join('');
    return `<h3>${escapeHtml(t.title)}</h3><table style="border-collapse:collapse"><thead><tr>${th}</tr></thead><tbody>${rows || `<tr>${td('(no calls)')}</tr>`}</tbody></table>`;
}
/** The daily report: per operator (the journal's agent) and per line, the same figures as /v1/reports, as text and HTML. */
export function dailyReportMessage(day, tz, operators, lines) {
    const total = (key, rows) => rows.reduce((n, r) => n + (typeof r[key] === 'number' ? r[key] : 0), 0);
    const tables = [
        { title: 'Per operator', first: 'Operator', rows: operators.map((r) => ({ label: r['name'] ? `${String(r['name'])} (${String(r['extension'])})` : String(r['extension']), row: r })) },
        { title: 'Per line', first: 'Line', rows: lines.map((r) => ({ label: String(r['line']), row: r })) },
    ];
    const summary = `Calls on ${day} (${tz}): ${total('inbound', lines)} inbound, ${total('answered', lines)} answered, ${total('missed', lines)} missed, ${total('outbound', lines)} outbound.`;
    return {
        subject: `Call report ${day}`,
        text: [summary, '', ...tables.flatMap(textTable)].join('\n').trimEnd(),
        html: `<p>${escapeHtml(summary)}</p>${tables.map(htmlTable).join('')}`,
    };
}
