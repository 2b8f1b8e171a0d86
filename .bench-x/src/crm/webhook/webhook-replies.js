import { z } from 'zod';
import { PermanentError } from '../../errors.js';
const Id = z.union([z.string().min(1), z.number()]).transform(String);
const Kind = z.enum(['contact', 'company', 'lead', 'deal']);
const Entity = z.object({ kind: Kind, id: Id });
const Text = z.string().nullish().transform((s) => s ?? null);
const ContactFound = z.object({
    found: z.literal(true).optional(),
    entity: Entity,
    name: Text,
    responsibleExtension: Text,
    openWork: z.array(Entity).default([]),
    /** Client data for the routing rules: `{"segment": "b2b", "vip": true, "languages": ["en", "de"]}`. */
    fields: z.record(z.string(), z.unknown()).optional(),
    tags: z.array(z.unknown()).optional(),
});
const scalar = (v) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);
/** Strings, numbers and booleans (or lists of them) are kept as text; anything else (objects, null) is left out. */
function clientOf(fields, tags) {
    if (fields === undefined && tags === undefined)
        return null;
    const out = {};
    for (const [k, v] of Object.entries(fields ?? {})) {
        if (Array.isArray(v))
            out[k] = v.map(scalar).filter((x) => x !== null);
        else if (scalar(v) !== null)
            out[k] = scalar(v) ?? '';
    }
    return { fields: out, tags: (tags ?? []).map(scalar).filter((x) => x !== null) };
}
const Registered = z.object({ crmCallId: Id.optional(), entity: Entity.nullish() }).passthrough();
const Created = z.union([z.object({ entity: Entity }), z.object({ id: Id })]);
const ResponsibleFound = z.object({ found: z.literal(true).optional(), extension: z.string().min(1), userId: Text, name: Text });
const UserFound = z.object({ found: z.literal(true).optional(), extension: z.string().min(1) });
function isNotFound(body) {
    return body === null || body === undefined || body === '' || (typeof body === 'object' && 'found' in body && body.found === false);
}
function badReply(type, err) {
    const where = err.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`).join('; ');
    return new PermanentError(`webhook receiver answered ${type} with an unexpected body (${where}); see docs/webhook.md for the reply shapes`);
}
/** `contact.lookup` reply: `{found:false}` (or 404) = unknown; else the match. */
export function parseContactReply(body) {
    if (isNotFound(body))
        return null;
    const r = ContactFound.safeParse(body);
    if (!r.success)
        throw badReply('contact.lookup', r.error);
    const client = clientOf(r.data.fields, r.data.tags);
    return {
        entity: r.data.entity, name: r.data.name, responsibleExtension: r.data.responsibleExtension, openWork: r.data.openWork,
        ...(client ? { client } : {}),
    };
}
/** `call.registered` reply: the receiver's own call id and entity, both optional. */
export function parseRegisteredReply(body, fallback) {
    const r = Registered.safeParse(body ?? {});
    if (!r.success || typeof body !== 'object')
        return fallback;
    return { callId: fallback.callId, crmCallId: r.data.crmCallId ?? fallback.crmCallId, entity: r.data.entity ?? fallback.entity };
}
/** `entity.create` reply: `{entity:{kind,id}}` or `{id}` (the kind asked for). */
export function parseCreatedReply(body, kind) {
    const r = Created.safeParse(body);
    if (!r.success)
        throw badReply('entity.create', r.error);
    return 'entity' in r.data ? r.data.entity : { kind, id: r.data.id };
}
export function parseResponsibleReply(body) {
    if (isNotFound(body))
        return null;
    const r = ResponsibleFound.safeParse(body);
    if (!r.success)
        throw badReply('responsible.lookup', r.error);
    return { extension: r.data.extension, userId: r.data.userId, name: r.data.name };
}
export function parseUserReply(body) {
    if (isNotFound(body))
        return null;
    const r = UserFound.safeParse(body);
    if (!r.success)
        throw badReply('user.lookup', r.error);
    return r.data.extension;
}
