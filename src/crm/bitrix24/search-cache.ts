import type { EntityRef } from '../adapter.js';
import type { CrmHit } from './crm-lookup.js';

interface Entry { readonly hits: Promise<CrmHit[]>; readonly atMs: number }

const MAX_ENTRIES = 5000;

/**
 * searchCrmEntities results per phone number for a few seconds, so the dialplan's "who owns this number?" and the
 * call's own find-or-create (moments apart) cost one request, and concurrent lookups of one number share it.
 * Forgotten as soon as we create an entity for the number or change an entity's responsible.
 */
export class SearchCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {}

  async lookup(phone: string, search: () => Promise<CrmHit[]>): Promise<CrmHit[]> {
    const nowMs = this.now();
    const cached = this.entries.get(phone);
    if (cached && nowMs - cached.atMs < this.ttlMs) return cached.hits;
    if (this.entries.size >= MAX_ENTRIES) this.prune(nowMs);
    const hits = search();
    this.entries.set(phone, { hits, atMs: nowMs });
    hits.catch(() => { if (this.entries.get(phone)?.hits === hits) this.entries.delete(phone); });
    return hits;
  }

  forgetPhone(phone: string): void {
    this.entries.delete(phone);
  }

  /** Drops every number whose cached hits include this entity. */
  async forgetEntity(entity: EntityRef): Promise<void> {
    for (const [phone, entry] of [...this.entries]) {
      const hits = await entry.hits.catch(() => []);
      const same = hits.some((h) => h.entity.kind === entity.kind && h.entity.id === entity.id);
      if (same && this.entries.get(phone) === entry) this.entries.delete(phone);
    }
  }

  private prune(nowMs: number): void {
    for (const [phone, entry] of this.entries) if (nowMs - entry.atMs >= this.ttlMs) this.entries.delete(phone);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
  }
}
