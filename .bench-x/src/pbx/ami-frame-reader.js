import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
/** Frames bigger than this (UTF-16 units of their lines plus CRLFs) are skipped as malformed; a real frame is a few KiB. */
export const MAX_FRAME_CHARS = 64 * 1024;
/** The greeting Asterisk sends on connect, one line with no blank line after it. */
const GREETING_PREFIX = 'Asterisk Call Manager';
/** The greeting proper: the prefix, a slash and the AMI version. */
const GREETING = 'Asterisk Call Manager/';
/** Distinct header names remembered (lower-cased, interned); junk keys beyond this are lower-cased each time. */
const MAX_CACHED_KEYS = 2048;
/**
 * Received bytes are decoded this many at a time, as parsing reaches them: a whole 64 KiB socket chunk decoded at once
 * is a string V8 puts in large-object space when it holds one non-Latin-1 character (two bytes per character), and
 * those are freed only by a full GC; 16 KiB pieces stay in the young generation.
 */
const DECODE_BYTES = 16 * 1024;
/** Frames handled between two looks at the clock. */
const FRAMES_PER_CLOCK_CHECK = 16;
/** How much of a peer's first line is kept for onFirstLine (enough to say what it was, never a whole payload). */
export const GREETING_MAX_CHARS = 80;
/**
 * Incremental AMI frame reader: bytes in (UTF-8, multibyte characters may be cut between chunks), frames out.
 * A frame is `Key: value` lines ended by a blank line; lines end in LF or CRLF. Same line grammar as asterisk-manager
 * (key = text before the first `: `, or before the first `:` when the line has no `: `, trimmed; a line without `:`, or
 * whose key is empty, over 128 characters or holds a control character, is junk: keys such as
 * `ChanVariable(PJSIP/201-00000002)` of an OriginateResponse are headers like any other),
 * without its quirks: no `Response: Follows` mode (its raw output lines are junk lines of that response, Asterisk ≤ 13
 * only) and a bounded buffer: a frame, or a line, over MAX_FRAME_CHARS is dropped as it arrives and reported once
 * as `oversized` at its blank line. The greeting line at a frame start and stray blank lines are skipped silently.
 */
export class AmiFrameReader {
    sink;
    decoder = new StringDecoder('utf8');
    /** Received bytes not decoded yet, oldest first; `bytesPos` is how far the first one is decoded. */
    bytes = [];
    bytesPos = 0;
    /** Header names seen (raw text before the separator → entry), each linked to the one that followed it last time. */
    keys = new Map();
    /** The header that started the last frame: the first guess for the next one. */
    firstKey = null;
    /** The header the current line is guessed to be (the one that followed the previous line's last time). */
    guess = null;
    previous = null;
    buffer = '';
    /** Where the next line starts in `buffer`. */
    pos = 0;
    /** Where the current frame's first line starts in `buffer` (kept across appends); -1 between frames or while dropped. */
    frameStart = -1;
    /** The current frame's pairs so far (each line is split as it arrives); empty between frames or while it is dropped. */
    pairs = [];
    junkLines = 0;
    hasHeader = false;
    /** Length of the current frame so far (lines plus CRLFs); 0 between frames. */
    frameChars = 0;
    oversized = false;
    /** The start of the current line was dropped (too long): its rest is junk, and never a blank line. */
    inDroppedLine = false;
    stopped = false;
    firstLineSeen = false;
    constructor(sink) {
        this.sink = sink;
    }
    /** Adds received bytes (or text); nothing is parsed (or decoded) until parse(). */
    push(chunk) {
        if (this.stopped)
            return;
        if (typeof chunk === 'string') {
            this.bytes.push(Buffer.from(chunk));
            return;
        }
        if (chunk.length > 0)
            this.bytes.push(chunk);
    }
    /** Decodes the next piece of received bytes into the text buffer; false when there is none. */
    decodeMore() {
        const chunk = this.bytes[0];
        if (chunk === undefined)
            return false;
        const end = Math.min(chunk.length, this.bytesPos + DECODE_BYTES);
        const text = this.decoder.write(chunk.subarray(this.bytesPos, end));
        if (end === chunk.length) {
            this.bytes.shift();
            this.bytesPos = 0;
        }
        else
            this.bytesPos = end;
        if (text.length > 0)
            this.append(text);
        return true;
    }
    /** Only the current frame is kept (its text goes with it), or the partial line between frames: the lines before are split already. */
    append(text) {
        const keep = this.frameStart >= 0 ? this.frameStart : this.pos;
        this.buffer = keep === 0 ? this.buffer + text : this.buffer.slice(keep) + text;
        this.pos -= keep;
        if (this.frameStart >= 0)
            this.frameStart = 0;
    }
    /** Text and bytes held: a partial line, and what parse() has not reached yet (a frame's complete lines are split already). */
    get pendingChars() {
        let bytes = -this.bytesPos;
        for (const chunk of this.bytes)
            bytes += chunk.length;
        return this.buffer.length - this.pos + bytes;
    }
    /** Stops for good: parse() returns at once, a parse in progress stops after the current frame. */
    stop() {
        this.stopped = true;
        this.bytes.length = 0;
        this.buffer = '';
        this.pos = 0;
        this.frameStart = -1;
        this.pairs = [];
    }
    /**
     * Parses every complete line; returns false when it stopped after `budgetMs` with bytes or lines left (call again
     * after yielding to the event loop), true when only a partial line (or nothing) is left.
     */
    parse(budgetMs = Number.POSITIVE_INFINITY) {
        const startMs = budgetMs === Number.POSITIVE_INFINITY ? 0 : performance.now();
        let frames = 0;
        while (!this.stopped) {
            const nl = this.buffer.indexOf('\n', this.pos);
            if (nl < 0) {
                this.capPartialLine();
                if (this.decodeMore())
                    continue;
                return true;
            }
            const lineStart = this.pos;
            const lineEnd = nl > lineStart && this.buffer.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
            this.pos = nl + 1;
            if (!this.onLine(lineStart, lineEnd))
                continue;
            frames += 1;
            if (frames % FRAMES_PER_CLOCK_CHECK === 0 && startMs > 0 && performance.now() - startMs >= budgetMs) {
                if (this.bytes.length > 0 || this.buffer.indexOf('\n', this.pos) >= 0)
                    return false;
            }
        }
        return true;
    }
    /** Handles the line at [start, end) of the buffer; true when it ended a frame. */
    onLine(start, end) {
        if (this.inDroppedLine) {
            this.inDroppedLine = false;
            return false;
        }
        if (end === start)
            return this.endFrame(start);
        if (!this.firstLineSeen) {
            this.firstLineSeen = true;
            const greeting = this.buffer.startsWith(GREETING, start);
            this.sink.onFirstLine?.(this.buffer.slice(start, Math.min(end, start + GREETING_MAX_CHARS)), greeting);
            if (greeting)
                return false;
        }
        if (this.frameChars === 0) {
            if (this.buffer.startsWith(GREETING_PREFIX, start))
                return false;
            this.frameStart = start;
        }
        this.frameChars += end - start + 2;
        if (this.oversized)
            return false;
        if (this.frameChars > MAX_FRAME_CHARS) {
            this.dropFrame();
            return false;
        }
        this.splitLine(this.buffer, start, end);
        return false;
    }
    /** The current frame passed the cap: what it held so far goes, its blank line reports it once. */
    dropFrame() {
        this.oversized = true;
        this.frameStart = -1;
        this.pairs = [];
        this.junkLines = 0;
        this.hasHeader = false;
    }
    /** A blank line (starting at `blankAt`): delivers or reports the frame collected so far; true when there was one. */
    endFrame(blankAt) {
        if (this.frameChars === 0)
            return false; // stray blank line (or only a greeting)
        const { oversized, pairs, junkLines, hasHeader, frameStart } = this;
        this.frameStart = -1;
        this.frameChars = 0;
        this.oversized = false;
        this.pairs = [];
        this.junkLines = 0;
        this.hasHeader = false;
        this.guess = this.firstKey;
        this.previous = null;
        if (oversized) {
            this.sink.onMalformed('oversized');
            return true;
        }
        if (!hasHeader) {
            this.sink.onMalformed('no-header');
            return true;
        }
        if (junkLines > 0)
            this.sink.onMalformed('junk-lines');
        this.sink.onFrame(pairs, this.buffer.slice(frameStart, blankAt));
        return true;
    }
    /**
     * Splits the line at [start, end) of `text` into a pair of the current frame, or counts it as junk. The header name
     * is first guessed (the one that followed the previous line's last time, as frames of one kind repeat their layout)
     * and checked in place, so a known name is neither cut out nor looked up. Each value is its own copy (ownString):
     * the tracker keeps some of them for the life of a call, and a value cut from the decoded stream would keep that
     * whole piece of it (16 KiB) alive with it, into the old generation.
     */
    splitLine(text, start, end) {
        let key = this.guessed(text, start, end);
        let valueAt = key === null ? -1 : start + key.raw.length + 2;
        if (key === null) {
            let sep = text.indexOf(': ', start);
            valueAt = sep + 2;
            if (sep < 0 || sep >= end) {
                sep = text.indexOf(':', start);
                valueAt = sep + 1;
            }
            key = sep > start && sep < end ? this.headerKey(text.slice(start, sep)) : null;
        }
        if (key === null) {
            this.junkLines += 1;
            this.previous = null;
            this.guess = null;
            return;
        }
        this.link(key);
        if (key.name === 'event' || key.name === 'response')
            this.hasHeader = true;
        this.pairs.push([key.name, ownString(text.slice(valueAt, end))]);
    }
    /** The guessed header when the line starts with its raw name followed by `: ` (then that is the line's first `: `). */
    guessed(text, start, end) {
        const guess = this.guess;
        if (guess === null)
            return null;
        const at = start + guess.raw.length;
        if (at + 1 >= end || text.charCodeAt(at) !== 58 || text.charCodeAt(at + 1) !== 32 || !text.startsWith(guess.raw, start))
            return null;
        return guess;
    }
    /** Remembers `key` as the successor of the previous line's header (or as a frame's first) and guesses its successor next. */
    link(key) {
        if (!key.cached) {
            this.previous = null;
            this.guess = null;
            return;
        }
        const previous = this.previous;
        if (previous === null) {
            if (this.pairs.length === 0 && this.junkLines === 0)
                this.firstKey = key;
        }
        else if (previous.next !== key)
            previous.next = key;
        this.previous = key;
        this.guess = key.next;
    }
    /** The header named by `raw` (lower-cased, trimmed), or null when it is not one (1–128 characters, no control character). */
    headerKey(raw) {
        const cached = this.keys.get(raw);
        if (cached !== undefined)
            return cached;
        const name = raw.trim().toLowerCase();
        if (!isHeaderName(name))
            return null;
        const cache = this.keys.size < MAX_CACHED_KEYS;
        const key = { raw: cache ? ownString(raw) : raw, name, next: null, cached: cache };
        if (cache)
            this.keys.set(key.raw, key);
        return key;
    }
    /** A partial line that alone passes the cap is dropped now, so a peer that never sends LF cannot grow the buffer. */
    capPartialLine() {
        const partial = this.buffer.length - this.pos;
        if (partial === 0 && this.frameStart < 0) {
            this.buffer = '';
            this.pos = 0;
            return;
        }
        if (this.frameChars + partial <= MAX_FRAME_CHARS)
            return;
        this.buffer = '';
        this.pos = 0;
        this.dropFrame();
        this.frameChars = Math.max(this.frameChars, 1);
        this.inDroppedLine = true;
    }
}
/**
 * A copy of `slice` that does not keep the text it was cut from alive. V8 makes every substring of 13 or more
 * characters a view on its parent, here the whole decoded piece of the stream: one channel name kept by the tracker
 * would pin 16 KiB, and with many calls open those pinned pieces reach the old generation at the input rate, so
 * memory grows with the event rate rather than with the calls held. Flattening `' ' + slice` makes a value-sized
 * parent instead.
 */
function ownString(slice) {
    return slice.length < 13 ? slice : ` ${slice}`.slice(1);
}
function isHeaderName(key) {
    if (key.length === 0 || key.length > 128)
        return false;
    for (let i = 0; i < key.length; i += 1) {
        const c = key.charCodeAt(i);
        if (c < 32 || c === 127 || c === 0xfffd)
            return false; // control characters, or bytes that were not UTF-8
    }
    return true;
}
