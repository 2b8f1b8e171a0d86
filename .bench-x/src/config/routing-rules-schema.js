import { z } from 'zod';
/** The weekday keys of `hours` (the same names src/calls/working-hours.ts reads). */
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const RANGE = /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
function isTimeZone(timeZone) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone });
        return true;
    }
    catch {
        return false;
    }
}
/** A dialplan destination: Goto(context,exten,1). Only characters that cannot change the meaning of a Goto(). */
const Destination = z.object({
    context: z.string().regex(/^[A-Za-z0-9_-]{1,79}$/, 'context: letters, digits, _ and - (a dialplan context such as ext-queues)'),
    exten: z.string().regex(/^\+?[A-Za-z0-9_*#-]{1,40}$/, 'exten: digits, letters, * # _ - (an extension such as 500 or 89001234567)'),
}).strict();
const Extension = z.object({ extension: z.string().regex(/^\d{1,9}$/, 'extension: 1-9 digits') }).strict();
const Ranges = z.array(z.string().regex(RANGE, 'a range HH:MM-HH:MM, e.g. 09:00-18:00 (24:00 ends the day)'));
const Weekly = z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, Ranges.optional()]))).strict();
/** One line (DID) with working hours and where its calls go while it is closed. */
export const LineRuleSchema = z.object({
    /** DIDs of the line, any format (84951234567 = +74951234567); `*` = every line not listed elsewhere. */
    dids: z.array(z.string().min(1)).min(1),
    timeZone: z.string().refine(isTimeZone, 'timeZone: an IANA time zone such as Europe/Moscow'),
    hours: Weekly,
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'holidays: dates as YYYY-MM-DD')).default([]),
    /** Where a call goes while the line is closed; without it the answer only says `open: false`. */
    closed: Destination.optional(),
}).strict();
/** "When the client's data says X, send the call to Y": checked in order after the responsible, before the fallback. */
export const ClientRuleSchema = z.object({
    /** Shown in the route answer (`rule`) and ROUTE_RULE. */
    name: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'name: letters, digits, _ and - (up to 40)'),
    /** The client has this tag (case-insensitive). */
    tag: z.string().min(1).optional(),
    /** The client's CRM field (as the adapter names it: UF_CRM_VIP, TYPE_ID, segment, ...) ... */
    field: z.string().min(1).optional(),
    /** ... equals one of these (case-insensitive; a field with several values matches when any does) ... */
    equals: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    /** ... or is set to anything but empty, 0, N or false. */
    present: z.literal(true).optional(),
    target: z.union([Extension, Destination]),
}).strict()
    .refine((r) => (r.tag === undefined) !== (r.field === undefined), 'a client rule has either tag or field')
    .refine((r) => r.field === undefined || (r.equals === undefined) !== (r.present === undefined), 'a field rule has equals or present: true');
