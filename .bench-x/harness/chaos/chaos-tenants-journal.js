/** Every page of the tenant's GET /v1/calls (its token) from a live instance, against its PBXs' schedules. */
export async function journalCheck(httpPort, t, invisible) {
    const ids = [];
    let cursor = null;
    do {
        const res = await fetch(`http://127.0.0.1:${httpPort}/v1/calls?limit=500${cursor ? `&cursor=${cursor}` : ''}`, {
            headers: { authorization: `Bearer ${t.token}` }, signal: AbortSignal.timeout(5000),
        });
        if (res.status !== 200)
            throw new Error(`GET /v1/calls of ${t.id}: HTTP ${res.status}`);
        const page = await res.json();
        ids.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
    } while (cursor);
    const expected = new Set(t.pbxs.flatMap((p) => [...p.schedule.expected.keys()]));
    const seen = new Map();
    for (const id of ids)
        seen.set(id, (seen.get(id) ?? 0) + 1);
    return {
        missing: [...expected].filter((id) => !seen.has(id) && !invisible.has(id)),
        doubled: [...seen].filter(([, n]) => n > 1).map(([id]) => id),
        extra: [...seen.keys()].filter((id) => !expected.has(id)),
    };
}
