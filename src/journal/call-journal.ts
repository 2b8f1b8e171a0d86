import type { Redis } from 'ioredis';
import type { CallSnapshot, Disposition } from '../calls/call.js';
import { extensionsOf, toCallRecord, type CallRecord, type CallRecordCrm, type LineHoursCheck } from './call-record.js';

export interface JournalQuery {
  readonly limit?: number;          // 1..500, default 50
  readonly cursor?: string | null;  // from the previous page's nextCursor
  readonly phone?: string;
  readonly extension?: string;
  readonly disposition?: Disposition;
  readonly fromMs?: number;         // startedAtMs >= fromMs
  readonly toMs?: number;           // startedAtMs <= toMs
}

export interface JournalPage {
  readonly items: CallRecord[];
  readonly nextCursor: string | null;
}

interface Position { readonly score: number; readonly id: string }

const SCAN_PAGE = 200;

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

/** The call journal in Redis: a hash per call, a sorted set by start time, and the same per phone, extension and disposition. */
export class CallJournal {
  /** `hours`: the lines' working hours, to mark missed calls that came in out of hours (`outOfHours: true`). */
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly hours: LineHoursCheck | null = null) {}

  private key(...parts: string[]): string {
    return [this.prefix, 'journal', ...parts].join(':');
  }

  /** Writes (or rewrites: idempotent) the record of an ended call. */
  async record(call: CallSnapshot, responsible: string | null, crm: CallRecordCrm | null): Promise<CallRecord> {
    const record = toCallRecord(call, responsible, crm, this.hours);
    const score = record.startedAtMs;
    const tx = this.redis.multi()
      .hset(this.key('call', record.id), { json: JSON.stringify(record), direction: record.direction, disposition: record.disposition ?? '', startedAtMs: String(score) })
      .zadd(this.key('all'), score, record.id);
    if (record.externalNumber) tx.zadd(this.key('phone', record.externalNumber), score, record.id);
    for (const ext of extensionsOf(record)) tx.zadd(this.key('ext', ext), score, record.id);
    if (record.disposition) tx.zadd(this.key('disp', record.disposition), score, record.id);
    await tx.exec();
    return record;
  }

  async get(id: string): Promise<CallRecord | null> {
    const raw = await this.redis.hget(this.key('call', id), 'json');
    return raw === null ? null : (JSON.parse(raw) as CallRecord);
  }

  /** Newest first. Filters not served by the chosen index are applied while scanning. */
  async list(q: JournalQuery = {}): Promise<JournalPage> {
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
    const index = this.indexFor(q);
    const from = q.cursor ? decodeCursor(q.cursor) : null;
    const items: CallRecord[] = [];
    let max = from ? String(from.score) : q.toMs !== undefined ? String(q.toMs) : '+inf';
    if (from && q.toMs !== undefined && q.toMs < from.score) max = String(q.toMs);
    const min = q.fromMs !== undefined ? String(q.fromMs) : '-inf';
    let offset = 0;
    let last: Position | null = null;
    while (items.length < limit) {
      const ids = await this.redis.zrevrangebyscore(index, max, min, 'LIMIT', offset, SCAN_PAGE);
      offset += ids.length;
      for (const record of await this.records(ids)) {
        const pos = { score: record.startedAtMs, id: record.id };
        if (from && pos.score === from.score && pos.id >= from.id) continue;
        if (!matches(record, q)) continue;
        items.push(record);
        last = pos;
        if (items.length === limit) break;
      }
      if (ids.length < SCAN_PAGE && items.length < limit) return { items, nextCursor: null };
    }
    return { items, nextCursor: last ? encodeCursor(last) : null };
  }

  private async records(ids: string[]): Promise<CallRecord[]> {
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hget(this.key('call', id), 'json');
    const replies = (await pipe.exec()) ?? [];
    return replies.flatMap(([, raw]) => (typeof raw === 'string' ? [JSON.parse(raw) as CallRecord] : []));
  }

  private indexFor(q: JournalQuery): string {
    if (q.phone) return this.key('phone', q.phone);
    if (q.extension) return this.key('ext', q.extension);
    if (q.disposition) return this.key('disp', q.disposition);
    return this.key('all');
  }
}

function matches(r: CallRecord, q: JournalQuery): boolean {
  if (q.phone && r.externalNumber !== q.phone) return false;
  if (q.extension && !extensionsOf(r).includes(q.extension)) return false;
  return !q.disposition || r.disposition === q.disposition;
}

function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.score, p.id])).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') return { score: v[0], id: v[1] };
  } catch { /* fall through */ }
  throw new InvalidCursorError('invalid cursor');
}
