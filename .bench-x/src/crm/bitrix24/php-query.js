function scalar(value) {
    if (typeof value === 'boolean')
        return value ? 'Y' : 'N';
    return String(value);
}
function collect(prefix, value, out) {
    if (value === null || value === undefined)
        return;
    if (Array.isArray(value)) {
        value.forEach((v, i) => collect(`${prefix}[${i}]`, v, out));
        return;
    }
    if (typeof value === 'object') {
        for (const [k, v] of Object.entries(value))
            collect(`${prefix}[${k}]`, v, out);
        return;
    }
    out.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(scalar(value))}`);
}
/** Encodes params as PHP's http_build_query would; null/undefined values are left out, booleans become Y/N. */
export function toPhpQuery(params) {
    const out = [];
    for (const [k, v] of Object.entries(params))
        collect(k, v, out);
    return out.join('&');
}
