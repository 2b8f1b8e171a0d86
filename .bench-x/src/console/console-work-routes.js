import { HttpError } from '../http/http-error.js';
import { extensionsOf } from '../journal/call-record.js';
import { concerns } from './card-view.js';
import { sessionOf } from './console-guard.js';
import { journalRow, JournalRowSchema } from './console-views.js';
import { displayPhone } from './phone-display.js';
import { withTimeout } from '../timeout.js';
const CallParams = { type: 'object', required: ['callId'], properties: { callId: { type: 'string', pattern: '^[A-Za-z0-9_.~-]{1,128}$' } } };
const Caller = {
    type: 'object',
    properties: {
        number: { type: 'string' }, name: { type: ['string', 'null'] }, crmUrl: { type: ['string', 'null'] }, crmUnavailable: { type: 'boolean' },
        responsible: { type: ['object', 'null'], properties: { extension: { type: 'string' }, name: { type: 'string' } } },
        lastCalls: { type: 'array', items: JournalRowSchema },
    },
};
function withDeadline(p, ms) {
    return withTimeout(p, ms, () => { throw new Error('timeout'); });
}
/** Caller details of a card, the missed calls with their done flag and call back. */
export function consoleWorkRoutes(deps) {
    const nameOf = (e) => deps.users.nameOf(e);
    return async (app) => {
        app.get('/console/api/calls/:callId/caller', {
            schema: { summary: 'Who calls: the client in the CRM, the responsible person, the last calls', operationId: 'consoleCaller', tags: ['console'], params: CallParams, response: { 200: Caller } },
            config: { auth: 'own', console: 'user' },
        }, async (req) => {
            const s = sessionOf(req);
            const raw = await deps.redis.hget(deps.currentKey, req.params.callId);
            const card = raw ? JSON.parse(raw) : null;
            const record = card ? null : await deps.journal.get(req.params.callId);
            const visible = s.role === 'supervisor' || (card ? concerns(card, s.extension) : record !== null && extensionsOf(record).includes(s.extension));
            const phone = card?.externalNumber ?? record?.externalNumber ?? null;
            if (!visible || (!card && !record))
                throw new HttpError(404, 'not_found', 'no such call');
            if (!phone)
                return { number: '', name: null, crmUrl: null, crmUnavailable: false, responsible: null, lastCalls: [] };
            const [match, history] = await Promise.all([
                withDeadline(deps.crm.findByPhone(phone), deps.crmTimeoutMs ?? 3000).catch((err) => {
                    deps.log.warn({ err, callId: req.params.callId }, 'console: CRM lookup failed');
                    return 'failed';
                }),
                deps.journal.list({ phone, limit: 6, ...(s.role === 'supervisor' ? {} : { extension: s.extension }) }),
            ]);
            const found = match === 'failed' ? null : match;
            const responsible = found?.responsibleExtension ?? null;
            return {
                number: displayPhone(phone), name: found?.name ?? null, crmUrl: found ? deps.crmLink(found.entity) : null, crmUnavailable: match === 'failed',
                responsible: responsible ? { extension: responsible, name: nameOf(responsible) } : null,
                lastCalls: history.items.filter((r) => r.id !== req.params.callId).slice(0, 5).map((r) => journalRow(r, nameOf, deps.playable)),
            };
        });
        app.get('/console/api/missed', {
            schema: {
                summary: 'Missed calls owned by the signed-in operator', operationId: 'consoleMissed', tags: ['console'],
                querystring: { type: 'object', properties: { includeDone: { type: 'boolean' } } },
                response: { 200: { type: 'object', properties: { items: { type: 'array', items: JournalRowSchema } } } },
            },
            config: { auth: 'own', console: 'user' },
        }, async (req) => {
            const s = sessionOf(req);
            const items = await deps.missed.list(s.extension, { limit: 100, includeDone: req.query.includeDone ?? true });
            return { items: items.map((m) => ({ ...journalRow(m.record, nameOf, deps.playable), done: m.done })) };
        });
        app.post('/console/api/missed/:callId/done', {
            schema: {
                summary: 'Mark a missed call done (or not)', operationId: 'consoleMissedDone', tags: ['console'], params: CallParams,
                body: { type: 'object', required: ['done'], additionalProperties: false, properties: { done: { type: 'boolean' } } },
                response: { 200: { type: 'object', properties: { done: { type: 'boolean' } } } },
            },
            config: { auth: 'own', console: 'user' },
        }, async (req) => {
            const s = sessionOf(req);
            if (!(await deps.missed.get(s.extension, req.params.callId)))
                throw new HttpError(404, 'not_found', 'no such missed call of yours');
            await deps.missed.setDone(s.extension, req.params.callId, req.body.done);
            return { done: req.body.done };
        });
        app.post('/console/api/missed/:callId/call-back', {
            schema: {
                summary: 'Call a missed caller back from the operator\'s own phone', operationId: 'consoleCallBack', tags: ['console'], params: CallParams,
                response: { 202: { type: 'object', properties: { callId: { type: 'string' } } } },
            },
            config: { auth: 'own', console: 'user' },
        }, async (req, reply) => {
            const s = sessionOf(req);
            const missed = await deps.missed.get(s.extension, req.params.callId);
            const to = missed?.record.externalNumber;
            if (!missed || !to)
                throw new HttpError(404, 'not_found', 'no such missed call of yours');
            if (!deps.dial)
                throw new HttpError(503, 'ami_unavailable', 'click-to-call is not available');
            const placed = await deps.dial.originator.place(deps.dial.guard.check({ extension: s.extension, to }), { callback: true });
            deps.log.info({ extension: s.extension, missedCallId: req.params.callId, callId: placed.callId }, 'console: call back placed');
            return reply.code(202).send({ callId: placed.callId });
        });
    };
}
