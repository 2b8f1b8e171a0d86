import { DEFAULT_TRACE_LIMITS } from './call-trace-store.js';
import { EntryChain, TRACE_BLOCKS } from './trace-blocks.js';
import { RAW_ENTRY } from './trace-entries.js';
/** Chatter that would crowd the events that made the call out of its bounded list. */
const SKIPPED_EVENTS = new Set(['Newexten', 'RTCPSent', 'RTCPReceived', 'VarSet']);
/** Entries held at most while Redis is slow or away; beyond, new ones are dropped (the calls still work). */
const PENDING_MAX = 50_000;
/** Held entries past which a state write for some calls also takes other calls' entries. */
const DRAIN_ALL_AT = 10_000;
/** Other calls' entries one state write takes at most (≈ 1.5 MB); the periodic save writes in slices, each takes some. */
const DRAIN_SLICE = 2_000;
const EXPV = process.env['EXP'] ?? '';
/** Calls remembered at most (each is forgotten once its end is written; past the bound, all are). */
const COUNTED_CALLS_MAX = 100_000;
/** Event names whose JSON is remembered (AMI sends a few dozen). */
const NAME_JSON_MAX = 512;
/** Whether an AMI event goes into traces: chatter does not (VarSet only when it set a channel variable the tracker reads). */
export function isTraced(ev) {
    return !SKIPPED_EVENTS.has(ev.name) || (ev.name === 'VarSet' && hasKey(ev.vars));
}
/** A frame's text as the reader gives it ends with its last line's LF; anything else is stored as JSON. */
function endsWithLineEnd(text) {
    return text.length > 0 && text.charCodeAt(text.length - 1) === 10;
}
function hasKey(record) {
    for (const _key in record)
        return true;
    return false;
}
/**
 * The hot-path half of the per-call trace: AMI events and the tracker's call events, held per call id as their JSON,
 * one per line, in recycled blocks (trace-blocks.ts: no allocation per entry that V8 counts), and written by
 * CrashSafeWriter inside its state writes (no extra round trip), as a few strings of whole entries per list (each one
 * element of the list in Redis, see CallTraceStore). A state write that saves some calls (their call events are about
 * to be queued) takes those calls' entries, so a call's trace is in Redis up to each stage as its job is; the others
 * wait for the periodic save (every second, in slices) or until DRAIN_ALL_AT are held, so each list gets one append per
 * batch instead of one per event. Bounded: the first `maxEntries` AMI events of a call are kept (the later ones are
 * not even serialised), and at most PENDING_MAX entries are held.
 */
export class TraceBuffer {
    sink;
    pending = new Map();
    marks = new Map();
    nameJson = new Map();
    count = 0;
    maxEntries;
    pool;
    dropped = 0;
    /** Whether AMI events go into traces (CALL_TRACE_AMI); call events, decisions and CRM requests always do. */
    recordsAmi;
    constructor(sink, options = {}) {
        this.sink = sink;
        this.recordsAmi = options.amiEvents ?? true;
        this.maxEntries = options.maxEntries ?? DEFAULT_TRACE_LIMITS.maxEntries;
        this.pool = options.pool ?? TRACE_BLOCKS;
    }
    get hasPending() {
        return this.count > 0;
    }
    /**
     * An AMI event of a tracked call (chatter is skipped, see isTraced). With `frameText` (the frame as received, while
     * it is being delivered) the entry is that text after a line `R<atMs>`, ended by an empty line: one copy of bytes
     * already decoded, no serialising (trace-entries.ts reads it back through the same frame reader). Without it (an
     * event held during a resync) it is `{"kind":"ami","atMs":…,"event":…,"fields":…}`, the fields as one
     * JSON.stringify of the event's field map. Either way `privilege` is stored and left out when read.
     */
    amiEvent(callId, ev, frameText) {
        if (callId === null || !this.recordsAmi || !isTraced(ev))
            return;
        const mark = this.markOf(callId);
        if (mark.ami >= this.maxEntries)
            return; // the list keeps the first ones: the rest would be trimmed anyway
        if (this.count >= PENDING_MAX) {
            this.dropped += 1;
            return;
        }
        if (EXPV === 'r')
            return;
        const atMs = Number.isFinite(ev.timeMs) ? String(ev.timeMs) : 'null';
        const parts = frameText !== undefined && endsWithLineEnd(frameText)
            ? [`${RAW_ENTRY}${atMs}\n`, frameText]
            : [`{"kind":"ami","atMs":${atMs},"event":${this.eventJson(ev.name)},"fields":`, JSON.stringify(ev.fields), '}'];
        if (!this.listsOf(callId).ami.append(parts)) {
            this.dropped += 1;
            return;
        }
        mark.ami += 1;
        this.count += 1;
    }
    markOf(callId) {
        let mark = this.marks.get(callId);
        if (mark === undefined) {
            if (this.marks.size >= COUNTED_CALLS_MAX)
                this.marks.clear();
            mark = { ami: 0, bounded: false };
            this.marks.set(callId, mark);
        }
        return mark;
    }
    eventJson(name) {
        let json = this.nameJson.get(name);
        if (json === undefined) {
            json = JSON.stringify(name);
            if (this.nameJson.size < NAME_JSON_MAX)
                this.nameJson.set(name, json);
        }
        return json;
    }
    /** A call event the tracker emitted: what it decided (stage, who answered, disposition, why it ended). */
    callEvent(ev) {
        const c = ev.call;
        this.add(c.id, 'log', {
            kind: 'tracker', atMs: ev.atMs, stage: ev.stage, seq: ev.seq, direction: c.direction,
            ...(ev.ringingTargets ? { ringingTargets: ev.ringingTargets } : {}),
            ...(ev.stage === 'ended' ? { disposition: c.disposition, answeredBy: c.answeredBy, endReason: ev.endReason ?? 'hangup' } : {}),
            ...(ev.stage === 'answered' ? { answeredBy: c.answeredBy } : {}),
            ...(ev.mergedInto ? { mergedInto: ev.mergedInto } : {}),
        });
        if (ev.mergedInto)
            this.add(ev.mergedInto, 'log', { kind: 'merged-from', atMs: ev.atMs, callId: c.id });
        if (ev.stage === 'ended')
            this.listsOf(c.id).ended = true;
    }
    add(callId, list, entry) {
        if (this.count >= PENDING_MAX || !this.listsOf(callId)[list].append([JSON.stringify(entry)])) {
            this.dropped += 1;
            return;
        }
        this.count += 1;
    }
    listsOf(callId) {
        let lists = this.pending.get(callId);
        if (!lists) {
            lists = { ami: new EntryChain(this.pool), log: new EntryChain(this.pool), ended: false };
            this.pending.set(callId, lists);
        }
        return lists;
    }
    /**
     * Queues held entries on `tx` and forgets them (a failed write loses them: a trace is best effort): those of `calls`
     * when given; then, when no calls are given or DRAIN_ALL_AT or more are held, other calls' (oldest first) up to
     * DRAIN_SLICE entries, so one state write never carries a burst that would hold up the jobs sent after it.
     */
    drainInto(tx, calls) {
        if (this.count === 0)
            return;
        if (calls !== undefined)
            for (const callId of calls)
                this.take(tx, callId);
        if (calls !== undefined && this.count < DRAIN_ALL_AT)
            return;
        let taken = 0;
        for (const callId of this.pending.keys()) {
            if (taken >= DRAIN_SLICE)
                break;
            taken += this.take(tx, callId);
        }
    }
    /**
     * A state write failed: what it carried is lost, and maybe a list's TTL with it. The next write of every call sets
     * its bound and TTL again, so no list is left without one.
     */
    writeFailed() {
        for (const mark of this.marks.values())
            mark.bounded = false;
    }
    /**
     * Queues one call's held entries; how many. Only the first write of a call, the one after its end (and after a
     * failure) trims and renews the TTL: RPUSH alone the rest of the time, a third of the commands per write. The
     * list cannot pass its bound meanwhile, since the first maxEntries AMI events are all that is taken.
     */
    take(tx, callId) {
        const lists = this.pending.get(callId);
        if (!lists)
            return 0;
        const n = lists.ami.count + lists.log.count;
        const mark = this.markOf(callId);
        const bound = lists.ended || !mark.bounded;
        const ch = lists.ami.chunks();
        if (EXPV !== 'n')
            this.sink.append(tx, callId, 'ami', ch, bound);
        this.sink.append(tx, callId, 'log', lists.log.chunks(), bound);
        if (lists.ended)
            this.marks.delete(callId);
        else
            mark.bounded = true;
        this.pending.delete(callId);
        this.count -= n;
        return n;
    }
}
