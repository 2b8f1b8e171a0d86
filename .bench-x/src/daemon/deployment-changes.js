const sameIds = (a, b) => a.length === b.length && a.every((p, i) => p.id === b[i]?.id);
/**
 * Moves the running tenants to `next`: a removed tenant stops (its PBXs save their state and give up their leases), a
 * new one starts, a tenant whose own settings or list of PBXs changed restarts, a PBX whose settings alone changed
 * restarts alone; everything else is left running untouched (its calls in progress are not disturbed). A token change
 * needs no restart (the caller swaps the token index).
 */
export async function planChanges(current, next, act, log) {
    const now = new Map(current.map((t) => [t.id, t]));
    const wanted = new Map(next.map((t) => [t.id, t]));
    const out = { added: [], removed: [], restarted: [], pbxsRestarted: [], unchanged: [] };
    for (const t of current) {
        if (wanted.has(t.id))
            continue;
        await act.stopTenant(t.id);
        out.removed.push(t.id);
    }
    for (const t of next) {
        const old = now.get(t.id);
        if (!old) {
            await act.startTenant(t);
            out.added.push(t.id);
            continue;
        }
        if (old.fingerprint !== t.fingerprint || !sameIds(old.pbxs, t.pbxs)) {
            await act.stopTenant(t.id);
            await act.startTenant(t);
            out.restarted.push(t.id);
            continue;
        }
        let touched = false;
        for (const p of t.pbxs) {
            const before = old.pbxs.find((o) => o.id === p.id);
            if (before?.fingerprint === p.fingerprint)
                continue;
            await act.replacePbx(t.id, p);
            out.pbxsRestarted.push(`${t.id}/${p.id}`);
            touched = true;
        }
        if (!touched)
            out.unchanged.push(t.id);
    }
    log.info(out, 'deployment reloaded');
    return out;
}
