/** A method-level error: `{error, error_description}` with an HTTP status (400 unless told). */
export class EmuError extends Error {
    code;
    description;
    status;
    constructor(code, description, status = 400) {
        super(description);
        this.code = code;
        this.description = description;
        this.status = status;
    }
}
const DEDUP_MS = 30 * 60_000;
function str(v) {
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
function resolveUser(s, p) {
    const id = str(p['USER_ID']);
    if (id && id !== '0')
        return id;
    const inner = str(p['USER_PHONE_INNER']);
    if (!inner)
        throw new EmuError('ERROR_CORE', 'USER_ID or USER_PHONE_INNER should be set');
    return s.users.find((u) => u.ACTIVE && u.UF_PHONE_INNER === inner)?.ID ?? '';
}
function crmBinding(s, p, phone) {
    const type = str(p['CRM_ENTITY_TYPE']);
    if (type && p['CRM_ENTITY_ID'] !== undefined)
        return { CRM_ENTITY_TYPE: type, CRM_ENTITY_ID: Number(p['CRM_ENTITY_ID']) };
    const hit = s.entitiesByPhone(phone).find((e) => e.kind !== 'DEAL');
    return hit ? { CRM_ENTITY_TYPE: hit.kind, CRM_ENTITY_ID: hit.id } : { CRM_ENTITY_TYPE: '', CRM_ENTITY_ID: null };
}
/** telephony.externalcall.register: validation order, stripping, 30-min dedup of unfinished calls, SHOW (doc §1). */
export function register(s, p, nowMs) {
    const userId = resolveUser(s, p);
    const type = Number(p['TYPE']);
    if (![1, 2, 3, 4, 5].includes(type))
        throw new EmuError('ERROR_CORE', 'Unknown TYPE');
    if (p['CALL_START_DATE'] !== undefined && Number.isNaN(Date.parse(str(p['CALL_START_DATE'])))) {
        throw new EmuError('ERROR_CORE', 'CALL_START_DATE should be in the ISO-8601 format');
    }
    const phone = str(p['PHONE_NUMBER']).replace(/[^0-9#*+,;]/g, '');
    if (!phone)
        throw new EmuError('ERROR_CORE', 'Unsupported phone number format');
    if (!s.activeUser(userId))
        throw new EmuError('', 'User is not found or is not active');
    const same = s.registered().find((c) => c.finished === null && c.userId === userId && c.phone === phone && c.type === type
        && nowMs - c.createdAtMs < DEDUP_MS && str(c.params['LINE_NUMBER']) === str(p['LINE_NUMBER'])
        && str(c.params['EXTERNAL_CALL_ID']) === str(p['EXTERNAL_CALL_ID']));
    const call = same ?? {
        CALL_ID: s.newCallId(nowMs), params: p, userId, phone, type, createdAtMs: nowMs, finished: null, record: null,
    };
    s.calls.set(call.CALL_ID, call);
    if (str(p['SHOW']) !== '0')
        s.cards.push({ action: 'show', callId: call.CALL_ID, userIds: [userId], ok: true, via: 'register', atMs: nowMs }); // SHOW defaults to 1 (doc §1)
    return { CALL_ID: call.CALL_ID, CRM_CREATED_LEAD: null, CRM_CREATED_ENTITIES: [], ...crmBinding(s, call.params, phone) };
}
function userIds(p, fallback) {
    const v = p['USER_ID'];
    if (Array.isArray(v))
        return v.map(str);
    return v === undefined ? [fallback] : [str(v)];
}
export function card(s, action, p) {
    const call = s.calls.get(str(p['CALL_ID']));
    const ok = call !== undefined && call.finished === null;
    s.cards.push({ action, callId: str(p['CALL_ID']), userIds: userIds(p, call?.userId ?? ''), ok, atMs: Date.now() });
    return ok;
}
export function finish(s, p, nowMs = Date.now()) {
    if (typeof p['CALL_ID'] !== 'string')
        throw new EmuError('INVALID_ARGUMENT', 'CALL_ID must be a string');
    const call = s.calls.get(p['CALL_ID']);
    if (!call || call.finished)
        throw new EmuError('', 'Call is not found (call should be registered prior to finishing');
    const userId = resolveUser(s, p);
    if (!s.activeUser(userId))
        throw new EmuError('', 'User is not found or is not active');
    const duration = Number(p['DURATION'] ?? 0);
    const statusCode = str(p['STATUS_CODE']) || (duration > 0 ? '200' : '304');
    call.finished = { userId, duration, statusCode, addToChat: str(p['ADD_TO_CHAT']) || '1', activityId: s.newId(), atMs: nowMs };
    return {
        ID: s.newId(), CALL_ID: call.CALL_ID, EXTERNAL_CALL_ID: str(call.params['EXTERNAL_CALL_ID']) || null,
        PORTAL_USER_ID: Number(userId), PHONE_NUMBER: call.phone, INCOMING: String(call.type), CALL_DURATION: duration,
        CALL_STATUS: duration > 0 ? 1 : 0, CALL_FAILED_CODE: statusCode, CRM_ACTIVITY_ID: call.finished.activityId,
    };
}
export function attachRecord(s, p) {
    const call = s.calls.get(str(p['CALL_ID']));
    if (!call || !call.finished)
        throw new EmuError('ERROR_CORE', 'Call is not found in the statistic table. Looks like it is not finished yet.');
    const filename = str(p['FILENAME']);
    if (str(p['RECORD_URL'])) {
        call.record = { fileId: s.newId(), filename, via: 'url', url: str(p['RECORD_URL']) };
        return { FILE_ID: call.record.fileId };
    }
    if (!filename)
        throw new EmuError('ERROR_CORE', 'Required parameters are not set. Request should contain or URL or FILENAME parameter');
    if (!/\.(wav|mp3)$/i.test(filename))
        throw new EmuError('ERROR_CORE', 'Wrong file extension. Only wav and mp3 are allowed');
    const content = str(p['FILE_CONTENT']);
    if (!content)
        throw new EmuError('ERROR_CORE', 'File content is empty.');
    if (!/^[A-Za-z0-9+/]+=*$/.test(content))
        throw new EmuError('ERROR_CORE', 'File content is not properly encoded. Base64 encoding is expected.');
    call.record = { fileId: s.newId(), filename, via: 'content' };
    return { FILE_ID: call.record.fileId };
}
export function searchCrmEntities(s, p) {
    const phone = str(p['PHONE_NUMBER']);
    if (!phone)
        throw new EmuError('ERROR_CORE', 'PHONE_NUMBER is empty');
    return s.entitiesByPhone(phone).filter((e) => e.kind !== 'DEAL').map((e) => {
        const assigned = str(e.fields['ASSIGNED_BY_ID']);
        const user = s.users.find((u) => u.ID === assigned);
        return {
            CRM_ENTITY_TYPE: e.kind, CRM_ENTITY_ID: e.id, ASSIGNED_BY_ID: assigned ? Number(assigned) : null,
            NAME: str(e.fields['NAME'] ?? e.fields['TITLE']),
            ASSIGNED_BY: user ? { ID: user.ID, TIMEMAN_STATUS: 'OPENED', USER_PHONE_INNER: user.UF_PHONE_INNER } : null,
        };
    });
}
