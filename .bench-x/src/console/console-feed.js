import { cardView, sentTo } from './card-view.js';
import { readStoredCard, toCardEntries } from './console-event-hub.js';
import { compareStreamIds, isStreamId } from './stream-id.js';
const CATCH_UP_PAGE = 500;
/**
 * One page's feed: a snapshot of its current calls or, when it comes back with the id of the last event it saw and the
 * stream still holds everything after it, exactly the events it missed; then the live events. Live events that
 * arrive while the catch-up reads Redis are held and sent after it, each once (ids only grow).
 */
export class ConsoleFeed {
    redis;
    hub;
    keys;
    viewer;
    send;
    held = [];
    seenId = '0-0';
    unsubscribe;
    constructor(redis, hub, keys, viewer, send) {
        this.redis = redis;
        this.hub = hub;
        this.keys = keys;
        this.viewer = viewer;
        this.send = send;
        // an operator's page is handed only the entries that concern them (the rest would not be sent: see sentTo)
        this.unsubscribe = hub.subscribe((entry) => {
            if (this.held)
                this.held.push(entry);
            else
                this.deliver(entry);
        }, viewer.role === 'supervisor' ? undefined : viewer.extension);
    }
    /** Starts the feed after `lastEventId` (null: with a snapshot). */
    async start(lastEventId) {
        if (lastEventId !== null && isStreamId(lastEventId) && (await this.canResumeFrom(lastEventId))) {
            this.seenId = lastEventId;
            await this.catchUp(lastEventId);
        }
        else {
            await this.snapshot();
        }
        const held = this.held ?? [];
        this.held = null;
        for (const entry of held)
            this.deliver(entry);
    }
    /**
     * The last id this page has seen (sent or not for it): heartbeats carry it so a reconnect resumes from there. Once
     * live, every entry the hub has handed out was either delivered here or does not concern this page.
     */
    get position() {
        if (this.held)
            return this.seenId;
        return compareStreamIds(this.hub.position, this.seenId) > 0 ? this.hub.position : this.seenId;
    }
    close() {
        this.unsubscribe();
    }
    /**
     * Whether the stream still holds every entry after `id`: it was never trimmed, or an entry at or before `id` is still
     * in it (trimming removes the oldest first); and `id` is not newer than anything the stream made (Redis emptied).
     */
    async canResumeFrom(id) {
        let info;
        try {
            info = (await this.redis.call('XINFO', 'STREAM', this.keys.stream));
        }
        catch {
            return false; // no stream at all
        }
        const field = (name) => {
            const at = info.indexOf(name);
            return at >= 0 ? info[at + 1] : undefined;
        };
        const idOf = (v) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '0-0');
        if (compareStreamIds(id, idOf(field('last-generated-id'))) > 0)
            return false;
        if (compareStreamIds(idOf(field('max-deleted-entry-id')), id) > 0)
            return false;
        if (Number(field('entries-added')) === Number(field('length')))
            return true;
        const first = field('first-entry');
        return first !== null && first !== undefined && compareStreamIds(idOf(first), id) <= 0;
    }
    async catchUp(after) {
        let from = after;
        for (;;) {
            const rows = (await this.redis.xrange(this.keys.stream, `(${from}`, '+', 'COUNT', CATCH_UP_PAGE));
            for (const entry of toCardEntries(rows))
                this.deliver(entry);
            const last = rows.at(-1);
            if (!last || rows.length < CATCH_UP_PAGE)
                return;
            from = last[0];
        }
    }
    async snapshot() {
        const { id, cards } = await readCurrentCards(this.redis, this.keys);
        const viewed = [];
        for (const card of cards) {
            const view = cardView(card, this.viewer);
            if (sentTo(card, this.viewer) && view !== 'gone')
                viewed.push({ card, view });
        }
        this.seenId = id;
        this.send({ kind: 'snapshot', id, cards: viewed });
    }
    deliver(entry) {
        if (compareStreamIds(entry.id, this.seenId) <= 0)
            return; // the catch-up or the snapshot covered it
        this.seenId = entry.id;
        if (!sentTo(entry.card, this.viewer))
            return;
        this.send({ kind: 'card', id: entry.id, card: { card: entry.card, view: cardView(entry.card, this.viewer) }, json: entry.json });
    }
}
/** The current calls' cards (oldest first) and the id of the stream's last entry, read together. */
export async function readCurrentCards(redis, keys) {
    const tx = redis.multi().hgetall(keys.current).xrevrange(keys.stream, '+', '-', 'COUNT', 1);
    for (const key of keys.trackerCalls)
        tx.hkeys(key);
    const replies = await tx.exec();
    const current = (replies?.[0]?.[1] ?? {});
    const last = (replies?.[1]?.[1] ?? []);
    const open = new Set((replies ?? []).slice(2).flatMap(([, ids]) => (ids ?? [])));
    const cards = [];
    for (const [callId, json] of Object.entries(current)) {
        const read = open.has(callId) ? readStoredCard(json) : null;
        if (read)
            cards.push(read.card);
    }
    cards.sort((a, b) => a.startedAtMs - b.startedAtMs);
    return { id: last[0]?.[0] ?? '0-0', cards };
}
