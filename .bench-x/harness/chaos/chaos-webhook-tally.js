import { recordingsOf } from '../../src/calls/recording-files.js';
import { currentAgent, isMissedInbound } from '../../src/sync/responsible-policy.js';
const STAGES = ['call.registered', 'call.finished', 'call.recording', 'task.create'];
/** Delivery ids applied per stage type, for each call id. */
function stagesByCall(deliveries) {
    const out = new Map();
    for (const d of deliveries) {
        const callId = typeof d.data['callId'] === 'string' ? d.data['callId'] : null;
        if (d.duplicate || callId === null || !STAGES.includes(d.type))
            continue;
        const stages = out.get(callId) ?? new Map();
        const ids = stages.get(d.type) ?? new Set();
        ids.add(d.id);
        stages.set(d.type, ids);
        out.set(callId, stages);
    }
    return out;
}
/** The operator the CRM must show: who placed an outbound call; who has the caller of an answered inbound one. */
function expectedOperator(call) {
    if (call.direction === 'outbound')
        return call.callerExtension;
    return call.answeredAtMs === null ? null : currentAgent(call);
}
/** What of the finish differs from the truth. */
function outcomeProblems(call, finished) {
    const problems = [];
    if (finished['disposition'] !== call.disposition)
        problems.push(`disposition: ${String(finished['disposition'])} != ${String(call.disposition)}`);
    const operator = expectedOperator(call);
    if (operator !== null && finished['extension'] !== operator)
        problems.push(`operator: ${String(finished['extension'])} != ${operator}`);
    const talk = Number(finished['talkDurationSec']);
    const truth = call.talkDurationSec ?? 0;
    if (finished['answerUnobserved'] !== true && !(Math.abs(talk - truth) <= 1))
        problems.push(`talk: ${talk} s != ${truth} s`);
    return problems;
}
/** Stages a call must have beyond register and finish: one per recording, the call-back task of a missed inbound call. */
function missingStages(call, stages) {
    const recordings = stages.get('call.recording')?.size ?? 0;
    const expected = recordingsOf(call).length;
    const out = recordings < expected ? [`recordings ${recordings}/${expected}`] : [];
    if (isMissedInbound(call) && (stages.get('task.create')?.size ?? 0) === 0)
        out.push('call-back task');
    return out;
}
function isDuplicated(call, stages) {
    const count = (type) => stages.get(type)?.size ?? 0;
    return count('call.registered') > 1 || count('call.finished') > 1 || count('task.create') > 1 || count('call.recording') > recordingsOf(call).length;
}
export function countWebhookDeliveries(schedule, deliveries, begunUnseen = new Set(), handoverUnseen = new Set()) {
    const byCall = stagesByCall(deliveries);
    const finishedOf = new Map();
    for (const d of deliveries) {
        const callId = d.data['callId'];
        if (d.type === 'call.finished' && !d.duplicate && typeof callId === 'string' && !finishedOf.has(callId))
            finishedOf.set(callId, d.data);
    }
    const lostIds = [];
    const missing = [];
    const duplicatedIds = [];
    const wrong = [];
    let delivered = 0;
    let unobserved = 0;
    let recordingsUnseen = 0;
    let handoversUnseen = 0;
    for (const [id, call] of schedule.expected) {
        const stages = byCall.get(id) ?? new Map();
        const finished = finishedOf.get(id);
        const unseenEnd = finished?.['endedUnobserved'] === true;
        if (unseenEnd)
            unobserved += 1;
        const dup = isDuplicated(call, stages);
        if (dup)
            duplicatedIds.push(id);
        // a call whose end or answer was unseen may lack what happened then (a recording, the task of a guessed miss)
        let gaps = finished === undefined ? ['call.finished'] : unseenEnd || finished['answerUnobserved'] === true ? [] : missingStages(call, stages);
        if (begunUnseen.has(id) && gaps.some((g) => g.startsWith('recordings'))) {
            recordingsUnseen += 1;
            gaps = gaps.filter((g) => !g.startsWith('recordings'));
        }
        if (gaps.length > 0) {
            lostIds.push(id);
            missing.push(...gaps.map((g) => `${id} ${g}`));
        }
        else if (!dup)
            delivered += 1;
        if (finished === undefined || unseenEnd)
            continue;
        const problems = outcomeProblems(call, finished);
        const seenOperator = handoverUnseen.has(id) ? problems.filter((p) => !p.startsWith('operator:')) : problems;
        if (seenOperator.length < problems.length)
            handoversUnseen += 1;
        for (const p of seenOperator)
            wrong.push(`${id} ${p}`);
    }
    const extra = [...byCall.keys()].filter((id) => !schedule.expected.has(id) && byCall.get(id)?.has('call.registered')).length;
    return {
        sent: schedule.callsSent, expected: schedule.expected.size, delivered, lost: lostIds.length, duplicated: duplicatedIds.length,
        wrongOutcome: new Set(wrong.map((w) => w.split(' ')[0])).size, unobserved, extra,
        redelivered: deliveries.filter((d) => d.duplicate).length, recordingsUnseen, handoversUnseen, lostIds, missing, duplicatedIds, wrong,
    };
}
const inDark = (dark, frame) => dark.some(([a, b]) => frame >= a && frame < b);
/** Never registered, and its last frame fell where no daemon read the PBX: nothing could have seen it (`invisible`). */
export function neverRegistered(schedule, dark, deliveries, id) {
    const w = schedule.windows.get(id);
    const registered = deliveries.some((d) => d.type === 'call.registered' && d.data['callId'] === id);
    return w !== undefined && !registered && inDark(dark, w.lastFrame);
}
/** Calls that changed hands (a transfer, its target answering) where no daemon read the PBX. */
export function handoverUnseen(schedule, dark) {
    return new Set([...schedule.windows].filter(([, w]) => w.handoverFrames.some((f) => inDark(dark, f))).map(([id]) => id));
}
/** Calls whose first frame fell where no daemon read the PBX: a resync picked them up. */
export function begunUnseen(schedule, dark) {
    return new Set([...schedule.windows].filter(([, w]) => inDark(dark, w.firstFrame)).map(([id]) => id));
}
