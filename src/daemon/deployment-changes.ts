import type { PbxPlan, TenantPlan } from '../config/load-deployment.js';
import type { Logger } from '../log.js';

/** What a reload did, by id (`acme`, `acme/office1`). */
export interface ReloadOutcome {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Tenants restarted whole (their own settings or their set of PBXs changed). */
  readonly restarted: readonly string[];
  /** PBXs restarted alone (only their own settings changed). */
  readonly pbxsRestarted: readonly string[];
  readonly unchanged: readonly string[];
}

export interface ChangeActions {
  stopTenant(id: string): Promise<void>;
  startTenant(plan: TenantPlan): Promise<void>;
  replacePbx(tenantId: string, plan: PbxPlan): Promise<void>;
}

const sameIds = (a: readonly PbxPlan[], b: readonly PbxPlan[]) => a.length === b.length && a.every((p, i) => p.id === b[i]?.id);

/**
 * Moves the running tenants to `next`: a removed tenant stops (its PBXs save their state and give up their leases), a
 * new one starts, a tenant whose own settings or list of PBXs changed restarts, a PBX whose settings alone changed
 * restarts alone; everything else is left running untouched (its calls in progress are not disturbed). A token change
 * needs no restart (the caller swaps the token index).
 */
export async function planChanges(current: readonly TenantPlan[], next: readonly TenantPlan[], act: ChangeActions, log: Logger): Promise<ReloadOutcome> {
  const now = new Map(current.map((t) => [t.id, t]));
  const wanted = new Map(next.map((t) => [t.id, t]));
  const out = { added: [] as string[], removed: [] as string[], restarted: [] as string[], pbxsRestarted: [] as string[], unchanged: [] as string[] };
  for (const t of current) {
    if (wanted.has(t.id)) continue;
    await act.stopTenant(t.id);
    out.removed.push(t.id);
  }
  for (const t of next) {
    const old = now.get(t.id);
    if (!old) { await act.startTenant(t); out.added.push(t.id); continue; }
    if (old.fingerprint !== t.fingerprint || !sameIds(old.pbxs, t.pbxs)) {
      await act.stopTenant(t.id);
      await act.startTenant(t);
      out.restarted.push(t.id);
      continue;
    }
    let touched = false;
    for (const p of t.pbxs) {
      const before = old.pbxs.find((o) => o.id === p.id);
      if (before?.fingerprint === p.fingerprint) continue;
      await act.replacePbx(t.id, p);
      out.pbxsRestarted.push(`${t.id}/${p.id}`);
      touched = true;
    }
    if (!touched) out.unchanged.push(t.id);
  }
  log.info(out, 'deployment reloaded');
  return out;
}
