import { LineCalendar } from '../calls/line-calendar.js';
import { toError } from '../errors.js';
import { callerIdName } from './caller-name.js';
import { keepReferenced } from './client-rules.js';
import { parseCachedRoute } from './cached-route.js';
import { RoutePolicy } from './route-policy.js';
import { withTimeout } from '../timeout.js';
const NEGATIVE_TTL_MAX_SEC = 60;
const LOCAL_MAX_ENTRIES = 10_000;
/** Only digits ever reach Dial() or an AGI `SET VARIABLE`. */
const EXTENSION = /^\d{1,9}$/;
const NOBODY = { e: null, u: null, n: null, c: null, d: null };
function found(c, source) {
    return { extension: c.e, userId: c.u, name: c.n, callerName: c.c, client: c.d, source };
}
function empty(source) {
    return { extension: null, userId: null, name: null, callerName: null, client: null, source };
}
/**
 * "Who owns this caller?" for the dialplan, with the caller's name and the line's hours. Redis cache first (and an
 * in-process copy of hot entries); on a miss one CRM lookup per number at a time (concurrent calls from one number
 * share it): the responsible and the client (name, the fields and tags the client rules read) together. Every
 * answer comes within `timeoutMs`: a slow CRM or Redis yields an answer without CRM data (the line's hours still
 * hold), while the CRM lookup goes on and fills the cache for the next call. RoutePolicy orders the rest.
 */
export class ResponsibleRouter {
    deps;
    inFlight = new Map();
    local = new Map();
    localTtlMs;
    policy;
    rules;
    nameChars;
    now;
    constructor(deps) {
        this.deps = deps;
        this.localTtlMs = deps.localTtlMs ?? 2000;
        this.rules = deps.clientRules ?? [];
        this.nameChars = deps.callerNameMaxChars ?? 0;
        this.now = deps.now ?? Date.now;
        const lines = new LineCalendar(deps.lines ?? [], deps.defaultCountry ?? 'RU');
        this.policy = new RoutePolicy({ availability: deps.availability, fallbackExtension: deps.fallbackExtension ?? null, lines, rules: this.rules });
    }
    /** `did`: the line the call came in on (for its working hours); null or '' when unknown. */
    async lookup(rawPhone, did = null) {
        const atMs = this.now();
        return this.policy.decide(await this.find(rawPhone), did, atMs);
    }
    async find(rawPhone) {
        const phone = this.deps.normalize(rawPhone);
        if (!phone)
            return empty('invalid');
        const hot = this.fromLocal(phone);
        if (hot)
            return found(hot, hot.e ? 'cache' : 'none');
        try {
            const result = await withTimeout(this.resolve(phone), this.deps.timeoutMs, () => empty('timeout'));
            if (result.source === 'timeout')
                this.deps.log.warn({ timeoutMs: this.deps.timeoutMs }, 'route lookup timed out; answering empty');
            return result;
        }
        catch (err) {
            this.deps.log.warn({ err: toError(err) }, 'route lookup failed; answering empty');
            return empty('error');
        }
    }
    /** Forgets the cached responsible of a number; the sync layer calls it when a call changed the responsible. */
    async invalidate(rawPhone) {
        const phone = this.deps.normalize(rawPhone);
        if (!phone)
            return;
        this.local.delete(phone);
        await this.deps.redis.del(this.key(phone));
    }
    /** Forgets a number's cached responsible (personal-data erasure): 1 when Redis held an answer for it, else 0. */
    async erase(phone) {
        this.local.delete(phone);
        return this.deps.redis.del(this.key(phone));
    }
    fromLocal(phone) {
        if (this.localTtlMs <= 0)
            return null;
        const entry = this.local.get(phone);
        if (!entry)
            return null;
        if (entry.untilMs > Date.now())
            return entry.value;
        this.local.delete(phone);
        return null;
    }
    remember(phone, value) {
        if (this.localTtlMs <= 0)
            return value;
        if (this.local.size >= LOCAL_MAX_ENTRIES) {
            const oldest = this.local.keys().next();
            if (!oldest.done)
                this.local.delete(oldest.value);
        }
        this.local.set(phone, { value, untilMs: Date.now() + this.localTtlMs });
        return value;
    }
    key(phone) {
        return `${this.deps.prefix}:route:${phone}`;
    }
    async resolve(phone) {
        const cached = await this.deps.redis.get(this.key(phone));
        if (cached !== null) {
            const parsed = parseCachedRoute(cached, EXTENSION);
            const c = this.remember(phone, { ...parsed, c: callerIdName(parsed.c, this.nameChars) });
            return found(c, c.e ? 'cache' : 'none');
        }
        const c = await this.askCrmOnce(phone);
        return found(c, c.e ? 'crm' : 'none');
    }
    askCrmOnce(phone) {
        const running = this.inFlight.get(phone);
        if (running)
            return running;
        const job = this.askCrm(phone).finally(() => this.inFlight.delete(phone));
        this.inFlight.set(phone, job);
        return job;
    }
    /** The client is read only when a name is wanted or a rule reads client data; its failure costs the name, not the route. */
    async askCrm(phone) {
        const wantsClient = this.nameChars > 0 || this.rules.length > 0;
        const [r, match] = await Promise.all([
            this.deps.crm.responsible?.find(phone) ?? null,
            wantsClient ? this.deps.crm.findByPhone(phone).catch((err) => {
                this.deps.log.warn({ err: toError(err) }, 'client lookup for the route failed; answering without name and client data');
                return 'failed';
            }) : null,
        ]);
        const usable = r !== null && EXTENSION.test(r.extension);
        if (r && !usable)
            this.deps.log.warn('CRM responsible has no usable extension (digits only); routing to nobody');
        const c = { ...this.responsiblePart(usable ? r : null), ...this.clientPart(match === 'failed' ? null : match) };
        const short = !c.e || match === 'failed';
        const ttlSec = short ? Math.min(this.deps.ttlSec, NEGATIVE_TTL_MAX_SEC) : this.deps.ttlSec;
        await this.deps.redis.set(this.key(phone), JSON.stringify(c), 'EX', ttlSec);
        return this.remember(phone, c);
    }
    responsiblePart(r) {
        return r ? { e: r.extension, u: r.userId, n: r.name } : NOBODY;
    }
    clientPart(match) {
        return { c: callerIdName(match?.name, this.nameChars), d: keepReferenced(this.rules, match?.client) };
    }
}
