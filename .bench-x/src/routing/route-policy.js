import { ruleMatches } from './client-rules.js';
/**
 * The order of the route answer: a closed line goes to its closed target; else the responsible when free; else the
 * first client rule that matches (an extension target only when that extension is free); else, when the
 * responsible is busy, the fallback colleague when free; else nobody (the dialplan's normal route).
 */
export class RoutePolicy {
    deps;
    constructor(deps) {
        this.deps = deps;
    }
    decide(found, did, atMs) {
        const base = {
            extension: found.extension, userId: found.userId, name: found.name, callerName: found.callerName, open: true, destination: null, rule: null,
        };
        if (!this.deps.lines.isOpenAt(did, atMs)) {
            return { ...base, extension: null, source: 'closed', open: false, destination: this.deps.lines.lineOf(did)?.closed ?? null };
        }
        if (found.extension !== null && this.isFree(found.extension))
            return { ...base, source: found.source };
        const byRule = this.byClientRule(found.client);
        if (byRule)
            return { ...base, ...byRule, source: 'rule' };
        if (found.extension === null)
            return { ...base, source: found.source };
        const fallback = this.deps.fallbackExtension;
        if (fallback && fallback !== found.extension && this.isFree(fallback)) {
            return { ...base, extension: fallback, userId: null, name: null, source: 'fallback' };
        }
        return { ...base, extension: null, source: 'busy' };
    }
    isFree(extension) {
        return this.deps.availability?.isFree(extension) ?? true;
    }
    byClientRule(client) {
        if (!client)
            return null;
        for (const rule of this.deps.rules) {
            if (!ruleMatches(rule, client))
                continue;
            const t = rule.target;
            if ('extension' in t) {
                if (this.isFree(t.extension))
                    return { extension: t.extension, destination: null, rule: rule.name };
                continue;
            }
            return { extension: null, destination: { context: t.context, exten: t.exten }, rule: rule.name };
        }
        return null;
    }
}
