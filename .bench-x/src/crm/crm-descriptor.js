import { z } from 'zod';
const NO_WORK = { workKind: null };
export function defineCrm(d) {
    const schema = z.object(d.env);
    const read = (env, rules) => {
        const parsed = schema.safeParse(env);
        if (!parsed.success)
            return { problems: parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`) };
        const problems = d.problems?.(parsed.data, rules) ?? [];
        return problems.length > 0 ? { problems } : { settings: d.settings(parsed.data) };
    };
    return {
        name: d.name,
        env: d.env,
        docs: d.docs,
        select(env, rules) {
            const r = read(env, rules);
            if ('problems' in r)
                return r;
            const { settings } = r;
            return {
                crm: {
                    adapter: d.name, settings,
                    create: (deps) => d.create(settings, deps),
                    routes: (kit) => d.routes?.(settings, kit) ?? null,
                },
            };
        },
        settingsFrom(env, rules = NO_WORK) {
            const r = read(env, rules);
            if ('problems' in r)
                throw new Error(`invalid ${d.name} configuration:\n  ${r.problems.join('\n  ')}`);
            return Object.freeze(r.settings);
        },
    };
}
