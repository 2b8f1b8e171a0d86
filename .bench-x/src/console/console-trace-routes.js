import { HttpError } from '../http/http-error.js';
import { extensionsOf } from '../journal/call-record.js';
import { sessionOf } from './console-guard.js';
import { journalRow, JournalRowSchema } from './console-views.js';
const Entry = { type: 'object', additionalProperties: true, properties: { kind: { type: 'string' }, atMs: { type: 'number' } } };
const CallPage = {
    type: 'object', required: ['call', 'trace'],
    properties: {
        call: JournalRowSchema,
        trace: {
            type: ['object', 'null'],
            properties: { callId: { type: 'string' }, mergedFrom: { type: 'array', items: { type: 'string' } }, amiEvents: { type: 'array', items: Entry }, decisions: { type: 'array', items: Entry } },
        },
    },
};
/** GET /console/api/calls/:id: one journaled call and its trace for the call's page (operators: calls they were on). */
export function consoleTraceRoutes(deps) {
    return async (app) => {
        app.get('/console/api/calls/:id', {
            schema: {
                summary: 'Console call page: the journaled call and its trace', operationId: 'consoleCallPage', tags: ['console'],
                params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._~-]+$' } } },
                response: { 200: CallPage },
            },
            config: { auth: 'own', console: 'user' },
        }, async (req) => {
            const s = sessionOf(req);
            const record = await deps.journal.get(req.params.id);
            if (!record)
                throw new HttpError(404, 'not_found', 'no such call in the journal');
            if (s.role !== 'supervisor' && !extensionsOf(record).includes(s.extension))
                throw new HttpError(403, 'forbidden', 'operators see their own calls only');
            return { call: journalRow(record, (e) => deps.users.nameOf(e), deps.playable), trace: await deps.traces.read(record.id) };
        });
    };
}
