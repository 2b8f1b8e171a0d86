export function isFields(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
export function field(obj, name) {
    if (!isFields(obj))
        return undefined;
    if (name in obj)
        return obj[name];
    const lower = name.toLowerCase();
    const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
    return key === undefined ? undefined : obj[key];
}
/** An id as a string (ONLYOFFICE ids are ints; user ids are GUIDs); null when absent. */
export function idField(obj, name = 'id') {
    const v = field(obj, name);
    if (typeof v === 'number' && Number.isFinite(v))
        return String(v);
    if (typeof v === 'string' && v.trim() !== '')
        return v.trim();
    return null;
}
export function textField(obj, name) {
    const v = field(obj, name);
    return typeof v === 'string' ? v : null;
}
export function listField(obj, name) {
    const v = field(obj, name);
    return Array.isArray(v) ? v : null;
}
export function boolField(obj, name) {
    const v = field(obj, name);
    return v === true || v === 'true';
}
