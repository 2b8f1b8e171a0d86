import type { RedisClient } from '../net/redis-client.js';
import type { E164 } from '../calls/phone-number.js';
import { LineCalendar } from '../calls/line-calendar.js';
import type { ClientData, CrmAdapter, PhoneMatch, Responsible } from '../crm/adapter.js';
import { toError } from '../errors.js';
import type { Logger } from '../log.js';
import { callerIdName } from './caller-name.js';
import { keepReferenced, type ClientRouteRule } from './client-rules.js';
import { parseCachedRoute, type CachedRoute } from './cached-route.js';
import { RoutePolicy, type FoundRoute, type LineRoute, type RouteAnswer, type RouteSource } from './route-policy.js';
import { withTimeout } from '../timeout.js';

/** The part of ExtensionAvailability the router needs. */
export interface Availability {
  isFree(extension: string): boolean;
}

export interface ResponsibleRouterDeps {
  readonly crm: Pick<CrmAdapter, 'responsible' | 'findByPhone'>;
  readonly redis: RedisClient;
  /** Redis key prefix (Config.redis.prefix); keys are `<prefix>:route:<E.164>`. */
  readonly prefix: string;
  /** Hard deadline for one lookup, Redis and CRM included (Config.routing.timeoutMs). */
  readonly timeoutMs: number;
  /** TTL of a cached responsible (Config.routing.cacheTtlSec); "nobody" is cached for min(ttl, 60 s). */
  readonly ttlSec: number;
  /** Null: no availability check. */
  readonly availability: Availability | null;
  readonly log: Logger;
  /** Caller number → E.164, e.g. `(p) => normalizePhoneNumber(p, config.numbers.defaultCountry)`. */
  readonly normalize: (raw: string) => E164 | null;
  /** The colleague who takes calls when the responsible is not free (ROUTE_FALLBACK_EXTENSION). */
  readonly fallbackExtension?: string | null;
  /**
   * In-process copy of Redis answers, for this long (default 2000 ms; 0 = off). Spares a Redis round trip on hot
   * numbers; invalidate() clears it here at once, other instances see a change within this time.
   */
  readonly localTtlMs?: number;
  /** The client's name is cut to this many characters for CALLERID(name) (ROUTE_CALLER_NAME_MAX_CHARS; 0 = no name). */
  readonly callerNameMaxChars?: number;
  /** Rules-file lines with working hours (none: every line is open). */
  readonly lines?: readonly LineRoute[];
  /** Rules-file client rules, in order. */
  readonly clientRules?: readonly ClientRouteRule[];
  /** ISO country for reading DIDs (Config.numbers.defaultCountry). */
  readonly defaultCountry?: string;
  /** The clock the working hours are read with (tests pass a fixed one). */
  readonly now?: () => number;
}

const NEGATIVE_TTL_MAX_SEC = 60;
const LOCAL_MAX_ENTRIES = 10_000;
/** Only digits ever reach Dial() or an AGI `SET VARIABLE`. */
const EXTENSION = /^\d{1,9}$/;
const NOBODY: CachedRoute = { e: null, u: null, n: null, c: null, d: null };

function found(c: CachedRoute, source: RouteSource): FoundRoute {
  return { extension: c.e, userId: c.u, name: c.n, callerName: c.c, client: c.d, source };
}

function empty(source: RouteSource): FoundRoute {
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
  private readonly inFlight = new Map<E164, Promise<CachedRoute>>();
  private readonly local = new Map<E164, { readonly value: CachedRoute; readonly untilMs: number }>();
  private readonly localTtlMs: number;
  private readonly policy: RoutePolicy;
  private readonly rules: readonly ClientRouteRule[];
  private readonly nameChars: number;
  private readonly now: () => number;

  constructor(private readonly deps: ResponsibleRouterDeps) {
    this.localTtlMs = deps.localTtlMs ?? 2000;
    this.rules = deps.clientRules ?? [];
    this.nameChars = deps.callerNameMaxChars ?? 0;
    this.now = deps.now ?? Date.now;
    const lines = new LineCalendar<LineRoute>(deps.lines ?? [], deps.defaultCountry ?? 'RU');
    this.policy = new RoutePolicy({ availability: deps.availability, fallbackExtension: deps.fallbackExtension ?? null, lines, rules: this.rules });
  }

  /** `did`: the line the call came in on (for its working hours); null or '' when unknown. */
  async lookup(rawPhone: string, did: string | null = null): Promise<RouteAnswer> {
    const atMs = this.now();
    return this.policy.decide(await this.find(rawPhone), did, atMs);
  }

  private async find(rawPhone: string): Promise<FoundRoute> {
    const phone = this.deps.normalize(rawPhone);
    if (!phone) return empty('invalid');
    const hot = this.fromLocal(phone);
    if (hot) return found(hot, hot.e ? 'cache' : 'none');
    try {
      const result = await withTimeout(this.resolve(phone), this.deps.timeoutMs, () => empty('timeout'));
      if (result.source === 'timeout') this.deps.log.warn({ timeoutMs: this.deps.timeoutMs }, 'route lookup timed out; answering empty');
      return result;
    } catch (err) {
      this.deps.log.warn({ err: toError(err) }, 'route lookup failed; answering empty');
      return empty('error');
    }
  }

  /** Forgets the cached responsible of a number; the sync layer calls it when a call changed the responsible. */
  async invalidate(rawPhone: string): Promise<void> {
    const phone = this.deps.normalize(rawPhone);
    if (!phone) return;
    this.local.delete(phone);
    await this.deps.redis.del(this.key(phone));
  }

  /** Forgets a number's cached responsible (personal-data erasure): 1 when Redis held an answer for it, else 0. */
  async erase(phone: E164): Promise<number> {
    this.local.delete(phone);
    return this.deps.redis.del(this.key(phone));
  }

  private fromLocal(phone: E164): CachedRoute | null {
    if (this.localTtlMs <= 0) return null;
    const entry = this.local.get(phone);
    if (!entry) return null;
    if (entry.untilMs > Date.now()) return entry.value;
    this.local.delete(phone);
    return null;
  }

  private remember(phone: E164, value: CachedRoute): CachedRoute {
    if (this.localTtlMs <= 0) return value;
    if (this.local.size >= LOCAL_MAX_ENTRIES) {
      const oldest = this.local.keys().next();
      if (!oldest.done) this.local.delete(oldest.value);
    }
    this.local.set(phone, { value, untilMs: Date.now() + this.localTtlMs });
    return value;
  }

  private key(phone: E164): string {
    return `${this.deps.prefix}:route:${phone}`;
  }

  private async resolve(phone: E164): Promise<FoundRoute> {
    const cached = await this.deps.redis.get(this.key(phone));
    if (cached !== null) {
      const parsed = parseCachedRoute(cached, EXTENSION);
      const c = this.remember(phone, { ...parsed, c: callerIdName(parsed.c, this.nameChars) });
      return found(c, c.e ? 'cache' : 'none');
    }
    const c = await this.askCrmOnce(phone);
    return found(c, c.e ? 'crm' : 'none');
  }

  private askCrmOnce(phone: E164): Promise<CachedRoute> {
    const running = this.inFlight.get(phone);
    if (running) return running;
    const job = this.askCrm(phone).finally(() => this.inFlight.delete(phone));
    this.inFlight.set(phone, job);
    return job;
  }

  /** The client is read only when a name is wanted or a rule reads client data; its failure costs the name, not the route. */
  private async askCrm(phone: E164): Promise<CachedRoute> {
    const wantsClient = this.nameChars > 0 || this.rules.length > 0;
    const [r, match] = await Promise.all([
      this.deps.crm.responsible?.find(phone) ?? null,
      wantsClient ? this.deps.crm.findByPhone(phone).catch((err: unknown) => {
        this.deps.log.warn({ err: toError(err) }, 'client lookup for the route failed; answering without name and client data');
        return 'failed' as const;
      }) : null,
    ]);
    const usable = r !== null && EXTENSION.test(r.extension);
    if (r && !usable) this.deps.log.warn('CRM responsible has no usable extension (digits only); routing to nobody');
    const c: CachedRoute = { ...this.responsiblePart(usable ? r : null), ...this.clientPart(match === 'failed' ? null : match) };
    const short = !c.e || match === 'failed';
    const ttlSec = short ? Math.min(this.deps.ttlSec, NEGATIVE_TTL_MAX_SEC) : this.deps.ttlSec;
    await this.deps.redis.set(this.key(phone), JSON.stringify(c), 'EX', ttlSec);
    return this.remember(phone, c);
  }

  private responsiblePart(r: Responsible | null): Pick<CachedRoute, 'e' | 'u' | 'n'> {
    return r ? { e: r.extension, u: r.userId, n: r.name } : NOBODY;
  }

  private clientPart(match: PhoneMatch | null): { c: string | null; d: ClientData | null } {
    return { c: callerIdName(match?.name, this.nameChars), d: keepReferenced(this.rules, match?.client) };
  }
}
