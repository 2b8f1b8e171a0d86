import { Queue } from 'bullmq';
import { normalizePhoneNumber } from '../calls/phone-number.js';
import { buildHttpApp } from '../http/build-app.js';
import { tokenCheck } from '../http/bearer-auth.js';
import { HttpError } from '../http/http-error.js';
import { InvalidCursorError } from '../journal/call-journal.js';
import { DaemonMetrics } from '../metrics/daemon-metrics.js';
import { packageVersion } from '../metrics/build-info.js';
import { CALL_EVENTS_QUEUE, bullPrefix } from '../queue/job-id.js';
import { buildCallControl } from './call-control.js';
import { buildConsoleSide, consoleEventStream } from './console-side.js';
import { buildCrmSide } from './crm-side.js';
import { buildJournalRoutes } from './journal-routes.js';
import { buildNotifySide } from './notify-side.js';
import { pbxKeys, startPbx } from './pbx-runtime.js';
import { readinessReporter as tenantReadiness } from './readiness.js';
function contactLookup(side, defaultCountry) {
    return {
        findByPhone: async (raw) => {
            const phone = normalizePhoneNumber(raw, defaultCountry);
            if (!phone)
                throw new HttpError(400, 'invalid_request', 'phone is not a valid phone number');
            const match = await side.crm.findByPhone(phone);
            return match ? { phone, ...match } : null;
        },
    };
}
function journalReader(side) {
    return {
        get: (id) => side.journal.get(id),
        list: async (q) => {
            try {
                return await side.journal.list(q);
            }
            catch (err) {
                if (err instanceof InvalidCursorError)
                    throw new HttpError(400, 'invalid_cursor', 'cursor is not one this API returned');
                throw err;
            }
        },
    };
}
/** Builds a tenant from its plan, in dependency order; `stop` undoes it in reverse. */
export async function startTenant(plan, shared, options = {}) {
    const config = plan.config;
    const log = shared.labelled ? shared.log.child({ tenant: plan.id }) : shared.log;
    const { redis, instanceId } = shared;
    const closers = [];
    const stop = async () => { for (const close of closers.splice(0).reverse())
        await close().catch((err) => log.error({ err }, 'stop step failed')); };
    try {
        const statePrefixes = plan.pbxs.map((p) => pbxKeys(config.redis.prefix, p).state);
        const consoleSide = await buildConsoleSide(config, redis, log, statePrefixes);
        if (consoleSide)
            closers.push(() => consoleSide.stop());
        let router = null;
        let metrics = null;
        let notifyStarted = () => undefined;
        const notify = new Promise((resolve) => { notifyStarted = resolve; });
        const side = buildCrmSide(config, redis, log, {
            missedCall: async (record, client) => { await (await notify)?.missedCall(record, client?.name ?? null); },
            responsibleChanged: async (phone) => { await router?.invalidate(phone); },
            onResult: (stage, result, sinceQueuedMs) => {
                metrics?.syncedStages.inc({ stage, result });
                if (result === 'applied')
                    metrics?.latency.stageApplied(stage, sinceQueuedMs);
            },
            onCrmRequest: (sample) => metrics?.latency.crmRequestDone(sample),
        }, options.workers ?? true, options.workerTimings);
        closers.push(() => side.crm.close());
        const notifier = await buildNotifySide(config, side, redis, log, options.workers ?? true).catch((err) => { notifyStarted(null); throw err; });
        notifyStarted(notifier);
        if (notifier)
            closers.push(() => notifier.close()); // after the sync workers (they queue notices)
        if (side.workers) {
            const w = side.workers;
            closers.push(() => w.close());
        }
        const eventStream = consoleEventStream(config);
        const pbxs = new Map();
        const pbxDeps = {
            redis, instanceId, prefix: config.redis.prefix, eventStream, traces: side.traces, log,
            leaseTtlMs: options.leaseTtlMs ?? config.ingest.leaseTtlMs,
            resyncEveryMs: options.resyncEveryMs ?? config.ingest.resyncEveryMs,
            staleCallAfterMs: options.staleCallAfterMs ?? config.ingest.staleCallAfterMs,
            ...(shared.leaseFor ? { leaseFor: shared.leaseFor } : {}),
            onCallEvent: (ev) => { metrics?.callEvents.inc({ stage: ev.stage }); options.onCallEvent?.(ev); },
            ...(options.onStored ? { onStored: options.onStored } : {}),
        };
        for (const p of plan.pbxs)
            pbxs.set(p.id, startPbx(p, pbxDeps));
        closers.push(async () => { await Promise.all([...pbxs.values()].map((p) => p.stop())); });
        const control = buildCallControl(config, {
            pbxs: () => new Map([...pbxs].map(([id, p]) => [id, { ami: p.ami, config: p.plan.config }])), redis, crm: side.crm,
            syncStore: side.syncStore, log, onRouteAnswered: (via, ms) => metrics?.latency.routeAnswered(via, ms),
        });
        router = control.router;
        closers.push(async () => control.detach());
        const all = () => [...pbxs.values()];
        const m = new DaemonMetrics({
            amiConnected: () => all().every((p) => !p.reader.isActive || p.ami.state === 'connected') && all().some((p) => p.reader.isActive),
            amiStats: () => all().map((p) => p.ami.stats()).reduce((a, b) => ({
                eventsReceived: a.eventsReceived + b.eventsReceived, malformedFrames: a.malformedFrames + b.malformedFrames, reconnects: a.reconnects + b.reconnects,
            }), { eventsReceived: 0, malformedFrames: 0, reconnects: 0 }),
            openCalls: () => all().reduce((n, p) => n + p.reader.openCalls, 0),
            queueStats: async () => (await tenantQueueStats(all())),
            bufferCounters: () => all().map((p) => p.writer.bufferCounters()).reduce((a, b) => ({
                buffered: a.buffered + b.buffered, accepted: a.accepted + b.accepted, flushed: a.flushed + b.flushed, dropped: a.dropped + b.dropped,
            })),
            bufferCapacity: config.queue.bufferMax,
            processMetrics: !shared.labelled,
        });
        if (shared.labelled)
            m.registry.setDefaultLabels({ tenant: plan.id });
        metrics = m;
        const readiness = tenantReadiness({
            redis, stats: () => tenantQueueStats(all()), workersRunning: side.workers ? () => side.workers?.running() ?? false : null,
            pbxs: () => all().map((p) => ({ id: p.plan.callIdPrefix ? p.id : `${p.plan.config.ami.host}:${p.plan.config.ami.port}`, leaseKey: p.leaseKey, state: () => p.ami.state })),
            instanceId, crm: { adapter: side.crm.name, problem: () => side.crm.problem?.() ?? null },
        });
        // the dashboard's view of the call-event queue, on the main connection (it only reads and retries)
        const dashboardQueue = new Queue(CALL_EVENTS_QUEUE, { connection: redis, prefix: bullPrefix(config.redis.prefix) });
        dashboardQueue.on('error', () => { });
        closers.push(() => dashboardQueue.close());
        const journalSide = buildJournalRoutes(config, redis, side, control.router, log);
        closers.push(async () => journalSide.stop());
        const consolePlugin = consoleSide?.plugin({
            crm: side.crm, journal: side.journal, originator: control.originator, reports: journalSide.reports, traces: side.traces,
        }) ?? null;
        const http = await buildHttpApp({
            apiToken: config.http.apiToken, tokens: tokenCheck(plan.tokens), log, readiness, journal: journalReader(side),
            contacts: contactLookup(side, config.numbers.defaultCountry), metrics: m,
            extraRoutes: [...control.routes, ...journalSide.routes, ...(consolePlugin ? [consolePlugin] : [])], authFailures: m.authFailures,
            limits: config.http.limits, connectionsDropped: m.httpConnectionsDropped, onRoute: options.onHttpRoute, version: packageVersion(),
            ...(shared.labelled ? {} : { admin: { queues: [dashboardQueue] } }),
        });
        closers.push(() => http.close());
        const replacePbx = async (next) => {
            const old = pbxs.get(next.id);
            if (old)
                await old.stop(); // saves its state and gives up its lease: the new one carries on from it
            pbxs.set(next.id, startPbx(next, pbxDeps));
            control.refresh(); // device states and click-to-calls follow the new AMI connection
        };
        return {
            id: plan.id, get plan() { return { ...plan, pbxs: [...pbxs.values()].map((p) => p.plan) }; },
            http, crm: side, control, metrics: m, console: consoleSide, dashboardQueue, pbxs: () => pbxs, readiness, replacePbx, stop,
        };
    }
    catch (err) {
        await stop();
        throw err;
    }
}
/** The tenant's queue counts (one queue) with every PBX writer's in-memory buffer added. */
async function tenantQueueStats(pbxs) {
    const [first, ...rest] = pbxs;
    if (!first)
        throw new Error('a tenant without PBXs');
    const stats = await first.writer.stats();
    const more = rest.map((p) => p.writer.bufferCounters());
    return {
        ...stats,
        buffered: stats.buffered + more.reduce((n, c) => n + c.buffered, 0),
        droppedFromBuffer: stats.droppedFromBuffer + more.reduce((n, c) => n + c.dropped, 0),
    };
}
