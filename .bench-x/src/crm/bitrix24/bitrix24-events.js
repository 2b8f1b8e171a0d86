import { createHash, timingSafeEqual } from 'node:crypto';
import { formValue, parseBitrixForm } from './bitrix24-form.js';
/** Path of the handler to bind in Bitrix24 (no bearer token: the route checks the application_token itself). */
export const BITRIX24_EVENTS_PATH = '/v1/crm/bitrix24/events';
/**
 * POST /v1/crm/bitrix24/events: Bitrix24's form-encoded ONEXTERNALCALLSTART (ring USER_ID's extension, then dial
 * PHONE_NUMBER, carrying the CALL_ID Bitrix24 already registered as `__CRM_CALL_ID`, so the sync finishes that call
 * instead of registering a second one) and ONEXTERNALCALLBACKSTART (ring the responsible or the callback extension,
 * marked `__CRM_CALLBACK=1`). Authenticated by `auth[application_token]`, not by the bearer token.
 */
export function bitrix24EventRoutes(settings, kit) {
    const log = kit.log.child({ component: 'bitrix24-events' });
    return async (app) => {
        app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
            done(null, parseBitrixForm(typeof body === 'string' ? body : body.toString('utf8')));
        });
        const dialer = await kit.dialer(app);
        app.post(BITRIX24_EVENTS_PATH, {
            config: { auth: 'own', rateLimit: dialer.perCaller((req) => req.ip) },
            schema: {
                summary: 'Bitrix24 event handler (ONEXTERNALCALLSTART, ONEXTERNALCALLBACKSTART), authenticated by application_token',
                operationId: 'bitrix24Event', tags: ['crm events'],
                response: {
                    200: {
                        type: 'object', description: 'the call placed, or `ignored` for another event',
                        properties: { callId: { type: 'string' }, extension: { type: 'string' }, ignored: { type: 'boolean' } },
                    },
                },
            },
        }, async (req) => {
            const form = isForm(req.body) ? req.body : parseBitrixForm('');
            const event = formValue(form, 'event').toUpperCase();
            authenticate(form, event, settings, kit);
            if (event === 'ONEXTERNALCALLSTART')
                return callStart(req, form, kit, dialer);
            if (event === 'ONEXTERNALCALLBACKSTART')
                return callbackStart(req, form, settings, kit, dialer);
            log.info({ event }, 'Bitrix24 event ignored');
            return { ignored: true };
        });
    };
}
function isForm(body) {
    return typeof body === 'object' && body !== null && !Array.isArray(body);
}
/** Constant-time comparison of two secrets of any length. */
function secretsEqual(given, expected) {
    const digest = (value) => createHash('sha256').update(value).digest();
    return timingSafeEqual(digest(given), digest(expected));
}
/** Refuses (logged and counted by the app: event and portal domain, never a token) unless the delivery is ours. */
function authenticate(form, event, settings, kit) {
    const given = formValue(form, 'auth', 'application_token');
    const facts = { event: event.slice(0, 64), domain: formValue(form, 'auth', 'domain').slice(0, 253) };
    if (!settings.applicationToken) {
        throw kit.refuse('application_token_unset', 'application_token not accepted (BITRIX24_APPLICATION_TOKEN is not set)', facts);
    }
    if (!given || !secretsEqual(given, settings.applicationToken))
        throw kit.refuse('wrong_application_token', 'application_token not accepted', facts);
    if (settings.memberId && formValue(form, 'auth', 'member_id') !== settings.memberId) {
        throw kit.refuse('wrong_member_id', 'member_id not accepted', facts);
    }
}
async function callStart(req, form, kit, dialer) {
    const crmUserId = formValue(form, 'data', 'USER_ID');
    const crmCallId = formValue(form, 'data', 'CALL_ID');
    if (!crmUserId || !crmCallId)
        throw kit.reject(400, 'invalid_event', 'ONEXTERNALCALLSTART needs data[USER_ID] and data[CALL_ID]');
    return dialer.place(req, { from: { crmUserId }, to: formValue(form, 'data', 'PHONE_NUMBER'), crmCallId });
}
async function callbackStart(req, form, settings, kit, dialer) {
    const to = formValue(form, 'data', 'PHONE_NUMBER');
    const chosen = (await kit.responsibleOf(to)) ?? settings.callbackExtension;
    if (!chosen)
        throw kit.reject(422, 'no_operator', 'no free responsible and no BITRIX24_CALLBACK_EXTENSION to take the callback');
    return dialer.place(req, { from: { extension: chosen }, to, callback: true });
}
