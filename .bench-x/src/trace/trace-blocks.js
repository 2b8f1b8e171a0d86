/** Bytes of one block: a few AMI entries (≈ 600 bytes each); an entry never spans two. */
export const BLOCK_BYTES = 4096;
/** Blocks cut from one slab (one ArrayBuffer allocated once, 256 KiB). */
const BLOCKS_PER_SLAB = 64;
/** Blocks the process holds at most (32 MiB); past it, entries are refused (the caller counts them as dropped). */
const BLOCKS_MAX = 8192;
/** UTF-8 bytes one UTF-16 unit takes at most: a string of n units surely fits in 3n bytes. */
const UTF8_MAX_PER_UNIT = 3;
/**
 * Fixed-size blocks of memory recycled forever, for the trace entries waiting for their state write. Why not a Buffer
 * per entry or a growing Buffer per call: every new ArrayBuffer counts as external memory to V8, and allocating them at
 * the event rate (≈ 36 MB/s saturated) made V8 run 2–3 times as many full GCs over the same stream (bench/ingest:
 * 32 against 13), a third of the CPU per event. Blocks are cut from slabs allocated once, and a drained block returns to
 * the free list, since what is sent to Redis is a string decoded from it.
 */
export class BlockPool {
    free = [];
    blocks = 0;
    /** A block to write into; null when BLOCKS_MAX are out and none is free. */
    take() {
        const block = this.free.pop();
        if (block !== undefined)
            return block;
        if (this.blocks + BLOCKS_PER_SLAB > BLOCKS_MAX)
            return null;
        const slab = Buffer.allocUnsafeSlow(BLOCK_BYTES * BLOCKS_PER_SLAB);
        for (let i = BLOCKS_PER_SLAB - 1; i > 0; i -= 1)
            this.free.push(slab.subarray(i * BLOCK_BYTES, (i + 1) * BLOCK_BYTES));
        this.blocks += BLOCKS_PER_SLAB;
        return slab.subarray(0, BLOCK_BYTES);
    }
    give(block) {
        this.free.push(block);
    }
    /** Blocks allocated and free: what the pool holds. */
    get sizes() {
        return { allocated: this.blocks, free: this.free.length };
    }
}
/** The process's pool: every PBX's TraceBuffer takes from it, so the bound is one for the process. */
export const TRACE_BLOCKS = new BlockPool();
/**
 * One list of one call's held entries, each its JSON and a newline, in blocks (or, for an entry bigger than a block,
 * as its own string). `chunks()` gives them as strings of whole entries, oldest first, and returns the blocks.
 */
export class EntryChain {
    pool;
    /** Blocks and oversized entries in order; `used[i]` is how much of block i is written (0 for a string). */
    items = [];
    used = [];
    count = 0;
    constructor(pool) {
        this.pool = pool;
    }
    /**
     * Appends one entry written as its pieces (`parts` joined, then a newline); false when no block could be had. The
     * pieces are written one after the other into the block, so the entry is never built as one string.
     */
    append(parts) {
        let units = 1;
        for (const p of parts)
            units += p.length;
        const last = this.items.length - 1;
        let block = last >= 0 ? this.items[last] : undefined;
        let at = last >= 0 ? (this.used[last] ?? 0) : 0;
        const room = typeof block === 'string' || block === undefined ? 0 : BLOCK_BYTES - at;
        if (units * UTF8_MAX_PER_UNIT > room && byteLengthOf(parts) + 1 > room) {
            if (byteLengthOf(parts) + 1 > BLOCK_BYTES)
                return this.appendString(`${parts.join('')}\n`);
            const fresh = this.pool.take();
            if (fresh === null)
                return false;
            block = fresh;
            at = 0;
            this.items.push(fresh);
            this.used.push(0);
        }
        const b = block;
        for (const p of parts)
            at = p.length <= SHORT_UNITS ? writeShort(b, at, p) : at + b.write(p, at);
        b[at] = 10;
        this.used[this.used.length - 1] = at + 1;
        this.count += 1;
        return true;
    }
    appendString(entry) {
        this.items.push(entry);
        this.used.push(0);
        this.count += 1;
        return true;
    }
    /**
     * The held entries as strings of whole entries, newline-ended, oldest first (one per block, or an oversized entry);
     * the blocks return to the pool at once, as the strings are copies. The chain is empty after.
     */
    chunks() {
        const out = [];
        for (let i = 0; i < this.items.length; i += 1) {
            const item = this.items[i];
            if (item === undefined)
                continue;
            if (typeof item === 'string') {
                out.push(item);
                continue;
            }
            out.push(item.toString('utf8', 0, this.used[i]));
            this.pool.give(item);
        }
        this.items.length = 0;
        this.used.length = 0;
        this.count = 0;
        return out;
    }
}
/** Strings up to this long are written byte by byte while ASCII: a call into Buffer.write costs more for a few bytes. */
const SHORT_UNITS = 96;
/** Writes `s` at `at` (room is known to suffice); the new end. */
function writeShort(b, at, s) {
    for (let i = 0; i < s.length; i += 1) {
        const c = s.charCodeAt(i);
        if (c >= 128)
            return at + b.write(s.slice(i), at);
        b[at] = c;
        at += 1;
    }
    return at;
}
function byteLengthOf(parts) {
    let n = 0;
    for (const p of parts)
        n += Buffer.byteLength(p);
    return n;
}
