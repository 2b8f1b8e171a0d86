import { concernedExtensions } from './card-view.js';
function isCard(v) {
    return typeof v === 'object' && v !== null && typeof v.callId === 'string' && typeof v.seq === 'number'
        && Array.isArray(v.rang) && Array.isArray(v.ringing) && Array.isArray(v.transfers);
}
/**
 * A card as stored (stream entry or current-calls hash) with its JSON, or null when it is not one. A card written by
 * an older daemon has no `talking` (who talks now): then it is the answerer, as that version drew it, and the JSON
 * pages get is written again with it.
 */
export function readStoredCard(json) {
    let v;
    try {
        v = JSON.parse(json);
    }
    catch {
        return null;
    }
    if (!isCard(v))
        return null;
    const card = v;
    if (Array.isArray(card.talking))
        return { card, json };
    const upgraded = { ...card, talking: typeof card.answeredBy === 'string' ? [card.answeredBy] : [] };
    return { card: upgraded, json: JSON.stringify(upgraded) };
}
/** Card entries from a raw XRANGE/XREAD list (entries without a readable card are skipped). */
export function toCardEntries(rows) {
    const out = [];
    for (const [id, fields] of rows) {
        const at = fields.indexOf('card');
        const json = at >= 0 ? fields[at + 1] : undefined;
        const read = json === undefined ? null : readStoredCard(json);
        if (read)
            out.push({ id, ...read });
    }
    return out;
}
/**
 * This instance's one reader of the card stream: a blocking XREAD on its own connection, handing every entry, in
 * order, to the listeners (the open pages of this instance). Every instance runs one, so each page sees the same
 * stream whichever instance it is connected to. A listener for one extension (an operator's page) is handed only the
 * entries that concern it, found by the card's extensions rather than by asking every open page.
 */
export class ConsoleEventHub {
    blocking;
    key;
    log;
    /** Listeners of every entry. */
    listeners = new Set();
    /** Listeners of the entries that concern an extension, by extension. */
    byExtension = new Map();
    count = 0;
    lastId = '0-0';
    running = false;
    loop = Promise.resolve();
    constructor(blocking, key, log) {
        this.blocking = blocking;
        this.key = key;
        this.log = log;
    }
    /** The id of the last entry handed out (or the stream's last at start). */
    get position() { return this.lastId; }
    get listenerCount() { return this.count; }
    async start() {
        const last = await this.blocking.xrevrange(this.key, '+', '-', 'COUNT', 1);
        this.lastId = last[0]?.[0] ?? '0-0';
        this.running = true;
        this.loop = this.run();
    }
    /** `extension`: only the entries whose card concerns it (card-view's `concerns`); without: every entry. */
    subscribe(listener, extension) {
        let set = this.listeners;
        if (extension !== undefined) {
            set = this.byExtension.get(extension) ?? new Set();
            this.byExtension.set(extension, set);
        }
        if (!set.has(listener))
            this.count += 1;
        set.add(listener);
        return () => {
            if (!set.delete(listener))
                return;
            this.count -= 1;
            if (extension !== undefined && set.size === 0 && this.byExtension.get(extension) === set)
                this.byExtension.delete(extension);
        };
    }
    dispatch(entry) {
        const hand = (listener) => {
            try {
                listener(entry);
            }
            catch (err) {
                this.log.error({ err }, 'console listener failed');
            }
        };
        for (const listener of this.listeners)
            hand(listener);
        if (this.byExtension.size === 0)
            return;
        let extensions;
        try {
            extensions = concernedExtensions(entry.card);
        }
        catch (err) { // a card this version cannot read goes to no operator, and the stream reading goes on
            this.log.error({ err, id: entry.id }, 'console: a card event could not be routed');
            return;
        }
        for (const extension of extensions) {
            const set = this.byExtension.get(extension);
            if (set)
                for (const listener of set)
                    hand(listener);
        }
    }
    async run() {
        while (this.running) {
            let reply;
            try {
                reply = (await this.blocking.xread('COUNT', 1000, 'BLOCK', 5000, 'STREAMS', this.key, this.lastId));
            }
            catch (err) {
                if (!this.running)
                    return;
                this.log.warn({ err }, 'console event stream read failed; retrying');
                await new Promise((resolve) => setTimeout(resolve, 500));
                continue;
            }
            const rows = reply?.[0]?.[1] ?? [];
            for (const entry of toCardEntries(rows)) {
                this.lastId = entry.id;
                this.dispatch(entry);
            }
            const lastRow = rows.at(-1);
            if (lastRow)
                this.lastId = lastRow[0]; // past an unreadable last entry too
        }
    }
    async stop() {
        this.running = false;
        this.blocking.disconnect();
        await this.loop;
        this.listeners.clear();
        this.byExtension.clear();
        this.count = 0;
    }
}
