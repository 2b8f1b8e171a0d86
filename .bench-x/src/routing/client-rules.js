const UNSET = new Set(['', '0', 'n', 'no', 'false']);
function valuesOf(client, field) {
    const exact = client.fields[field];
    const found = exact ?? Object.entries(client.fields).find(([k]) => k.toLowerCase() === field.toLowerCase())?.[1];
    if (found === undefined)
        return [];
    return (typeof found === 'string' ? [found] : [...found]).map((v) => v.trim().toLowerCase());
}
/** Does the client match the rule? Tags and values compare case-insensitively; field names exactly, else case-insensitively. */
export function ruleMatches(rule, client) {
    if (rule.tag !== undefined) {
        const tag = rule.tag.trim().toLowerCase();
        return client.tags.some((t) => t.trim().toLowerCase() === tag);
    }
    if (rule.field === undefined)
        return false;
    const values = valuesOf(client, rule.field);
    if (rule.present)
        return values.some((v) => !UNSET.has(v));
    const wanted = (typeof rule.equals === 'string' ? [rule.equals] : [...(rule.equals ?? [])]).map((v) => v.trim().toLowerCase());
    return values.some((v) => wanted.includes(v));
}
/**
 * Only what the rules read, so the route cache keeps no more of a client than it needs: the fields they name
 * (under the rule's spelling) and, when a rule names a tag, the tags the rules name.
 */
export function keepReferenced(rules, client) {
    if (!client || rules.length === 0)
        return null;
    const fields = {};
    for (const rule of rules) {
        if (rule.field === undefined)
            continue;
        const values = valuesOf(client, rule.field);
        if (values.length > 0)
            fields[rule.field] = values;
    }
    const named = new Set(rules.flatMap((r) => (r.tag === undefined ? [] : [r.tag.trim().toLowerCase()])));
    const tags = client.tags.map((t) => t.trim().toLowerCase()).filter((t) => named.has(t));
    return Object.keys(fields).length === 0 && tags.length === 0 ? null : { fields, tags: [...new Set(tags)] };
}
