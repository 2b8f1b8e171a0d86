const MAX_PAIRS = 500;
const MAX_DEPTH = 5;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
/** `data[CRM_CREATED_ENTITIES][0][ENTITY_TYPE]` → ['data', 'CRM_CREATED_ENTITIES', '0', 'ENTITY_TYPE']; null when malformed. */
function keyPath(key) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!m?.[1])
        return null;
    const rest = m[2] ? [...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1] ?? '') : [];
    const path = [m[1], ...rest];
    if (path.length > MAX_DEPTH || path.some((p) => FORBIDDEN.has(p)))
        return null;
    return path;
}
function place(tree, path, value) {
    let node = tree;
    for (let i = 0; i < path.length - 1; i += 1) {
        const seg = path[i] ?? '';
        const next = node[seg];
        if (typeof next === 'object') {
            node = next;
            continue;
        }
        const created = Object.create(null);
        node[seg] = created;
        node = created;
    }
    const last = path[path.length - 1] ?? '';
    // `a[]=x` appends: use the next free index
    const leaf = last === '' ? String(Object.keys(node).length) : last;
    if (typeof node[leaf] !== 'object')
        node[leaf] = value;
}
/** Parses `application/x-www-form-urlencoded` with Bitrix24's nested keys; no prototype keys, bounded size and depth. */
export function parseBitrixForm(body) {
    const tree = Object.create(null);
    let pairs = 0;
    for (const [key, value] of new URLSearchParams(body)) {
        pairs += 1;
        if (pairs > MAX_PAIRS)
            break;
        const path = keyPath(key);
        if (path)
            place(tree, path, value);
    }
    return tree;
}
/** A string leaf at `path`, or '' when missing or not a string. */
export function formValue(tree, ...path) {
    let node = tree;
    for (const seg of path) {
        if (typeof node !== 'object')
            return '';
        node = node[seg];
    }
    return typeof node === 'string' ? node : '';
}
