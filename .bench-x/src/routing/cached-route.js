const str = (x) => (typeof x === 'string' && x !== '' ? x : null);
function clientOf(v) {
    if (typeof v !== 'object' || v === null)
        return null;
    const { fields, tags } = v;
    const outFields = {};
    if (typeof fields === 'object' && fields !== null) {
        for (const [k, value] of Object.entries(fields)) {
            const list = (Array.isArray(value) ? value : [value]).filter((x) => typeof x === 'string');
            if (list.length > 0)
                outFields[k] = list;
        }
    }
    const outTags = Array.isArray(tags) ? tags.filter((t) => typeof t === 'string') : [];
    return { fields: outFields, tags: outTags };
}
/** Reads an entry written by this or an older version (which had no `c`/`d`); garbage is "nobody". */
export function parseCachedRoute(text, extension) {
    try {
        const v = JSON.parse(text);
        const e = str(v['e']);
        return { e: e && extension.test(e) ? e : null, u: str(v['u']), n: str(v['n']), c: str(v['c']), d: clientOf(v['d']) };
    }
    catch {
        return { e: null, u: null, n: null, c: null, d: null };
    }
}
