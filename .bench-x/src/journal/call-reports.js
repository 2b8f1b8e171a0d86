import { blockHours, parts, planBlocks } from './report-blocks.js';
import { HOUR_MS } from './report-counters.js';
import { hourOffsets, localHourOf } from './report-period.js';
import { hasCalls, reportFigures } from './report-rows.js';
/** The columns of each report, in order (JSON rows and CSV alike). */
const FIGURE_COLUMNS = [
    'inbound', 'answered', 'missed', 'missedOpen', 'outbound', 'talkSec', 'talkMeanSec', 'answerWaitMeanSec', 'answerWaitP90Sec', 'answeredWithinShare',
];
export const REPORT_COLUMNS = {
    operators: ['extension', 'name', ...FIGURE_COLUMNS],
    lines: ['line', ...FIGURE_COLUMNS],
    queues: ['queue', ...FIGURE_COLUMNS],
    hours: ['hour', ...FIGURE_COLUMNS],
};
/** The longest period one report covers. */
export const REPORT_MAX_DAYS = 400;
/**
 * The UTC hours [h0, h1) a period covers: bounds are taken down to their UTC hour, so a period in a zone with a
 * whole-hour offset (DST included) is exact; in a zone offset by a half or quarter hour (Asia/Kolkata,
 * Asia/Kathmandu) both ends move back to the start of their UTC hour (by 30 or 45 min).
 */
export function periodHours(fromMs, toMs) {
    return [Math.floor(fromMs / HOUR_MS), Math.floor(toMs / HOUR_MS)];
}
const DIMENSION = { operators: 'op', lines: 'line', queues: 'queue' };
function addInto(target, key, metric, n) {
    let row = target.get(key);
    if (!row) {
        row = new Map();
        target.set(key, row);
    }
    row.set(metric, (row.get(metric) ?? 0) + n);
}
/** Reports from the counters: a few dozen pre-summed blocks summed in Redis (one round trip), never a scan of calls. */
export class CallReports {
    redis;
    counters;
    withinSec;
    operatorName;
    constructor(redis, counters, withinSec, operatorName = () => null) {
        this.redis = redis;
        this.counters = counters;
        this.withinSec = withinSec;
        this.operatorName = operatorName;
    }
    /** Brings counters written before the blocks existed into them (the first report waits for it too). */
    prepare() {
        return this.counters.ready(this.redis);
    }
    async rows(kind, q) {
        await this.prepare();
        if (kind === 'hours')
            return this.hours(q);
        const dim = DIMENSION[kind];
        const [h0, h1] = periodHours(q.fromMs, q.toMs);
        const summed = await this.counters.sum(this.redis, planBlocks(h0, h1).map((b) => this.counters.blockKey(b, dim)));
        const sums = new Map();
        for (const [field, value] of summed.get('') ?? []) {
            const bar = field.indexOf('|');
            if (bar > 0)
                addInto(sums, field.slice(bar + 1), field.slice(0, bar), value);
        }
        const keysSorted = [...sums.keys()].filter((k) => hasCalls(sums.get(k) ?? new Map()))
            .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
        return keysSorted.map((key) => {
            const figures = reportFigures(sums.get(key) ?? new Map(), this.withinSec);
            if (kind === 'operators')
                return { extension: key, name: this.operatorName(key), ...figures };
            return kind === 'lines' ? { line: key, ...figures } : { queue: key, ...figures };
        });
    }
    /**
     * One row per hour of the day (0–23) in tz, every hour listed; a UTC hour counts for the local hour it starts in.
     * A block is used when the zone's offset is the same at the start of each of its hours (its fields carry the UTC
     * hour of day, so they map to local hours with that offset); one a DST change crosses is split into its parts.
     */
    async hours(q) {
        const [h0, h1] = periodHours(q.fromMs, q.toMs);
        const offsets = hourOffsets(q.tz, h0, h1);
        const keys = [];
        const groups = [];
        const visit = (b) => {
            const [a, e] = blockHours(b);
            const offset = offsets[a - h0] ?? 0;
            if (b.level === 0) {
                keys.push(this.counters.blockKey(b, 'all'));
                groups.push(`L${localHourOf(a % 24, offset)}`);
            }
            else if (offsets.slice(a - h0, e - h0).every((o) => o === offset)) {
                keys.push(this.counters.blockKey(b, 'all'));
                groups.push(`O${offset}`);
            }
            else {
                for (const part of parts(b))
                    visit(part);
            }
        };
        for (const b of planBlocks(h0, h1))
            visit(b);
        const sums = new Map();
        for (const [group, fields] of await this.counters.sum(this.redis, keys, groups)) {
            const value = Number(group.slice(1));
            for (const [field, n] of fields) {
                if (group.startsWith('L')) {
                    addInto(sums, String(value), field, n);
                    continue;
                }
                const bar = field.indexOf('|');
                if (bar > 0)
                    addInto(sums, String(localHourOf(Number(field.slice(bar + 1)), value)), field.slice(0, bar), n);
            }
        }
        return Array.from({ length: 24 }, (_, hour) => ({ hour, ...reportFigures(sums.get(String(hour)) ?? new Map(), this.withinSec) }));
    }
}
