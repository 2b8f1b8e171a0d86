import { toExternalNumber } from './phone-number.js';
import { WorkingCalendar, type WorkingHours } from './working-hours.js';

/** One line of the rules file as far as its hours go: the DIDs it answers (`*`: every other line) and its hours. */
export interface LineHours {
  readonly dids: readonly string[];
  readonly hours: WorkingHours;
}

/** The key a DID is compared by: E.164 when it is a phone number (84951234567 = +74951234567), else as written. */
function didKey(did: string, defaultCountry: string): string {
  return toExternalNumber(did, defaultCountry) ?? did.trim();
}

/**
 * Which configured line a DID belongs to and whether it is open at a given instant. One calendar for the dialplan
 * route answer and for the journal's out-of-hours mark of missed calls. Pure: the instant is passed in.
 */
export class LineCalendar<T extends LineHours = LineHours> {
  private readonly byDid = new Map<string, { readonly line: T; readonly calendar: WorkingCalendar }>();
  private readonly anyLine: { readonly line: T; readonly calendar: WorkingCalendar } | null = null;

  constructor(lines: readonly T[], private readonly defaultCountry: string) {
    for (const line of lines) {
      const entry = { line, calendar: new WorkingCalendar(line.hours) };
      for (const did of line.dids) {
        if (did === '*') this.anyLine ??= entry;
        else if (!this.byDid.has(didKey(did, defaultCountry))) this.byDid.set(didKey(did, defaultCountry), entry);
      }
    }
  }

  get isEmpty(): boolean {
    return this.byDid.size === 0 && this.anyLine === null;
  }

  private entryOf(did: string | null): { readonly line: T; readonly calendar: WorkingCalendar } | null {
    const exact = did === null || did.trim() === '' ? undefined : this.byDid.get(didKey(did, this.defaultCountry));
    return exact ?? this.anyLine;
  }

  /** The line a DID belongs to (its own entry, else the `*` line), or null when no hours apply to it. */
  lineOf(did: string | null): T | null {
    return this.entryOf(did)?.line ?? null;
  }

  /** Open at `atMs`? A line without configured hours is always open. */
  isOpenAt(did: string | null, atMs: number): boolean {
    return this.entryOf(did)?.calendar.isOpenAt(atMs) ?? true;
  }
}
