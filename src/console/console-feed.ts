import type { RedisClient } from '../net/redis-client.js';
import { cardView, sentTo, type CardView, type ConsoleViewer } from './card-view.js';
import type { ConsoleCard } from './console-card.js';
import { readStoredCard, toCardEntries, type CardEntry, type ConsoleEventHub } from './console-event-hub.js';
import { compareStreamIds, isStreamId, type StreamId } from './stream-id.js';

export interface ConsoleFeedKeys {
  readonly stream: string;
  readonly current: string;
  /** The trackers' hashes of open calls (one per PBX): a current card whose call is in none of them is stale (dropped). */
  readonly trackerCalls: readonly string[];
}

export interface ViewedCard {
  readonly card: ConsoleCard;
  readonly view: CardView;
}

/** What a page is sent, in order. `snapshot` replaces every card the page has; `card` changes one. */
export type FeedMessage =
  | { readonly kind: 'snapshot'; readonly id: StreamId; readonly cards: readonly ViewedCard[] }
  | { readonly kind: 'card'; readonly id: StreamId; readonly card: ViewedCard; /** `card.card` as JSON (the stream's text). */ readonly json: string }
  | { readonly kind: 'position'; readonly id: StreamId };

const CATCH_UP_PAGE = 500;

/**
 * One page's feed: a snapshot of its current calls or, when it comes back with the id of the last event it saw and the
 * stream still holds everything after it, exactly the events it missed; then the live events. Live events that
 * arrive while the catch-up reads Redis are held and sent after it, each once (ids only grow).
 */
export class ConsoleFeed {
  private held: CardEntry[] | null = [];
  private seenId: StreamId = '0-0';
  private readonly unsubscribe: () => void;

  constructor(
    private readonly redis: RedisClient, private readonly hub: ConsoleEventHub, private readonly keys: ConsoleFeedKeys,
    private readonly viewer: ConsoleViewer, private readonly send: (message: FeedMessage) => void,
  ) {
    // an operator's page is handed only the entries that concern them (the rest would not be sent: see sentTo)
    this.unsubscribe = hub.subscribe((entry) => {
      if (this.held) this.held.push(entry);
      else this.deliver(entry);
    }, viewer.role === 'supervisor' ? undefined : viewer.extension);
  }

  /** Starts the feed after `lastEventId` (null: with a snapshot). */
  async start(lastEventId: string | null): Promise<void> {
    if (lastEventId !== null && isStreamId(lastEventId) && (await this.canResumeFrom(lastEventId))) {
      this.seenId = lastEventId;
      await this.catchUp(lastEventId);
    } else {
      await this.snapshot();
    }
    const held = this.held ?? [];
    this.held = null;
    for (const entry of held) this.deliver(entry);
  }

  /**
   * The last id this page has seen (sent or not for it): heartbeats carry it so a reconnect resumes from there. Once
   * live, every entry the hub has handed out was either delivered here or does not concern this page.
   */
  get position(): StreamId {
    if (this.held) return this.seenId;
    return compareStreamIds(this.hub.position, this.seenId) > 0 ? this.hub.position : this.seenId;
  }

  close(): void {
    this.unsubscribe();
  }

  /**
   * Whether the stream still holds every entry after `id`: it was never trimmed, or an entry at or before `id` is still
   * in it (trimming removes the oldest first); and `id` is not newer than anything the stream made (Redis emptied).
   */
  private async canResumeFrom(id: StreamId): Promise<boolean> {
    let info: unknown[];
    try {
      info = (await this.redis.call('XINFO', 'STREAM', this.keys.stream)) as unknown[];
    } catch {
      return false; // no stream at all
    }
    const field = (name: string): unknown => {
      const at = info.indexOf(name);
      return at >= 0 ? info[at + 1] : undefined;
    };
    const idOf = (v: unknown): StreamId => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '0-0');
    if (compareStreamIds(id, idOf(field('last-generated-id'))) > 0) return false;
    if (compareStreamIds(idOf(field('max-deleted-entry-id')), id) > 0) return false;
    if (Number(field('entries-added')) === Number(field('length'))) return true;
    const first = field('first-entry');
    return first !== null && first !== undefined && compareStreamIds(idOf(first), id) <= 0;
  }

  private async catchUp(after: StreamId): Promise<void> {
    let from = after;
    for (;;) {
      const rows = (await this.redis.xrange(this.keys.stream, `(${from}`, '+', 'COUNT', CATCH_UP_PAGE)) as Array<[string, string[]]>;
      for (const entry of toCardEntries(rows)) this.deliver(entry);
      const last = rows.at(-1);
      if (!last || rows.length < CATCH_UP_PAGE) return;
      from = last[0];
    }
  }

  private async snapshot(): Promise<void> {
    const { id, cards } = await readCurrentCards(this.redis, this.keys);
    const viewed: ViewedCard[] = [];
    for (const card of cards) {
      const view = cardView(card, this.viewer);
      if (sentTo(card, this.viewer) && view !== 'gone') viewed.push({ card, view });
    }
    this.seenId = id;
    this.send({ kind: 'snapshot', id, cards: viewed });
  }

  private deliver(entry: CardEntry): void {
    if (compareStreamIds(entry.id, this.seenId) <= 0) return; // the catch-up or the snapshot covered it
    this.seenId = entry.id;
    if (!sentTo(entry.card, this.viewer)) return;
    this.send({ kind: 'card', id: entry.id, card: { card: entry.card, view: cardView(entry.card, this.viewer) }, json: entry.json });
  }
}

/** The current calls' cards (oldest first) and the id of the stream's last entry, read together. */
export async function readCurrentCards(redis: RedisClient, keys: ConsoleFeedKeys): Promise<{ id: StreamId; cards: ConsoleCard[] }> {
  const tx = redis.multi().hgetall(keys.current).xrevrange(keys.stream, '+', '-', 'COUNT', 1);
  for (const key of keys.trackerCalls) tx.hkeys(key);
  const replies = await tx.exec();
  const current = (replies?.[0]?.[1] ?? {}) as Record<string, string>;
  const last = (replies?.[1]?.[1] ?? []) as Array<[string, string[]]>;
  const open = new Set((replies ?? []).slice(2).flatMap(([, ids]) => (ids ?? []) as string[]));
  const cards: ConsoleCard[] = [];
  for (const [callId, json] of Object.entries(current)) {
    const read = open.has(callId) ? readStoredCard(json) : null;
    if (read) cards.push(read.card);
  }
  cards.sort((a, b) => a.startedAtMs - b.startedAtMs);
  return { id: last[0]?.[0] ?? '0-0', cards };
}
