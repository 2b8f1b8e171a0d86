/** The rules file's `lines` in the shape of the calendar (src/calls/line-calendar.ts) and the route policy. */
export function lineRoutesOf(config) {
    return config.routing.lines.map((l) => ({
        dids: l.dids,
        hours: { timeZone: l.timeZone, weekly: l.hours, holidays: l.holidays },
        ...(l.closed ? { closed: l.closed } : {}),
    }));
}
