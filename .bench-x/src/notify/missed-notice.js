/** +74951234567 → +7 495 123-45-67 (Russia/Kazakhstan); other numbers as they are. */
export function formatPhone(phone) {
    const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
    return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : phone;
}
function rangSecOf(r) {
    if (r.ringDurationSec !== null)
        return Math.max(0, Math.round(r.ringDurationSec));
    return r.endedAtMs === null ? 0 : Math.max(0, Math.round((r.endedAtMs - r.startedAtMs) / 1000));
}
export function noticeOf(record, client, consoleUrl) {
    const rang = [...new Set([...record.rang].sort((a, b) => a.startedAtMs - b.startedAtMs).map((a) => a.target).filter((t) => /^\d{1,9}$/.test(t)))];
    return {
        callId: record.id, phone: record.externalNumber === null ? null : formatPhone(record.externalNumber), client: client || null,
        line: record.line, atMs: record.startedAtMs, rangSec: rangSecOf(record), rang, owner: record.agent,
        outOfHours: record.outOfHours === true,
        link: consoleUrl === null ? null : `${consoleUrl}/console/missed?call=${encodeURIComponent(record.id)}`,
    };
}
