function keysOf(name) {
    const first = name.indexOf('[');
    if (first < 0)
        return [name];
    const keys = [name.slice(0, first)];
    for (const m of name.slice(first).matchAll(/\[([^\]]*)\]/g))
        keys.push(m[1] ?? '');
    return keys;
}
function assign(target, keys, value) {
    let node = target;
    keys.forEach((rawKey, i) => {
        const key = rawKey === '' ? String(Object.keys(node).length) : rawKey;
        if (i === keys.length - 1) {
            node[key] = value;
            return;
        }
        const next = node[key];
        if (!next || typeof next !== 'object')
            node[key] = {};
        node = node[key];
    });
}
/** Objects whose keys are 0..n-1 become arrays, like PHP lists. */
function listify(v) {
    if (typeof v === 'string' || Array.isArray(v))
        return v;
    const entries = Object.entries(v).map(([k, x]) => [k, listify(x)]);
    const isList = entries.length > 0 && entries.every(([k], i) => k === String(i));
    return isList ? entries.map(([, x]) => x) : Object.fromEntries(entries);
}
export function parsePhpQuery(query) {
    const out = {};
    for (const pair of query.split('&')) {
        if (!pair)
            continue;
        const eq = pair.indexOf('=');
        const name = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
        const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
        assign(out, keysOf(name), value);
    }
    return listify(out);
}
