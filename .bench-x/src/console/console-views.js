import { displayPhone } from './phone-display.js';
export function journalRow(r, nameOf, playable) {
    const number = r.externalNumber ?? r.callerExtension ?? '';
    return {
        id: r.id, startedAtMs: r.startedAtMs, direction: r.direction, number: displayPhone(number), numberE164: r.externalNumber,
        line: r.line ? displayPhone(r.line) : null, queue: r.queue, agent: r.agent, agentName: r.agent ? nameOf(r.agent) : null,
        disposition: r.disposition, ringDurationSec: r.ringDurationSec, talkDurationSec: r.talkDurationSec,
        recordings: playable ? r.recordingFiles.map((_, i) => `/console/recordings/${encodeURIComponent(r.id)}/${i}`) : [],
    };
}
export const JournalRowSchema = {
    type: 'object',
    properties: {
        id: { type: 'string' }, startedAtMs: { type: 'number' }, direction: { type: 'string' }, number: { type: 'string' },
        numberE164: { type: ['string', 'null'] }, line: { type: ['string', 'null'] }, queue: { type: ['string', 'null'] },
        agent: { type: ['string', 'null'] }, agentName: { type: ['string', 'null'] }, disposition: { type: ['string', 'null'] },
        ringDurationSec: { type: ['number', 'null'] }, talkDurationSec: { type: ['number', 'null'] },
        recordings: { type: 'array', items: { type: 'string' } }, done: { type: 'boolean' },
    },
};
