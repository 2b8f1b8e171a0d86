import { normalizePhoneNumber } from '../calls/phone-number.js';
import { HttpError } from '../http/http-error.js';
import { InvalidCursorError } from '../journal/call-journal.js';
import { extensionsOf } from '../journal/call-record.js';
import { mustSee, sessionOf } from './console-guard.js';
import { journalRow, JournalRowSchema } from './console-views.js';
import { recordingFile } from './recording-path.js';
const JournalQuerySchema = {
    type: 'object', additionalProperties: false,
    properties: {
        phone: { type: 'string', maxLength: 40 }, extension: { type: 'string', pattern: '^[0-9]{1,9}$' },
        disposition: { type: 'string', enum: ['answered', 'missed', 'busy', 'noanswer', 'failed', 'cancelled'] },
        fromMs: { type: 'integer', minimum: 0 }, toMs: { type: 'integer', minimum: 0 }, cursor: { type: 'string', maxLength: 200 },
        limit: { type: 'integer', minimum: 1, maximum: 200 },
    },
};
const JournalPageSchema = {
    type: 'object', properties: { items: { type: 'array', items: JournalRowSchema }, nextCursor: { type: ['string', 'null'] } },
};
/** The journal page (operators: their own calls; supervisors: anybody's) and recording playback. */
export function consoleJournalRoutes(deps) {
    return async (app) => {
        app.get('/console/api/journal', {
            schema: { summary: 'Console journal: calls by number, operator, date and disposition', operationId: 'consoleJournal', tags: ['console'], querystring: JournalQuerySchema, response: { 200: JournalPageSchema } },
            config: { auth: 'own', console: 'user' },
        }, async (req) => {
            const s = sessionOf(req);
            const q = req.query;
            if (q.extension)
                mustSee(s, q.extension);
            const extension = s.role === 'supervisor' ? q.extension : s.extension;
            let phone;
            if (q.phone) {
                phone = normalizePhoneNumber(q.phone, deps.defaultCountry) ?? undefined;
                if (!phone)
                    throw new HttpError(400, 'invalid_request', 'phone is not a valid phone number');
            }
            const query = {
                limit: q.limit ?? 25, cursor: q.cursor ?? null,
                ...(phone ? { phone } : {}), ...(extension ? { extension } : {}), ...(q.disposition ? { disposition: q.disposition } : {}),
                ...(q.fromMs !== undefined ? { fromMs: q.fromMs } : {}), ...(q.toMs !== undefined ? { toMs: q.toMs } : {}),
            };
            try {
                const page = await deps.journal.list(query);
                const playable = deps.recordings.dir !== null;
                return { items: page.items.map((r) => journalRow(r, (e) => deps.users.nameOf(e), playable)), nextCursor: page.nextCursor };
            }
            catch (err) {
                if (err instanceof InvalidCursorError)
                    throw new HttpError(400, 'invalid_cursor', 'cursor is not one this API returned');
                throw err;
            }
        });
        app.get('/console/recordings/:callId/:index', {
            schema: {
                summary: 'Play a call recording (Range requests)', operationId: 'consoleRecording', tags: ['console'],
                params: { type: 'object', required: ['callId', 'index'], properties: { callId: { type: 'string', pattern: '^[A-Za-z0-9_.~-]{1,128}$' }, index: { type: 'integer', minimum: 0, maximum: 99 } } },
                response: { 200: { description: 'the audio file', type: 'string' }, 206: { description: 'the requested range', type: 'string' } },
            },
            config: { auth: 'own', console: 'user' },
        }, async (req, reply) => {
            const s = sessionOf(req);
            const record = req.params.callId.includes('..') ? null : await deps.journal.get(req.params.callId);
            const pbxPath = record?.recordingFiles[req.params.index];
            if (!record || pbxPath === undefined)
                throw new HttpError(404, 'not_found', 'no such recording');
            if (s.role !== 'supervisor' && !extensionsOf(record).includes(s.extension))
                throw new HttpError(403, 'forbidden', 'operators hear their own calls only');
            const file = await recordingFile(pbxPath, deps.recordings);
            if (!file)
                throw new HttpError(404, 'not_found', 'the recording file is not available');
            void reply.header('cache-control', 'private, max-age=3600');
            return reply.sendFile(file.relative, file.root, { dotfiles: 'deny', cacheControl: false });
        });
    };
}
