/** Metric names a PromQL expression selects (enough PromQL for alert rules and dashboards; not a full parser). */
const KEYWORDS = new Set([
    'and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool', 'inf', 'nan',
    'sum', 'avg', 'min', 'max', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'group',
]);
/**
 * Strips strings, label matchers, range/subquery brackets, grouping clauses and Grafana variables, then returns each
 * identifier left that is not a function call or keyword: those are metric names.
 */
export function metricNamesIn(expr) {
    let e = expr
        .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
        .replace(/\{[^}]*\}/g, ' ')
        .replace(/\[[^\]]*\]/g, ' ')
        .replace(/\$\{?[a-zA-Z_][a-zA-Z0-9_]*\}?/g, ' ')
        .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
    e = e.replace(/\boffset\s+\S+/g, ' ');
    const names = new Set();
    for (const m of e.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
        const word = m[0];
        const after = e.slice((m.index ?? 0) + word.length).trimStart();
        if (after.startsWith('('))
            continue; // a function or aggregation
        if (KEYWORDS.has(word.toLowerCase()))
            continue;
        const before = e.slice(0, m.index ?? 0);
        if (/\d$/.test(before))
            continue; // the unit of a number such as 1e3 or a duration like 5m
        names.add(word);
    }
    return names;
}
