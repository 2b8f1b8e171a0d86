/** Days as the rules file names them; index = JavaScript's getDay() (0 = Sunday). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;
/** `09:00-18:00` → [540, 1080], or null when it is not a range (`24:xx` other than `24:00` included). */
export function parseRange(text) {
    const m = RANGE.exec(text);
    if (!m)
        return null;
    const end = Number(m[3]) * 60 + Number(m[4]);
    if (end > 24 * 60)
        return null;
    return [Number(m[1]) * 60 + Number(m[2]), end];
}
/** The local date, weekday and minute of the day at `atMs` in `timeZone`. */
function localTime(format, atMs) {
    const parts = {};
    for (const p of format.formatToParts(new Date(atMs)))
        parts[p.type] = p.value;
    const date = `${parts['year']}-${parts['month']}-${parts['day']}`;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const hour = Number(parts['hour']) % 24;
    return { date, weekday, minute: hour * 60 + Number(parts['minute']) };
}
function previousDate(date) {
    return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
/**
 * A compiled calendar: `isOpenAt(atMs)` answers for any instant. Pure: the time is passed in, and Intl only
 * converts it to the line's local time.
 */
export class WorkingCalendar {
    format;
    days;
    holidays;
    constructor(hours) {
        this.format = new Intl.DateTimeFormat('en-CA', {
            timeZone: hours.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
        });
        this.days = WEEKDAYS.map((d) => (hours.weekly[d] ?? []).map(parseRange).filter((r) => r !== null));
        this.holidays = new Set(hours.holidays);
    }
    isOpenAt(atMs) {
        const now = localTime(this.format, atMs);
        if (this.holidays.has(now.date))
            return false;
        const today = this.days[now.weekday] ?? [];
        if (today.some(([from, to]) => (to > from ? now.minute >= from && now.minute < to : now.minute >= from)))
            return true;
        if (this.holidays.has(previousDate(now.date)))
            return false;
        const yesterday = this.days[(now.weekday + 6) % 7] ?? [];
        return yesterday.some(([from, to]) => to <= from && now.minute < to);
    }
}
