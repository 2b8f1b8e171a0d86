/**
 * Issue #16 point 4 from outside: N daemon processes share the PBXs of one deployment file (tenants × PBXs, a webhook
 * CRM per tenant) while calls flow; faults one after another (kill -9 of an instance, a new instance, SIGTERM of one),
 * each measured through the instances' GET /ready: seconds until every PBX's lease is held by a live instance again
 * (`leases s`, from the kill / signal / spawn), until each holder is logged in to its PBX (`reading s`), and the lease
 * counts after it. At the end every call must be registered and finished once (webhook) and journaled once in its
 * tenant (GET /v1/calls with the tenant's token); the allowances for frames no daemon read are chaos-webhook.ts's.
 */
import { pollUntil } from '../poll.js';
import { TenantsRig, pbxKey } from './chaos-tenants-rig.js';
const fmt = (counts) => [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([id, n]) => `${id}:${n}`).join(' ');
/** Each live instance holds floor or ceil of PBXs / instances, and every PBX is held once. */
function even(s, pbxs) {
    const n = s.counts.size;
    if (!s.allHeld || n === 0)
        return false;
    return [...s.counts.values()].every((c) => c === Math.floor(pbxs / n) || c === Math.ceil(pbxs / n));
}
/** Polls the spread until `check` holds; the seconds since `from`, or null after timeoutMs. */
async function secondsUntil(rig, check, from, timeoutMs) {
    const ok = await pollUntil(async () => check(await rig.spread()), { timeoutMs, intervalMs: 100 });
    return ok ? Math.round((Date.now() - from) / 100) / 10 : null;
}
async function fault(rig, kind, nextId, t0) {
    const before = await rig.spread();
    const positions = new Map(rig.pbxs.map((p) => [pbxKey(p.tenant, p.id), rig.position(p)]));
    // the victim: the live instance holding most leases (the first such by id)
    const victim = [...before.counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0]?.[0];
    const at = Date.now();
    let label;
    let target;
    if (kind === 'add') {
        target = await rig.spawn(nextId());
        label = `add ${target.id}`;
    }
    else {
        target = rig.live.find((i) => i.id === victim);
        if (!target)
            throw new Error('no live instance to stop');
        rig.stop(target, kind === 'kill' ? 'SIGKILL' : 'SIGTERM');
        label = `${kind === 'kill' ? 'kill -9' : 'SIGTERM'} ${target.id}`;
    }
    const gone = target.id;
    const held = (s) => s.allHeld && (kind === 'add' || ![...s.holders.values()].includes(gone));
    const settledCheck = kind === 'add' ? (s) => even(s, rig.pbxs.length) && s.counts.has(gone) : held;
    const leasesSec = await secondsUntil(rig, settledCheck, at, kind === 'add' ? 60_000 : 30_000);
    const readingSec = leasesSec === null ? null : await secondsUntil(rig, (s) => settledCheck(s) && s.allReading, at, 30_000);
    const ended = kind === 'add' ? null : await target.proc.exited;
    // a kill leaves the others uneven for a round or two (12 over 2 = 6 each): counted once they are even
    await secondsUntil(rig, (s) => even(s, rig.pbxs.length), at, 30_000);
    const after = await rig.spread();
    const inFlight = new Map();
    for (const p of rig.pbxs) {
        const key = pbxKey(p.tenant, p.id);
        if (before.holders.get(key) !== after.holders.get(key))
            inFlight.set(key, [positions.get(key) ?? 0, rig.position(p)]);
    }
    return {
        row: { fault: label, atSec: Math.round((at - t0) / 100) / 10, leasesSec, readingSec, counts: fmt(after.counts), moved: inFlight.size,
            exit: ended === null ? '-' : ended.signal ?? `exit ${ended.code ?? '?'}` },
        inFlight,
    };
}
/** What became of the calls in progress on the moved PBXs during a fault. */
function outcome(rig, m, tally) {
    const lost = new Set(tally.lostIds);
    const dup = new Set(tally.duplicatedIds);
    const invisible = new Set(tally.invisibleIds);
    const ids = rig.pbxs.flatMap((p) => {
        const span = m.inFlight.get(pbxKey(p.tenant, p.id));
        if (!span)
            return [];
        return [...p.schedule.windows].filter(([, w]) => w.firstFrame <= span[1] && w.lastFrame >= span[0]).map(([id]) => id);
    });
    const count = (set) => ids.filter((id) => set.has(id)).length;
    return {
        ...m.row, calls: ids.length, duplicated: count(dup), lost: count(lost), invisible: count(invisible),
        wrongPartlyUnseen: count(new Set(tally.wrongPartlyUnseen)), wrongSeenWhole: count(new Set(tally.wrongSeenWhole)),
        delivered: ids.filter((id) => !lost.has(id) && !dup.has(id) && !invisible.has(id)).length,
    };
}
function notes(rig, t) {
    const ids = [...new Set([...t.lostIds, ...t.duplicatedIds, ...t.wrong.map((w) => w.split(' ')[0] ?? '')])];
    return ids.flatMap((id) => {
        const p = rig.pbxs.find((x) => x.schedule.expected.has(id));
        const w = p?.schedule.windows.get(id);
        if (!p || !w)
            return [];
        const dark = p.dark.map(([a, b]) => `[${a},${b === Number.MAX_SAFE_INTEGER ? 'end' : b})`).join(' ');
        const tenant = rig.tenants.find((x) => x.id === p.tenant);
        const got = [...new Set(tenant?.receiver.deliveries.filter((d) => d.data['callId'] === id).map((d) => d.type) ?? [])].join(',') || 'nothing';
        return [`${id}: frames ${w.firstFrame}..${w.lastFrame}, handovers at ${w.handoverFrames.join(',') || '-'}; got ${got}; ${p.id} dark ${dark || 'never'}`];
    });
}
export async function runTenantsChaos(s, onProgress = () => undefined) {
    const startedAt = Date.now();
    const rig = await TenantsRig.start(s);
    try {
        let next = 0;
        const nextId = () => { next += 1; return `i${next}`; };
        for (let i = 0; i < s.instances; i += 1)
            await rig.spawn(nextId());
        const startSec = await secondsUntil(rig, (x) => even(x, rig.pbxs.length) && x.counts.size === s.instances, startedAt, 90_000);
        if (startSec === null)
            throw new Error(`the leases were not spread over ${s.instances} instances within 90 s: ${fmt((await rig.spread()).counts)}`);
        const startCounts = fmt((await rig.spread()).counts);
        onProgress(`${s.instances} instances hold ${startCounts} after ${startSec} s`);
        await rig.startPbxs();
        const t0 = Date.now();
        if ((await secondsUntil(rig, (x) => x.allReading, t0, 30_000)) === null)
            throw new Error('not every PBX was read within 30 s of its start');
        const measured = [];
        const first = rig.pbxs[0];
        for (const [k, kind] of s.faults.entries()) {
            // faults spread over the replay: the k-th once the first PBX has played (k+1)/(faults+1) of its frames
            const at = ((k + 1) / (s.faults.length + 1)) * (first?.schedule.frameCount ?? 0);
            await pollUntil(() => (first ? rig.position(first) >= at : true), { timeoutMs: 600_000, intervalMs: 50 });
            const m = await fault(rig, kind, nextId, t0);
            onProgress(`${m.row.atSec} s ${m.row.fault}: leases in ${m.row.leasesSec ?? '-'} s, reading in ${m.row.readingSec ?? '-'} s, then ${m.row.counts}`);
            measured.push(m);
        }
        await rig.replaysFinished();
        onProgress('replays over');
        await pollUntil(() => rig.settled(), { timeoutMs: s.settleSec * 1000, intervalMs: 200 });
        // a late duplicate would come from a job still queued: wait until no tenant has one
        await pollUntil(async () => {
            const live = rig.live[0];
            const res = live ? await live.proc.get('/ready') : null;
            return res !== null && JSON.parse(res.body).queueDepth === 0;
        }, { timeoutMs: 30_000, intervalMs: 200 });
        const tally = await rig.tally();
        return {
            startSec, startCounts, rows: measured.map((m) => outcome(rig, m, tally)), tally,
            overlaps: rig.pbxs.reduce((n, p) => n + p.overlaps, 0), notes: notes(rig, tally), seconds: Math.round((Date.now() - startedAt) / 1000),
        };
    }
    finally {
        await rig.close();
    }
}
/** The result as a Markdown table: one row per fault, then the whole run. */
export function tenantsTable(r) {
    const head = ['fault', 'at s', 'leases s', 'reading s', 'ended', 'leases after', 'PBXs moved', 'calls in flight', 'delivered', 'duplicated', 'lost',
        'invisible', 'wrong, partly unseen', 'wrong, seen whole'];
    const t = r.tally;
    const rows = [
        ['start', '-', String(r.startSec), '-', '-', r.startCounts, '-', '-', '-', '-', '-', '-', '-', '-'],
        ...r.rows.map((x) => [x.fault, x.atSec, x.leasesSec ?? 'not within the wait', x.readingSec ?? '-', x.exit, x.counts, x.moved, x.calls, x.delivered,
            x.duplicated, x.lost, x.invisible, x.wrongPartlyUnseen, x.wrongSeenWhole].map(String)),
        ['whole run', '-', '-', '-', '-', '-', '-', `${t.sent} sent`, String(t.delivered), String(t.duplicated), String(t.lost), String(t.invisible),
            String(t.wrongPartlyUnseen.length), String(t.wrongSeenWhole.length)],
    ];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
    const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
