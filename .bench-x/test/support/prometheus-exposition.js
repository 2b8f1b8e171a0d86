/**
 * A parser of the Prometheus text exposition format (0.0.4) and the lint rules `promtool check metrics` applies,
 * for machines without promtool. Rules follow client_golang's promlint: HELP and TYPE on every family, `_total` on
 * counters and only on counters, no reserved suffixes or type names in names, snake_case, base units spelled out
 * (seconds, bytes), plus histogram consistency (ascending `le`, cumulative buckets, +Inf bucket = `_count`, a `_sum`).
 */
const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/y;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const NON_BASE_UNITS = ['milliseconds', 'microseconds', 'nanoseconds', 'minutes', 'hours', 'days', 'weeks',
    'kilobytes', 'megabytes', 'gigabytes', 'terabytes', 'kibibytes', 'mebibytes', 'gibibytes', 'bits', 'percent', 'celsius'];
const ABBREVIATED_UNITS = ['s', 'ms', 'us', 'ns', 'sec', 'secs', 'b', 'kb', 'mb', 'gb', 'tb', 'pb', 'm', 'h', 'd'];
/** A word in a name that says what is measured, and the base unit the name must then carry. */
const UNIT_WORDS = [
    [/_(duration|latency|lag|elapsed|time)(_|$)/, '_seconds'],
    [/_(memory|heap)(_|$)/, '_bytes'],
];
function parseLabels(text, line) {
    const labels = {};
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < text.length) {
        const at = LABEL.lastIndex;
        const m = LABEL.exec(text);
        if (!m || m.index !== at)
            throw new Error(`bad label set in: ${line}`);
        const [, key = '', raw = ''] = m;
        if (key in labels)
            throw new Error(`duplicate label ${key} in: ${line}`);
        labels[key] = raw.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    return labels;
}
/** Like Go's strconv.ParseFloat, which Prometheus uses: NaN and Inf in any case (prom-client writes `Nan`). */
function parseValue(raw, line) {
    const word = raw.toLowerCase();
    if (word === '+inf' || word === 'inf')
        return Infinity;
    if (word === '-inf')
        return -Infinity;
    if (word === 'nan')
        return NaN;
    const v = Number(raw);
    if (raw === '' || Number.isNaN(v))
        throw new Error(`bad sample value in: ${line}`);
    return v;
}
function parseSample(line) {
    const brace = line.indexOf('{');
    const nameEnd = brace >= 0 ? brace : line.search(/\s/);
    const name = line.slice(0, nameEnd);
    if (!NAME.test(name))
        throw new Error(`bad metric name in: ${line}`);
    let rest = line.slice(nameEnd);
    let labels = {};
    if (brace >= 0) {
        const close = line.lastIndexOf('}');
        if (close < brace)
            throw new Error(`unclosed label set in: ${line}`);
        labels = parseLabels(line.slice(brace + 1, close), line);
        rest = line.slice(close + 1);
    }
    const parts = rest.trim().split(/\s+/);
    if (parts.length < 1 || parts.length > 2)
        throw new Error(`bad sample in: ${line}`);
    return { name, labels, value: parseValue(parts[0] ?? '', line) };
}
/** The family a sample belongs to: its own name, or the histogram/summary it is a `_bucket`/`_sum`/`_count` of. */
function familyOf(families, name) {
    const exact = families.get(name);
    if (exact)
        return exact;
    const base = name.replace(/_(bucket|sum|count)$/, '');
    const f = families.get(base);
    return f && (f.type === 'histogram' || f.type === 'summary') ? f : undefined;
}
/** Parses an exposition; throws on text that is not the format. */
export function parseExposition(text) {
    const families = new Map();
    const family = (name) => {
        let f = families.get(name);
        if (!f) {
            f = { name, help: null, type: null, samples: [] };
            families.set(name, f);
        }
        return f;
    };
    for (const line of text.split('\n')) {
        if (line.trim() === '')
            continue;
        const meta = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s+(.*))?$/.exec(line);
        if (meta) {
            const [, kind, name = '', rest = ''] = meta;
            if (!NAME.test(name))
                throw new Error(`bad metric name in: ${line}`);
            const f = family(name);
            if (kind === 'HELP') {
                if (f.help !== null)
                    throw new Error(`second HELP for ${name}`);
                f.help = rest;
            }
            else {
                if (f.type !== null)
                    throw new Error(`second TYPE for ${name}`);
                if (!TYPES.has(rest))
                    throw new Error(`unknown type ${rest} for ${name}`);
                if (f.samples.length > 0)
                    throw new Error(`TYPE for ${name} after its samples`);
                f.type = rest;
            }
            continue;
        }
        if (line.startsWith('#'))
            continue;
        const s = parseSample(line);
        (familyOf(families, s.name) ?? family(s.name)).samples.push(s);
    }
    return families;
}
function nameProblems(f) {
    const p = [];
    const n = f.name;
    if (!f.help)
        p.push('no help text');
    if (f.type === null)
        p.push('no TYPE line');
    if (f.type === 'counter' && !n.endsWith('_total'))
        p.push('counter metrics should have "_total" suffix');
    if (f.type !== 'counter' && f.type !== 'untyped' && n.endsWith('_total'))
        p.push('non-counter metrics should not have "_total" suffix');
    if (f.type !== 'histogram' && f.type !== 'summary' && /_(bucket|sum|count)$/.test(n))
        p.push('non-histogram and non-summary metrics should not have "_bucket", "_sum" or "_count" suffixes');
    if (n.includes(':'))
        p.push('metric names should not contain ":"');
    if (/[a-z][A-Z]/.test(n))
        p.push('metric names should be written in snake_case not camelCase');
    for (const t of TYPES)
        if (n.includes(`_${t}_`) || n.endsWith(`_${t}`))
            p.push(`metric name should not include type '${t}'`);
    for (const u of NON_BASE_UNITS)
        if (n.includes(`_${u}`))
            p.push(`use a base unit (seconds, bytes, ratio) instead of "${u}"`);
    for (const a of ABBREVIATED_UNITS)
        if (n.includes(`_${a}_`) || n.endsWith(`_${a}`))
            p.push('metric names should not contain abbreviated units');
    for (const [word, unit] of UNIT_WORDS)
        if (word.test(n) && !n.includes(unit))
            p.push(`a name that measures ${word.source} should carry the unit ${unit}`);
    if ((f.type === 'histogram' || f.type === 'summary') && !/_(seconds|bytes|ratio|events|calls|requests)$/.test(n))
        p.push('histogram and summary names should end in their unit');
    return p;
}
function seriesKey(labels, drop) {
    return JSON.stringify(Object.entries(labels).filter(([k]) => k !== drop).sort(([a], [b]) => a.localeCompare(b)));
}
function histogramProblems(f) {
    const p = [];
    const series = new Map();
    const of = (labels) => {
        const key = seriesKey(labels, 'le');
        let s = series.get(key);
        if (!s) {
            s = { buckets: [] };
            series.set(key, s);
        }
        return s;
    };
    for (const s of f.samples) {
        if (s.name === `${f.name}_bucket`) {
            const le = s.labels['le'];
            if (le === undefined) {
                p.push(`bucket without le: ${JSON.stringify(s.labels)}`);
                continue;
            }
            of(s.labels).buckets.push([parseValue(le, le), s.value]);
        }
        else if (s.name === `${f.name}_sum`)
            of(s.labels).sum = s.value;
        else if (s.name === `${f.name}_count`)
            of(s.labels).count = s.value;
        else
            p.push(`sample ${s.name} does not belong to histogram ${f.name}`);
    }
    for (const [key, s] of series) {
        const les = s.buckets.map(([le]) => le);
        if (les.some((le, i) => i > 0 && le <= (les[i - 1] ?? -Infinity)))
            p.push(`buckets not in ascending le order: ${key}`);
        if (s.buckets.some(([, v], i) => i > 0 && v < (s.buckets[i - 1]?.[1] ?? 0)))
            p.push(`bucket counts are not cumulative: ${key}`);
        const inf = s.buckets.find(([le]) => le === Infinity);
        if (!inf)
            p.push(`no +Inf bucket: ${key}`);
        if (s.count === undefined)
            p.push(`no _count: ${key}`);
        else if (inf && inf[1] !== s.count)
            p.push(`+Inf bucket ${inf[1]} differs from _count ${s.count}: ${key}`);
        if (s.sum === undefined)
            p.push(`no _sum: ${key}`);
    }
    return p;
}
/** promtool-style problems, as `name: problem` lines; empty when the exposition would pass `promtool check metrics`. */
export function lintExposition(text) {
    const problems = [];
    for (const f of parseExposition(text).values()) {
        for (const problem of nameProblems(f))
            problems.push(`${f.name}: ${problem}`);
        if (f.type === 'histogram')
            for (const problem of histogramProblems(f))
                problems.push(`${f.name}: ${problem}`);
        const seen = new Set();
        for (const s of f.samples) {
            for (const label of Object.keys(s.labels))
                if (/[a-z][A-Z]/.test(label))
                    problems.push(`${f.name}: label names should be written in snake_case not camelCase`);
            const key = `${s.name}${seriesKey(s.labels, '')}`;
            if (seen.has(key))
                problems.push(`${f.name}: duplicate series ${key}`);
            seen.add(key);
        }
    }
    return problems;
}
/** Every name a PromQL expression may select from this exposition: family names and their histogram sample names. */
export function exposedNames(text) {
    const names = new Set();
    for (const f of parseExposition(text).values()) {
        names.add(f.name);
        if (f.type === 'histogram')
            for (const suffix of ['_bucket', '_sum', '_count'])
                names.add(`${f.name}${suffix}`);
        if (f.type === 'summary')
            for (const suffix of ['_sum', '_count'])
                names.add(`${f.name}${suffix}`);
    }
    return names;
}
