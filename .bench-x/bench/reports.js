/**
 * bench/reports: the reports API over 1,000,000 journaled calls spread over 90 days (50 operators, 20 lines, 8 queues).
 * The setup writes the report counters those calls produce straight into a private Redis (the same increments the
 * journal's Lua script adds per call, hours and pre-summed blocks, summed in memory and written with HSET), not through
 * the whole pipeline: a million calls through AMI, queue and sync would take the bench hours and measure something else. Then it asks each report
 * (operators, lines, queues, hours) for 1, 30 and 90 days in Europe/Moscow through fastify `inject`, JSON and CSV.
 * Run: npx tsx bench/reports.ts [--calls 1000000] [--days 90] [--requests 50]
 * Target (issue 15): any report p99 <= 100 ms.
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { startPrivateRedis } from '../harness/redis/private-redis.js';
import { buildHttpApp } from '../src/http/build-app.js';
import { reportRoutes } from '../src/http/routes/reports.js';
import { callFigures } from '../src/journal/call-figures.js';
import { toCallRecord } from '../src/journal/call-record.js';
import { CallReports, REPORT_COLUMNS } from '../src/journal/call-reports.js';
import { HOUR_MS, ReportCounters } from '../src/journal/report-counters.js';
import { isTimeZone, parseReportTime } from '../src/journal/report-period.js';
import { toCsv } from '../src/journal/report-rows.js';
import { silentLogger } from '../src/log.js';
import { benchArgs } from '../harness/bench-args.js';
import { seededRandom as rng } from '../harness/seeded-random.js';
const TOKEN = 'bench-api-token-0123456789';
const PREFIX = 'benchreports';
const values = benchArgs(import.meta.url, {
    calls: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '90' },
    requests: { type: 'string', default: '50' },
});
const CALLS = Number(values.calls);
const DAYS = Number(values.days);
const REQUESTS = Number(values.requests);
const END_MS = Date.UTC(2026, 5, 1);
function aCall(r, i) {
    const direction = r() < 0.7 ? 'inbound' : 'outbound';
    const disposition = r() < 0.8 ? 'answered' : direction === 'inbound' ? 'missed' : 'cancelled';
    const startedAtMs = END_MS - Math.floor(r() * DAYS * 86_400_000);
    const answered = disposition === 'answered';
    const answeredAtMs = answered ? startedAtMs + Math.floor(r() * 60_000) : null;
    const agent = String(201 + Math.floor(r() * 50));
    const call = {
        id: `b${i}`, linkedIds: [`b${i}`], direction, externalNumber: `+7495${String(1_000_000 + Math.floor(r() * 9_000_000))}`,
        line: `4951230${String(Math.floor(r() * 20)).padStart(3, '0')}`, callerExtension: direction === 'outbound' ? agent : null,
        startedAtMs, rang: [], answeredBy: answered ? agent : null, answeredAtMs, transfers: [], queue: r() < 0.5 ? `q${Math.floor(r() * 8)}` : null,
        endedAtMs: startedAtMs + 120_000, ringDurationSec: null, talkDurationSec: answered ? Math.floor(r() * 600) : null, disposition,
        hangupCause: 16, recordingFile: null, recordingFiles: [], crmCallId: null,
    };
    return { call, agent };
}
async function writeCounters(redis, counters) {
    // The figures of every call, summed per UTC hour first: the blocks are linear in them, so expanding each hour's sums
    // (increments(), the mirror of the journal's Lua script) gives the very hashes a million journal writes would leave.
    const perHour = new Map();
    const r = rng(15);
    for (let i = 0; i < CALLS; i += 1) {
        const { call, agent } = aCall(r, i);
        const record = toCallRecord(call, agent, null);
        const hour = Math.floor(record.startedAtMs / HOUR_MS);
        let figures = perHour.get(hour);
        if (!figures) {
            figures = new Map();
            perHour.set(hour, figures);
        }
        for (const f of callFigures(record)) {
            const id = `${f.dim}|${f.key}|${f.field}`;
            figures.set(id, { ...f, n: (figures.get(id)?.n ?? 0) + f.n });
        }
    }
    const sums = new Map();
    for (const [hour, figures] of perHour) {
        for (const [key, field, n] of counters.increments(hour * HOUR_MS, [...figures.values()])) {
            let hash = sums.get(key);
            if (!hash) {
                hash = new Map();
                sums.set(key, hash);
            }
            hash.set(field, (hash.get(field) ?? 0) + n);
        }
    }
    let pipe = redis.pipeline();
    let queued = 0;
    for (const [key, hash] of sums) {
        pipe.hset(key, Object.fromEntries(hash));
        if (++queued % 500 === 0) {
            await pipe.exec();
            pipe = redis.pipeline();
        }
    }
    await pipe.exec();
    await counters.markBuilt(redis);
    console.log(`bench/reports: ${CALLS.toLocaleString('en')} calls over ${DAYS} days → ${sums.size.toLocaleString('en')} counter hashes (hours and blocks)`);
}
function percentile(sorted, p) {
    return sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)] ?? 0;
}
async function main() {
    const server = await startPrivateRedis();
    const redis = new Redis(server.url, { maxRetriesPerRequest: null });
    const counters = new ReportCounters(PREFIX);
    await writeCounters(redis, counters);
    const reports = new CallReports(redis, counters, 20);
    const app = await buildHttpApp({
        apiToken: TOKEN, log: silentLogger(),
        readiness: async () => ({
            ready: true, redis: true, workers: 'running', ami: 'connected', pbx: [], queueDepth: 0, buffered: 0, failedJobs: 0,
            counts: { stale: false, ageMs: 0 },
        }),
        journal: { list: async () => ({ items: [], nextCursor: null }), get: async () => null },
        contacts: { findByPhone: async () => null },
        metrics: { contentType: 'text/plain', metrics: async () => '' },
        extraRoutes: [reportRoutes({
                rows: (kind, q) => reports.rows(kind, q), columns: (kind) => REPORT_COLUMNS[kind], toCsv, parseTime: parseReportTime, isTimeZone,
                defaultTz: 'UTC', maxDays: 400,
            })],
    });
    const day = (ms) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10); // Moscow dates
    const results = [];
    let worstP99 = 0;
    for (const kind of ['operators', 'lines', 'queues', 'hours']) {
        for (const days of [1, 30, DAYS]) {
            for (const format of ['json', 'csv']) {
                const url = `/v1/reports/${kind}?from=${day(END_MS - days * 86_400_000)}&to=${day(END_MS)}&tz=Europe%2FMoscow&format=${format}`;
                const latencies = [];
                let rows = 0;
                for (let i = 0; i < REQUESTS + 3; i += 1) {
                    const t0 = performance.now();
                    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
                    if (res.statusCode !== 200)
                        throw new Error(`${url}: ${res.statusCode} ${res.body}`);
                    if (i >= 3)
                        latencies.push(performance.now() - t0); // the first three warm the JIT
                    rows = format === 'json' ? res.json().rows.length : res.body.split('\r\n').length - 2;
                }
                const sorted = latencies.sort((a, b) => a - b);
                const p99 = percentile(sorted, 99);
                worstP99 = Math.max(worstP99, p99);
                results.push({ report: kind, days, format, rows, p50Ms: +percentile(sorted, 50).toFixed(1), p99Ms: +p99.toFixed(1) });
            }
        }
    }
    console.table(results);
    console.log(`targets (any report p99 <= 100 ms): ${worstP99 <= 100 ? 'met' : 'NOT met'} (worst p99 ${worstP99.toFixed(1)} ms)`);
    await app.close();
    redis.disconnect();
    await server.stop();
}
main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
});
