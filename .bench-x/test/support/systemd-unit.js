/** Parses the unit-file syntax: [Section] headers, Key=Value lines, # and ; comments, backslash continuations. */
export function parseSystemdUnit(text) {
    const values = new Map();
    let section = '';
    const lines = text.replace(/\\\n/g, ' ').split('\n');
    for (const raw of lines) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#') || line.startsWith(';'))
            continue;
        const header = /^\[([^\]]+)\]$/.exec(line);
        if (header) {
            section = header[1] ?? '';
            continue;
        }
        const eq = line.indexOf('=');
        if (eq <= 0 || section === '')
            throw new Error(`not a unit-file line: ${line}`);
        const key = `${section}/${line.slice(0, eq).trim()}`;
        values.set(key, [...(values.get(key) ?? []), line.slice(eq + 1).trim()]);
    }
    return { get: (s, k) => values.get(`${s}/${k}`) ?? [] };
}
const UNIT_S = { ms: 0.001, s: 1, sec: 1, second: 1, seconds: 1, m: 60, min: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hour: 3600, hours: 3600 };
/** Seconds in a systemd time span ("30", "30s", "1min 30s") or a Go duration as compose writes it ("1m30s"). */
export function systemdSeconds(span) {
    const parts = [...span.trim().matchAll(/(\d+(?:\.\d+)?)\s*([a-z]*)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join('').replace(/\s/g, '') !== span.replace(/\s/g, ''))
        throw new Error(`not a time span: ${span}`);
    return parts.reduce((sum, [, n = '0', unit = '']) => {
        const factor = unit === '' ? 1 : UNIT_S[unit];
        if (factor === undefined)
            throw new Error(`unknown time unit ${unit} in ${span}`);
        return sum + Number(n) * factor;
    }, 0);
}
