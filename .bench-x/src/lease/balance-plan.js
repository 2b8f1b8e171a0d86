/**
 * The pure part of the lease balancer (no I/O, no clock): who should hold how many leases, and what one instance does
 * in one round. Every instance computes the same shares from the same registry, so no instance has to coordinate.
 */
/** A value a releasing instance leaves in a lease key: taken only by an instance below its share until it expires. */
export const HANDOFF_MARK = 'released:';
export function handoffValue(instanceId) {
    return `${HANDOFF_MARK}${instanceId}`;
}
/** The holder a lease key's value names, or null (free, or being handed off). */
export function holderOf(value) {
    return value === null || value.startsWith(HANDOFF_MARK) ? null : value;
}
/**
 * Each live instance's fair share of `leases` leases: floor or ceil of leases / instances, the ceil going to the first
 * instances in sorted id order, so every instance computes the same split.
 */
export function fairShares(instanceIds, leases) {
    const ids = [...new Set(instanceIds)].sort();
    const shares = new Map();
    if (ids.length === 0)
        return shares;
    const base = Math.floor(leases / ids.length);
    const rest = leases % ids.length;
    ids.forEach((id, i) => shares.set(id, base + (i < rest ? 1 : 0)));
    return shares;
}
function count(input, liveIds) {
    const held = new Map([...liveIds].map((id) => [id, 0]));
    let pending = 0;
    for (const value of input.values.values()) {
        const holder = holderOf(value);
        if (holder !== null && liveIds.has(holder))
            held.set(holder, (held.get(holder) ?? 0) + 1);
        else
            pending += 1;
    }
    for (const inst of input.live) {
        const releasing = inst.id === input.me ? (input.releasing ? 1 : 0) : inst.releasing;
        const now = held.get(inst.id) ?? 0;
        const gone = Math.min(now, releasing);
        held.set(inst.id, now - gone);
        pending += gone;
    }
    return { held, pending };
}
/**
 * One round of one instance:
 *  - a key it holds that has no value any more (Redis restarted, a slow renewal) is taken back at once;
 *  - free keys are taken at once up to its share, and beyond its share when they stayed free for two rounds
 *    (every instance had a round meanwhile and nobody below its share took them: availability first);
 *  - keys being handed off are taken only by an instance below its share (never by the instance that released them);
 *  - above its share, it releases one lease, only while the live instances below their share miss more leases than
 *    are free or on their way (so two instances do not release for the same gap), the most loaded instances first.
 */
export function planRound(input) {
    const liveIds = new Set([input.me, ...input.live.map((i) => i.id)]);
    const shares = fairShares([...liveIds], input.values.size);
    const share = shares.get(input.me) ?? 0;
    const { held, pending } = count(input, liveIds);
    let room = share - (held.get(input.me) ?? 0);
    const take = [];
    const takeHandoff = [];
    const sorted = [...input.values.keys()].sort();
    const keys = preferredOrder(sorted, shares, input.me);
    for (const key of keys) {
        if (input.values.get(key) === null && input.held.has(key)) {
            take.push(key);
            room -= 1;
        }
    }
    const free = sorted.filter((key) => input.values.get(key) === null && !input.held.has(key));
    const mine = allotted(free, shares, held, input.me);
    for (const key of [...mine, ...keys.filter((k) => !mine.includes(k))]) {
        if (input.values.get(key) !== null || input.held.has(key))
            continue;
        if (room > 0 || input.freeBefore.has(key)) {
            take.push(key);
            room -= 1;
        }
    }
    const ownMark = handoffValue(input.me);
    for (const key of keys) {
        const value = input.values.get(key) ?? null;
        if (room <= 0)
            break;
        if (value !== null && value.startsWith(HANDOFF_MARK) && value !== ownMark) {
            takeHandoff.push(key);
            room -= 1;
        }
    }
    const release = take.length === 0 && takeHandoff.length === 0 && !input.releasing ? chooseRelease(input, keys, shares, held, pending) : null;
    return { share, take, takeHandoff, release };
}
/**
 * This instance's part of the free keys when they are dealt out, in sorted order, to the instances below their share
 * in sorted id order, each as many as it misses. Every instance that sees the same keys deals them the same way, so
 * the survivors of a dead instance take its keys in one round instead of racing for the same ones.
 */
function allotted(free, shares, held, me) {
    let at = 0;
    for (const [id, share] of shares) {
        const missing = Math.max(0, share - (held.get(id) ?? 0));
        if (id === me)
            return free.slice(at, at + missing);
        at += missing;
    }
    return [];
}
/**
 * The keys in the order this instance tries them: starting with its own slice of the sorted keys (as if the shares
 * were laid out in sorted id order), then the rest. Instances that see the same free keys at once try different ones
 * instead of racing for the same.
 */
function preferredOrder(sortedKeys, shares, me) {
    let start = 0;
    for (const [id, share] of shares) {
        if (id === me)
            break;
        start += share;
    }
    start = sortedKeys.length === 0 ? 0 : start % sortedKeys.length;
    return [...sortedKeys.slice(start), ...sortedKeys.slice(0, start)];
}
function chooseRelease(input, order, shares, held, pending) {
    const share = shares.get(input.me) ?? 0;
    if ((held.get(input.me) ?? 0) <= share)
        return null;
    let missing = 0;
    for (const [id, s] of shares)
        missing += Math.max(0, s - (held.get(id) ?? 0));
    const releases = missing - pending;
    if (releases <= 0)
        return null;
    const over = [...shares].map(([id, s]) => ({ id, excess: (held.get(id) ?? 0) - s })).filter((o) => o.excess > 0)
        .sort((a, b) => b.excess - a.excess || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (!over.slice(0, releases).some((o) => o.id === input.me))
        return null;
    // the one furthest from this instance's own slice of the keys
    return order.filter((k) => input.values.get(k) === input.me).at(-1) ?? null;
}
