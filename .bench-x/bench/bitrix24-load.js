import { sleep } from '../harness/poll.js';
export const EXTENSIONS = Array.from({ length: 20 }, (_, i) => String(201 + i));
export const userOf = (ext) => String(10 + EXTENSIONS.indexOf(ext));
/** An answered inbound call with real times; `rang` rings at once (two operators: a queue call). */
export function answeredCallEvents(id, phone, rang, startedAtMs, t) {
    const answerer = rang[0] ?? '201';
    const answeredAtMs = startedAtMs + t.ringMs;
    const endedAtMs = answeredAtMs + t.talkMs;
    const ringing = rang.map((target) => ({ target, startedAtMs, endedAtMs: null, outcome: 'ringing' }));
    const base = {
        id, linkedIds: [id], direction: 'inbound', externalNumber: phone, line: '74950000000', callerExtension: null,
        startedAtMs, rang: ringing, answeredBy: null, answeredAtMs: null, transfers: [], queue: rang.length > 1 ? 'sales' : null, endedAtMs: null,
        ringDurationSec: null, talkDurationSec: null, disposition: null, hangupCause: null, crmCallId: null, recordingFile: null, recordingFiles: [],
    };
    const answered = {
        ...base, answeredBy: answerer, answeredAtMs,
        rang: ringing.map((r) => ({ ...r, endedAtMs: answeredAtMs, outcome: r.target === answerer ? 'answered' : 'cancelled' })),
    };
    const ended = {
        ...answered, endedAtMs, ringDurationSec: t.ringMs / 1000, talkDurationSec: t.talkMs / 1000, disposition: 'answered', hangupCause: 16,
    };
    return [
        { stage: 'ringing', seq: 0, atMs: startedAtMs, call: base, ringingTargets: [...rang] },
        { stage: 'answered', seq: 1, atMs: answeredAtMs, call: answered },
        { stage: 'ended', seq: 2, atMs: endedAtMs, call: ended, endReason: 'hangup' },
    ];
}
/** A known client: a contact with this phone, owned by the operator the call rings first. */
export function seedContact(emu, phone, ext) {
    emu.state.entities.push({ kind: 'CONTACT', id: emu.state.newId(), fields: { NAME: 'Client', PHONE: [{ VALUE: phone, VALUE_TYPE: 'WORK' }], ASSIGNED_BY_ID: userOf(ext) } });
}
/** Puts one call's stages on the queue when they happen; resolves after its `ended` is queued. */
export async function playCall(queue, events, sent) {
    for (const ev of events) {
        const wait = ev.atMs - Date.now();
        if (wait > 0)
            await sleep(wait);
        await queue.add([ev]);
        if (ev.stage === 'ended')
            sent.endedAtMs = Date.now();
    }
}
export function percentile(sorted, p) {
    if (sorted.length === 0)
        return 0;
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
export function portalView(emu, sent) {
    const byExternal = new Map();
    for (const c of emu.state.registered()) {
        const ext = String(c.params['EXTERNAL_CALL_ID']);
        byExternal.set(ext, [...(byExternal.get(ext) ?? []), { CALL_ID: c.CALL_ID, createdAtMs: c.createdAtMs, finishedAtMs: c.finished?.atMs ?? null }]);
    }
    const cardMs = [];
    const finishMs = [];
    let lost = 0;
    let duplicated = 0;
    for (const call of sent) {
        const regs = byExternal.get(call.id) ?? [];
        duplicated += Math.max(0, regs.length - 1);
        const first = regs[0];
        if (!first) {
            lost += 1;
            continue;
        }
        cardMs.push(first.createdAtMs - call.startedAtMs);
        if (first.finishedAtMs === null || call.endedAtMs === null) {
            lost += 1;
            continue;
        }
        finishMs.push(first.finishedAtMs - call.endedAtMs);
    }
    return { cardMs, finishMs, lost, duplicated, staleCards: staleCardCount(emu, sent) };
}
/** Card pushes logged by the emulator after the hang-up of their call (the emulator logs the order, not times: use finish). */
function staleCardCount(emu, sent) {
    const externalOf = new Map(emu.state.registered().map((c) => [c.CALL_ID, String(c.params['EXTERNAL_CALL_ID'])]));
    const ended = new Map(sent.map((c) => [c.id, c]));
    return emu.state.cards.filter((card) => {
        if (card.action !== 'show' || !card.ok || card.atMs === undefined)
            return false;
        const call = ended.get(externalOf.get(card.callId) ?? '');
        return call?.endedAtMs != null && card.atMs > call.endedAtMs;
    }).length;
}
