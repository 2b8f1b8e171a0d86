import { attachRecord, card, EmuError, finish, register, searchCrmEntities } from './bitrix24-emulator-telephony.js';
const KINDS = { contact: 'CONTACT', company: 'COMPANY', lead: 'LEAD', deal: 'DEAL' };
const PAGE = 50;
function obj(v) {
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}
function add(s, kind, p) {
    const id = s.newId();
    s.entities.push({ kind, id, fields: { ...obj(p['fields']), ID: String(id) } });
    return id;
}
function update(s, method, kind, p) {
    const e = s.entity(kind, p['id']);
    if (!e)
        throw new EmuError('NOT_FOUND', 'Not found');
    Object.assign(e.fields, obj(p['fields']));
    s.updates.push({ method, id: String(p['id']), fields: obj(p['fields']) });
    return true;
}
/** The call activity finish wrote (CRM_ACTIVITY_ID) or one added by crm.activity.add; kept in `updates`. */
function updateActivity(s, p) {
    const id = Number(p['id']);
    const known = s.finished().some((c) => c.finished?.activityId === id) || s.activities.some((a) => a.id === id);
    if (!known)
        throw new EmuError('NOT_FOUND', 'Activity not found');
    s.updates.push({ method: 'crm.activity.update', id: String(id), fields: obj(p['fields']) });
    return true;
}
function dealList(s, p) {
    const f = obj(p['filter']);
    const rows = s.entities.filter((e) => e.kind === 'DEAL'
        && (f['CONTACT_ID'] === undefined || String(e.fields['CONTACT_ID']) === String(f['CONTACT_ID']))
        && (f['COMPANY_ID'] === undefined || String(e.fields['COMPANY_ID']) === String(f['COMPANY_ID']))
        && (f['CLOSED'] === undefined || String(e.fields['CLOSED'] ?? 'N') === String(f['CLOSED'])));
    return page(rows.map((e) => ({ ID: String(e.id), ASSIGNED_BY_ID: e.fields['ASSIGNED_BY_ID'] ?? null, STAGE_ID: e.fields['STAGE_ID'] ?? 'NEW' })), p);
}
function page(rows, p) {
    const start = Number(p['start'] ?? 0) || 0;
    const slice = rows.slice(start, start + PAGE);
    return start + PAGE < rows.length ? { result: slice, total: rows.length, next: start + PAGE } : { result: slice, total: rows.length };
}
function userGet(s, p) {
    const f = obj(p['FILTER'] ?? p['filter']);
    const rows = s.users.filter((u) => (f['ACTIVE'] === undefined || String(u.ACTIVE) === String(f['ACTIVE']))
        && (f['UF_PHONE_INNER'] === undefined || u.UF_PHONE_INNER === String(f['UF_PHONE_INNER'])));
    return page(rows, p);
}
function findByComm(s, p) {
    const values = Array.isArray(p['values']) ? p['values'] : [];
    const out = {};
    for (const v of values) {
        for (const e of s.entitiesByPhone(String(v)))
            (out[e.kind] ??= []).push(e.id);
    }
    return Object.keys(out).length === 0 ? [] : out;
}
function activity(s, method, p) {
    const id = s.newId();
    s.activities.push({ id, method, params: p });
    return method === 'crm.activity.todo.add' ? { id } : id;
}
function crmMethod(s, method, p) {
    const m = /^crm\.(contact|company|lead|deal)\.(add|update|get)$/.exec(method);
    const kind = m ? KINDS[m[1] ?? ''] : undefined;
    if (m && kind) {
        if (m[2] === 'add')
            return { result: add(s, kind, p) };
        if (m[2] === 'update')
            return { result: update(s, method, kind, p) };
        const e = s.entity(kind, p['id']);
        if (!e)
            throw new EmuError('NOT_FOUND', 'Not found');
        return { result: { STATUS_SEMANTIC_ID: 'P', ...e.fields } };
    }
    if (method === 'crm.deal.list')
        return dealList(s, p);
    if (method === 'crm.activity.update')
        return { result: updateActivity(s, p) };
    if (method === 'crm.duplicate.findbycomm')
        return { result: findByComm(s, p) };
    if (method === 'crm.activity.todo.add' || method === 'crm.activity.add' || method === 'im.notify.personal.add')
        return { result: activity(s, method, p) };
    return undefined;
}
/** Runs one non-batch method against the state; unknown methods give 404 ERROR_METHOD_NOT_FOUND. */
export function runMethod(s, method, p, nowMs) {
    switch (method) {
        case 'telephony.externalcall.register': return { result: register(s, p, nowMs) };
        case 'telephony.externalcall.show': return { result: card(s, 'show', p) };
        case 'telephony.externalcall.hide': return { result: card(s, 'hide', p) };
        case 'telephony.externalcall.finish': return { result: finish(s, p, nowMs) };
        case 'telephony.externalcall.attachrecord': return { result: attachRecord(s, p) };
        case 'telephony.externalcall.searchcrmentities': return { result: searchCrmEntities(s, p) };
        case 'user.get': return userGet(s, p);
        default: {
            const r = crmMethod(s, method, p);
            if (r)
                return r;
            throw new EmuError('ERROR_METHOD_NOT_FOUND', 'Method not found!', 404);
        }
    }
}
