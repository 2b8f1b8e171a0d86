let counter = 0;
const T0 = 1_700_000_000_000;
/**
 * A call snapshot with sensible defaults: a fresh id, inbound from +74951234567 on line 74950000000. `recordingFile`
 * and `recordingFiles` follow each other (the single field is the first of the list) unless both are given.
 */
export function aCall(given = {}) {
    counter += 1;
    const overrides = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    const id = overrides.id ?? `${T0 / 1000 + counter}.${counter}`;
    const recordingFiles = overrides.recordingFiles ?? (overrides.recordingFile ? [overrides.recordingFile] : []);
    return {
        id, linkedIds: [id], direction: 'inbound', externalNumber: '+74951234567', line: '74950000000', callerExtension: null,
        startedAtMs: T0, rang: [], answeredBy: null, answeredAtMs: null, transfers: [], queue: null, endedAtMs: null,
        ringDurationSec: null, talkDurationSec: null, disposition: null, hangupCause: null, crmCallId: null,
        ...overrides, recordingFile: overrides.recordingFile ?? recordingFiles[0] ?? null, recordingFiles,
    };
}
export function aRing(target, startedAtMs = T0 + 1000, outcome = 'ringing', endedAtMs = null) {
    return { target, startedAtMs, endedAtMs, outcome };
}
export function aCallEvent(stage, call, seq = 0, extra = {}) {
    return { stage, seq, atMs: call.endedAtMs ?? call.answeredAtMs ?? call.startedAtMs, call, ...extra };
}
function ended(ringing, outcome, atMs) {
    return ringing.map((r) => ({ ...r, outcome: outcome(r), endedAtMs: atMs }));
}
/** Inbound, rings `rang` at once (a queue when `queue` is set), `answeredBy` answers after 5 s, talk 60 s. */
/** `phone: null`: an anonymous caller. */
export function inboundAnsweredEvents(o = {}) {
    const rangTargets = o.rang ?? ['201'];
    const answerer = o.answeredBy ?? rangTargets[0] ?? '201';
    const base = aCall({ id: o.id, externalNumber: o.phone === undefined ? '+74951234567' : o.phone, queue: o.queue ?? null, recordingFile: o.recordingFile ?? undefined, recordingFiles: o.recordingFiles });
    const ringing = rangTargets.map((t) => aRing(t, T0 + 1000));
    const answeredAtMs = T0 + 6000;
    const answeredRang = ended(ringing, (r) => (r.target === answerer ? 'answered' : 'cancelled'), answeredAtMs);
    const c1 = { ...base, rang: ringing };
    const c2 = { ...base, rang: answeredRang, answeredBy: answerer, answeredAtMs };
    const c3 = { ...c2, endedAtMs: answeredAtMs + 60_000, ringDurationSec: 6, talkDurationSec: 60, disposition: 'answered', hangupCause: 16 };
    return [
        aCallEvent('ringing', c1, 0, { ringingTargets: rangTargets, atMs: T0 + 1000 }),
        aCallEvent('answered', c2, 1, { atMs: answeredAtMs }),
        aCallEvent('ended', c3, 2, { atMs: c3.endedAtMs ?? 0, endReason: 'hangup' }),
    ];
}
/** Inbound, rings `rang`, nobody answers; the caller hangs up after 20 s. `phone: null`: an anonymous caller. */
export function inboundMissedEvents(o = {}) {
    const rangTargets = o.rang ?? ['201'];
    const base = aCall({ id: o.id, externalNumber: o.phone === undefined ? '+74951234568' : o.phone, queue: o.queue ?? null });
    const ringing = rangTargets.map((t) => aRing(t, T0 + 1000));
    const endedAtMs = T0 + 20_000;
    const c3 = { ...base, rang: ended(ringing, () => 'cancelled', endedAtMs), endedAtMs, ringDurationSec: 20, talkDurationSec: 0, disposition: 'missed', hangupCause: 16 };
    return [
        aCallEvent('ringing', { ...base, rang: ringing }, 0, { ringingTargets: rangTargets, atMs: T0 + 1000 }),
        aCallEvent('ended', c3, 1, { atMs: endedAtMs, endReason: 'hangup' }),
    ];
}
/** Outbound from `callerExtension` to `phone`, answered, talk 30 s. */
export function outboundAnsweredEvents(o = {}) {
    const phone = o.phone ?? '+74957654321';
    const base = aCall({ id: o.id, direction: 'outbound', externalNumber: phone, line: null, callerExtension: o.callerExtension ?? '202', crmCallId: o.crmCallId ?? null, recordingFile: o.recordingFile ?? null });
    const ring = aRing(phone, T0 + 500);
    const answeredAtMs = T0 + 8000;
    const c2 = { ...base, rang: [{ ...ring, outcome: 'answered', endedAtMs: answeredAtMs }], answeredBy: phone, answeredAtMs };
    const c3 = { ...c2, endedAtMs: answeredAtMs + 30_000, ringDurationSec: 8, talkDurationSec: 30, disposition: 'answered', hangupCause: 16 };
    return [
        aCallEvent('ringing', { ...base, rang: [ring] }, 0, { ringingTargets: [phone], atMs: T0 + 500 }),
        aCallEvent('answered', c2, 1, { atMs: answeredAtMs }),
        aCallEvent('ended', c3, 2, { atMs: c3.endedAtMs ?? 0, endReason: 'hangup' }),
    ];
}
/** Internal call 201 → 202, answered. */
export function internalCallEvents(o = {}) {
    const base = aCall({ id: o.id, direction: 'internal', externalNumber: null, line: null, callerExtension: '201' });
    const c2 = { ...base, rang: [aRing('202', T0 + 500, 'answered', T0 + 3000)], answeredBy: '202', answeredAtMs: T0 + 3000, endedAtMs: T0 + 13_000, talkDurationSec: 10, ringDurationSec: 3, disposition: 'answered' };
    return [aCallEvent('ringing', { ...base, rang: [aRing('202', T0 + 500)] }, 0, { ringingTargets: ['202'] }), aCallEvent('ended', c2, 1)];
}
/** Inbound to 201, answered, blind-transferred to 202 who answers (the tracker keeps answeredBy = 201). */
export function blindTransferEvents(o = {}) {
    const base = aCall({ id: o.id, externalNumber: o.phone ?? '+74951234569' });
    const r201 = aRing('201', T0 + 1000);
    const c1 = { ...base, rang: [r201] };
    const c2 = { ...base, rang: [{ ...r201, outcome: 'answered', endedAtMs: T0 + 3000 }], answeredBy: '201', answeredAtMs: T0 + 3000 };
    const transfer = { kind: 'blind', fromExtension: '201', toTarget: '202', atMs: T0 + 10_000 };
    const c3 = { ...c2, transfers: [transfer] };
    const r202 = aRing('202', T0 + 10_000);
    const c4 = { ...c3, rang: [...c2.rang, r202] };
    const c5 = { ...c4, rang: [...c2.rang, { ...r202, outcome: 'answered', endedAtMs: T0 + 12_000 }], endedAtMs: T0 + 40_000, ringDurationSec: 2, talkDurationSec: 37, disposition: 'answered', hangupCause: 16 };
    return [
        aCallEvent('ringing', c1, 0, { ringingTargets: ['201'] }), aCallEvent('answered', c2, 1), aCallEvent('transferred', c3, 2, { atMs: T0 + 10_000 }),
        aCallEvent('ringing', c4, 3, { ringingTargets: ['202'], atMs: T0 + 10_000 }), aCallEvent('ended', c5, 4),
    ];
}
