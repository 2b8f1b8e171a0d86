import type { LineCalendar, LineHours } from '../calls/line-calendar.js';
import type { ClientData } from '../crm/adapter.js';
import { ruleMatches, type ClientRouteRule } from './client-rules.js';

/**
 * Where an answer came from. `none`: the CRM has no responsible; `busy`: it has one, who is not free; `rule`: a
 * client rule chose the target; `closed`: the line is out of hours.
 */
export type RouteSource = 'cache' | 'crm' | 'fallback' | 'none' | 'busy' | 'timeout' | 'error' | 'invalid' | 'rule' | 'closed';

export interface RouteDestination { readonly context: string; readonly exten: string }

export interface RouteAnswer {
  /** Digits to ring (responsible, fallback colleague or a rule's extension), or null. */
  readonly extension: string | null;
  /** The responsible's CRM user id and name. */
  readonly userId: string | null;
  readonly name: string | null;
  readonly source: RouteSource;
  /** The client's display name for CALLERID(name), already cut and cleaned; null when unknown. */
  readonly callerName: string | null;
  /** False while the line (DID) is out of its working hours; true for a line without configured hours. */
  readonly open: boolean;
  /** Goto(context,exten,1) instead of ringing: the closed line's target, or a client rule's queue/context. */
  readonly destination: RouteDestination | null;
  /** The name of the client rule that matched, or null. */
  readonly rule: string | null;
}

/** What the cache or the CRM said about a caller (null client: unknown, or nothing the rules read). */
export interface FoundRoute {
  readonly extension: string | null;
  readonly userId: string | null;
  readonly name: string | null;
  readonly callerName: string | null;
  readonly client: ClientData | null;
  readonly source: RouteSource;
}

/** A rules-file line as routing reads it: its hours and where calls go while it is closed. */
export interface LineRoute extends LineHours {
  readonly closed?: RouteDestination | undefined;
}

export interface RoutePolicyDeps {
  /** Null: no availability check (everyone counts as free). */
  readonly availability: { isFree(extension: string): boolean } | null;
  readonly fallbackExtension: string | null;
  readonly lines: LineCalendar<LineRoute>;
  readonly rules: readonly ClientRouteRule[];
}

/**
 * The order of the route answer: a closed line goes to its closed target; else the responsible when free; else the
 * first client rule that matches (an extension target only when that extension is free); else, when the
 * responsible is busy, the fallback colleague when free; else nobody (the dialplan's normal route).
 */
export class RoutePolicy {
  constructor(private readonly deps: RoutePolicyDeps) {}

  decide(found: FoundRoute, did: string | null, atMs: number): RouteAnswer {
    const base = {
      extension: found.extension, userId: found.userId, name: found.name, callerName: found.callerName, open: true, destination: null, rule: null,
    };
    if (!this.deps.lines.isOpenAt(did, atMs)) {
      return { ...base, extension: null, source: 'closed', open: false, destination: this.deps.lines.lineOf(did)?.closed ?? null };
    }
    if (found.extension !== null && this.isFree(found.extension)) return { ...base, source: found.source };
    const byRule = this.byClientRule(found.client);
    if (byRule) return { ...base, ...byRule, source: 'rule' };
    if (found.extension === null) return { ...base, source: found.source };
    const fallback = this.deps.fallbackExtension;
    if (fallback && fallback !== found.extension && this.isFree(fallback)) {
      return { ...base, extension: fallback, userId: null, name: null, source: 'fallback' };
    }
    return { ...base, extension: null, source: 'busy' };
  }

  private isFree(extension: string): boolean {
    return this.deps.availability?.isFree(extension) ?? true;
  }

  private byClientRule(client: ClientData | null): Pick<RouteAnswer, 'extension' | 'destination' | 'rule'> | null {
    if (!client) return null;
    for (const rule of this.deps.rules) {
      if (!ruleMatches(rule, client)) continue;
      const t = rule.target;
      if ('extension' in t) {
        if (this.isFree(t.extension)) return { extension: t.extension, destination: null, rule: rule.name };
        continue;
      }
      return { extension: null, destination: { context: t.context, exten: t.exten }, rule: rule.name };
    }
    return null;
  }
}
