import { toExternalNumber } from './phone-number.js';
import { WorkingCalendar } from './working-hours.js';
/** The key a DID is compared by: E.164 when it is a phone number (84951234567 = +74951234567), else as written. */
function didKey(did, defaultCountry) {
    return toExternalNumber(did, defaultCountry) ?? did.trim();
}
/**
 * Which configured line a DID belongs to and whether it is open at a given instant. One calendar for the dialplan
 * route answer and for the journal's out-of-hours mark of missed calls. Pure: the instant is passed in.
 */
export class LineCalendar {
    defaultCountry;
    byDid = new Map();
    anyLine = null;
    constructor(lines, defaultCountry) {
        this.defaultCountry = defaultCountry;
        for (const line of lines) {
            const entry = { line, calendar: new WorkingCalendar(line.hours) };
            for (const did of line.dids) {
                if (did === '*')
                    this.anyLine ??= entry;
                else if (!this.byDid.has(didKey(did, defaultCountry)))
                    this.byDid.set(didKey(did, defaultCountry), entry);
            }
        }
    }
    get isEmpty() {
        return this.byDid.size === 0 && this.anyLine === null;
    }
    entryOf(did) {
        const exact = did === null || did.trim() === '' ? undefined : this.byDid.get(didKey(did, this.defaultCountry));
        return exact ?? this.anyLine;
    }
    /** The line a DID belongs to (its own entry, else the `*` line), or null when no hours apply to it. */
    lineOf(did) {
        return this.entryOf(did)?.line ?? null;
    }
    /** Open at `atMs`? A line without configured hours is always open. */
    isOpenAt(did, atMs) {
        return this.entryOf(did)?.calendar.isOpenAt(atMs) ?? true;
    }
    /**
     * The first instant at or after `fromMs` the line is open (ranges start on whole minutes, so minutes are walked),
     * or null when it stays closed for `horizonMs` (default 31 days: a line with no hours at all, a long holiday).
     */
    nextOpenAt(did, fromMs, horizonMs = 31 * 86_400_000) {
        const entry = this.entryOf(did);
        if (!entry || entry.calendar.isOpenAt(fromMs))
            return fromMs;
        const minuteMs = 60_000;
        for (let at = Math.ceil(fromMs / minuteMs) * minuteMs; at <= fromMs + horizonMs; at += minuteMs) {
            if (entry.calendar.isOpenAt(at))
                return at;
        }
        return null;
    }
}
