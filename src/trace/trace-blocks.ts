/** Bytes of one block: a few AMI entries (≈ 450 bytes each); an entry never spans two. */
export const BLOCK_BYTES = 4096;
/** Blocks cut from one slab (one ArrayBuffer allocated once, 256 KiB). */
const BLOCKS_PER_SLAB = 64;
/** Blocks the process holds at most (64 MiB); past it, entries are refused (the caller counts them as dropped). */
const BLOCKS_MAX = 16_384;
/** Free blocks kept for reuse; a slab whose blocks are all free beyond this is let go (its memory goes back). */
const FREE_KEPT = 2048;
/** UTF-8 bytes one UTF-16 unit takes at most: a string of n units surely fits in 3n bytes. */
const UTF8_MAX_PER_UNIT = 3;

/** Where an EntryChain gets its blocks and gives them back. */
export interface BlockSource {
  /** A block to write into; null when none may be had now. */
  take(): Buffer | null;
  give(block: Buffer): void;
}

interface Slab {
  readonly free: Buffer[];
}

/**
 * Fixed-size blocks of memory reused, for the trace entries waiting for their state write. Why not a Buffer per entry
 * or a growing Buffer per call: every new ArrayBuffer counts as external memory to V8, and holding them for up to a
 * second at the event rate (≈ 36 MB/s saturated) made V8 run 2–3 times as many full GCs over the same stream
 * (bench/ingest: 32 against 13), a third of the CPU per event. Blocks are cut from 256 KiB slabs; a drained block is
 * decoded to a string for Redis and given back at once. (Sending views on the blocks instead puts the whole state write
 * into ioredis's Buffer mode, two more copies in new ArrayBuffers per write: slower in bench/ingest, 23 against 19 µs
 * per event.) After a burst (Redis away), slabs whose blocks all came back are let go beyond FREE_KEPT free blocks.
 */
export class BlockPool {
  private readonly slabs: Slab[] = [];
  private readonly slabOf = new Map<Buffer, Slab>();
  private freeCount = 0;

  take(): Buffer | null {
    for (let i = this.slabs.length - 1; i >= 0; i -= 1) { // the newest slabs first: the older ones may empty and go
      const block = this.slabs[i]?.free.pop();
      if (block !== undefined) { this.freeCount -= 1; return block; }
    }
    if ((this.slabs.length + 1) * BLOCKS_PER_SLAB > BLOCKS_MAX) return null;
    const memory = Buffer.allocUnsafeSlow(BLOCK_BYTES * BLOCKS_PER_SLAB);
    const slab: Slab = { free: [] };
    for (let i = BLOCKS_PER_SLAB - 1; i > 0; i -= 1) slab.free.push(memory.subarray(i * BLOCK_BYTES, (i + 1) * BLOCK_BYTES));
    const first = memory.subarray(0, BLOCK_BYTES);
    for (const block of [first, ...slab.free]) this.slabOf.set(block, slab);
    this.freeCount += slab.free.length;
    this.slabs.push(slab);
    return first;
  }

  give(block: Buffer): void {
    const slab = this.slabOf.get(block);
    if (slab === undefined) return; // not one of ours (or its slab was let go): nothing to keep
    slab.free.push(block);
    this.freeCount += 1;
    if (slab.free.length === BLOCKS_PER_SLAB && this.freeCount > FREE_KEPT) this.release(slab);
  }

  private release(slab: Slab): void {
    const at = this.slabs.indexOf(slab);
    if (at >= 0) this.slabs.splice(at, 1);
    for (const block of slab.free) this.slabOf.delete(block);
    this.freeCount -= slab.free.length;
    slab.free.length = 0;
  }

  /** Blocks allocated and free: what the pool holds. */
  get sizes(): { readonly allocated: number; readonly free: number } {
    return { allocated: this.slabs.length * BLOCKS_PER_SLAB, free: this.freeCount };
  }
}

/** The process's pool: every PBX's TraceBuffer takes from it (each within its own BlockQuota). */
export const TRACE_BLOCKS = new BlockPool();

/** One TraceBuffer's share of a pool: at most `max` blocks held at once, so one PBX cannot take every other's. */
export class BlockQuota implements BlockSource {
  private held = 0;

  constructor(private readonly pool: BlockPool, private readonly max: number) {}

  take(): Buffer | null {
    if (this.held >= this.max) return null;
    const block = this.pool.take();
    if (block !== null) this.held += 1;
    return block;
  }

  give(block: Buffer): void {
    this.held -= 1;
    this.pool.give(block);
  }

  get blocksHeld(): number {
    return this.held;
  }
}

/**
 * One list of one call's held entries, each its JSON and a newline, in blocks (or, for an entry bigger than a block,
 * as its own string). `chunks()` gives them as strings of whole entries, oldest first, and returns the blocks.
 */
export class EntryChain {
  /** Blocks and oversized entries in order; `used[i]` is how much of block i is written (0 for a string). */
  private readonly items: Array<Buffer | string> = [];
  private readonly used: number[] = [];
  count = 0;

  constructor(private readonly pool: BlockSource) {}

  /**
   * Appends one entry written as its pieces (`parts` joined, then a newline); false when no block could be had. The
   * pieces are written one after the other into the block, so the entry is never built as one string.
   */
  append(parts: readonly string[]): boolean {
    let units = 1;
    for (const p of parts) units += p.length;
    const last = this.items.length - 1;
    let block = last >= 0 ? this.items[last] : undefined;
    let at = last >= 0 ? (this.used[last] ?? 0) : 0;
    const room = typeof block === 'string' || block === undefined ? 0 : BLOCK_BYTES - at;
    const bytes = units * UTF8_MAX_PER_UNIT <= room ? 0 : byteLengthOf(parts) + 1; // exact only when it may not fit
    if (bytes > room) {
      if (bytes > BLOCK_BYTES) return this.appendString(`${parts.join('')}\n`);
      const fresh = this.pool.take();
      if (fresh === null) return false;
      block = fresh;
      at = 0;
      this.items.push(fresh);
      this.used.push(0);
    }
    const b = block as Buffer;
    for (const p of parts) at += b.write(p, at);
    b[at] = 10;
    this.used[this.used.length - 1] = at + 1;
    this.count += 1;
    return true;
  }

  private appendString(entry: string): true {
    this.items.push(entry);
    this.used.push(0);
    this.count += 1;
    return true;
  }

  /**
   * The held entries as strings of whole entries, newline-ended, oldest first (one per block, or an oversized entry);
   * the blocks go back at once, as the strings are copies. The chain is empty after.
   */
  chunks(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.items.length; i += 1) {
      const item = this.items[i];
      if (item === undefined) continue;
      if (typeof item === 'string') { out.push(item); continue; }
      out.push(item.toString('utf8', 0, this.used[i]));
      this.pool.give(item);
    }
    this.clear();
    return out;
  }

  /** Forgets the held entries and gives the blocks back (the buffer is going away). */
  discard(): void {
    for (const item of this.items) if (typeof item !== 'string') this.pool.give(item);
    this.clear();
  }

  private clear(): void {
    this.items.length = 0;
    this.used.length = 0;
    this.count = 0;
  }
}

function byteLengthOf(parts: readonly string[]): number {
  let n = 0;
  for (const p of parts) n += Buffer.byteLength(p);
  return n;
}
