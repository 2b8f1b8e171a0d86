import type { Redis } from 'ioredis';
import type { E164 } from '../calls/phone-number.js';
import type { CrmAdapter, Responsible } from '../crm/adapter.js';
import { toError } from '../errors.js';
import type { Logger } from '../log.js';

/** Where an answer came from. `none`: the CRM has no responsible; `busy`: it has one, who is not free. */
export type RouteSource = 'cache' | 'crm' | 'fallback' | 'none' | 'busy' | 'timeout' | 'error' | 'invalid';

export interface RouteAnswer {
  readonly extension: string | null;
  readonly userId: string | null;
  readonly name: string | null;
  readonly source: RouteSource;
}

/** The part of ExtensionAvailability the router needs. */
export interface Availability {
  isFree(extension: string): boolean;
}

export interface ResponsibleRouterDeps {
  readonly crm: Pick<CrmAdapter, 'responsible'>;
  readonly redis: Redis;
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
}

interface CachedResponsible { readonly e: string | null; readonly u: string | null; readonly n: string | null }

const NOBODY: CachedResponsible = { e: null, u: null, n: null };
const NEGATIVE_TTL_MAX_SEC = 60;
const LOCAL_MAX_ENTRIES = 10_000;
/** Only digits ever reach Dial() or an AGI `SET VARIABLE`. */
const EXTENSION = /^\d{1,9}$/;

function answer(c: CachedResponsible, source: RouteSource): RouteAnswer {
  return { extension: c.e, userId: c.u, name: c.n, source };
}

function empty(source: RouteSource): RouteAnswer {
  return { extension: null, userId: null, name: null, source };
}

/**
 * "Who owns this caller?" for the dialplan. Redis cache first; on a miss one CRM lookup per number at a time
 * (concurrent calls from one number share it). Every answer comes within `timeoutMs`: a slow CRM or Redis yields
 * an empty answer (the dialplan falls back), while the CRM lookup goes on and fills the cache for the next call.
 * A responsible who is busy, unavailable or on DND is replaced by the fallback colleague, or by nobody.
 */
export class ResponsibleRouter {
  private readonly inFlight = new Map<E164, Promise<CachedResponsible>>();
  private readonly local = new Map<E164, { readonly value: CachedResponsible; readonly untilMs: number }>();
  private readonly localTtlMs: number;

  constructor(private readonly deps: ResponsibleRouterDeps) {
    this.localTtlMs = deps.localTtlMs ?? 2000;
  }

  async lookup(rawPhone: string): Promise<RouteAnswer> {
    const phone = this.deps.normalize(rawPhone);
    if (!phone) return empty('invalid');
    const hot = this.fromLocal(phone);
    if (hot) return this.preferFree(answer(hot, hot.e ? 'cache' : 'none'));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<RouteAnswer>((resolve) => {
      timer = setTimeout(() => resolve(empty('timeout')), this.deps.timeoutMs);
    });
    try {
      const found = await Promise.race([this.resolve(phone), deadline]);
      if (found.source === 'timeout') this.deps.log.warn({ timeoutMs: this.deps.timeoutMs }, 'route lookup timed out; answering empty');
      return this.preferFree(found);
    } catch (err) {
      this.deps.log.warn({ err: toError(err) }, 'route lookup failed; answering empty');
      return empty('error');
    } finally {
      clearTimeout(timer);
    }
  }

  /** Forgets the cached responsible of a number; the sync layer calls it when a call changed the responsible. */
  async invalidate(rawPhone: string): Promise<void> {
    const phone = this.deps.normalize(rawPhone);
    if (!phone) return;
    this.local.delete(phone);
    await this.deps.redis.del(this.key(phone));
  }

  private fromLocal(phone: E164): CachedResponsible | null {
    if (this.localTtlMs <= 0) return null;
    const entry = this.local.get(phone);
    if (!entry) return null;
    if (entry.untilMs > Date.now()) return entry.value;
    this.local.delete(phone);
    return null;
  }

  private remember(phone: E164, value: CachedResponsible): CachedResponsible {
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

  private async resolve(phone: E164): Promise<RouteAnswer> {
    const cached = await this.deps.redis.get(this.key(phone));
    if (cached !== null) {
      const c = this.remember(phone, parseCached(cached));
      return answer(c, c.e ? 'cache' : 'none');
    }
    const c = await this.askCrmOnce(phone);
    return answer(c, c.e ? 'crm' : 'none');
  }

  private askCrmOnce(phone: E164): Promise<CachedResponsible> {
    const running = this.inFlight.get(phone);
    if (running) return running;
    const job = this.askCrm(phone).finally(() => this.inFlight.delete(phone));
    this.inFlight.set(phone, job);
    return job;
  }

  private async askCrm(phone: E164): Promise<CachedResponsible> {
    const r: Responsible | null = (await this.deps.crm.responsible?.find(phone)) ?? null;
    const usable = r !== null && EXTENSION.test(r.extension);
    if (r && !usable) this.deps.log.warn('CRM responsible has no usable extension (digits only); routing to nobody');
    const c: CachedResponsible = r && usable ? { e: r.extension, u: r.userId, n: r.name } : NOBODY;
    const ttlSec = c.e ? this.deps.ttlSec : Math.min(this.deps.ttlSec, NEGATIVE_TTL_MAX_SEC);
    await this.deps.redis.set(this.key(phone), JSON.stringify(c), 'EX', ttlSec);
    return this.remember(phone, c);
  }

  private preferFree(found: RouteAnswer): RouteAnswer {
    const availability = this.deps.availability;
    if (!availability || !found.extension || availability.isFree(found.extension)) return found;
    this.deps.log.debug({ source: found.source }, 'responsible is not free');
    const fallback = this.deps.fallbackExtension ?? null;
    if (fallback && fallback !== found.extension && availability.isFree(fallback)) {
      return { extension: fallback, userId: null, name: null, source: 'fallback' };
    }
    return { ...found, extension: null, source: 'busy' };
  }
}

function parseCached(text: string): CachedResponsible {
  try {
    const v = JSON.parse(text) as Partial<CachedResponsible>;
    const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
    const e = str(v.e);
    return { e: e && EXTENSION.test(e) ? e : null, u: str(v.u), n: str(v.n) };
  } catch {
    return NOBODY;
  }
}
