import { createHash, randomUUID } from 'node:crypto';
const iso = (ms) => (ms === null ? null : new Date(ms).toISOString());
const digest = (text) => createHash('sha256').update(text).digest('hex').slice(0, 24);
const refData = (ref) => ({ callId: ref.callId, crmCallId: ref.crmCallId, entity: ref.entity });
/** `showTo`: extensions that should see the call card right away (empty without the callCard capability: the adapter has no card part). */
export function callRegistered(call, showTo) {
    return {
        type: 'call.registered', id: `call.registered:${call.callId}`,
        data: {
            callId: call.callId, direction: call.direction, phone: call.phone, line: call.line, startedAt: iso(call.startedAtMs),
            extension: call.extension, entity: call.entity, crmCallId: call.crmCallId, isCallback: call.isCallback,
            showTo: [...new Set(showTo)].sort(),
        },
    };
}
export function callCard(ref, action, extensions) {
    const sorted = [...new Set(extensions)].sort();
    return { type: 'call.card', id: `call.card:${ref.callId}:${action}:${sorted.join(',')}`, data: { ...refData(ref), action, extensions: sorted } };
}
export function callResponsible(ref, extension) {
    return { type: 'call.responsible', id: `call.responsible:${ref.callId}:${extension}`, data: { ...refData(ref), extension } };
}
export function callFinished(ref, end) {
    return {
        type: 'call.finished', id: `call.finished:${ref.callId}`,
        data: {
            ...refData(ref), direction: end.direction, phone: end.phone, line: end.line, extension: end.extension,
            disposition: end.disposition, hangupCause: end.hangupCause, talkDurationSec: end.talkDurationSec,
            startedAt: iso(end.startedAtMs), answeredAt: iso(end.answeredAtMs), endedAt: iso(end.endedAtMs), recording: end.recordingFile,
            recordings: end.recordingFiles,
            ...(end.endedUnobserved === true ? { endedUnobserved: true, endReason: end.endReason ?? null } : {}),
            ...(end.answerUnobserved === true ? { answerUnobserved: true } : {}),
        },
    };
}
/** One delivery per recording: `index` counts from 0 in start order, `count` is how many the call has. */
export function callRecording(ref, file, index = 0, count = 1) {
    return { type: 'call.recording', id: `call.recording:${ref.callId}:${digest(file)}`, data: { ...refData(ref), file, index, count } };
}
export function taskCreate(ref, task) {
    return {
        type: 'task.create', id: `task.create:${task.callId}`,
        data: {
            ...refData(ref), phone: task.phone, responsibleExtension: task.responsibleExtension,
            entity: task.entity ?? ref.entity, dueAt: iso(task.dueAtMs), title: task.title,
        },
    };
}
/** The missed call was called back (or closed by hand): its `task.create` task is done. */
export function missedClosed(ref, closed) {
    return {
        type: 'missed.closed', id: `missed.closed:${closed.callId}`,
        data: {
            ...refData(ref), phone: closed.phone, closedAt: iso(closed.atMs), by: closed.by,
            byCallId: closed.byCallId === 'manual' ? null : closed.byCallId, manual: closed.byCallId === 'manual',
        },
    };
}
export function entityCreate(entity) {
    const key = [entity.kind, entity.phone, entity.contact?.kind ?? '-', entity.contact?.id ?? '-', entity.title].join('|');
    return {
        type: 'entity.create', id: `entity.create:${digest(key)}`,
        data: {
            kind: entity.kind, phone: entity.phone, title: entity.title, responsibleExtension: entity.responsibleExtension,
            contact: entity.contact, source: entity.source,
        },
    };
}
/** Lookups are reads: each request gets a fresh id, so a receiver never answers one from a cached earlier reply. */
export function lookup(type, data) {
    return { type, id: `${type}:${randomUUID()}`, data };
}
