import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { Queue } from 'bullmq';
import { startFastAgiServer } from '../agi/fastagi-server.js';
import { normalizePhoneNumber } from '../calls/phone-number.js';
import type { CallEvent } from '../calls/call.js';
import type { Config } from '../config/config.js';
import { buildHttpApp } from '../http/build-app.js';
import { HttpError } from '../http/http-error.js';
import type { ReadyReport } from '../http/routes/health.js';
import { InvalidCursorError } from '../journal/call-journal.js';
import type { Logger } from '../log.js';
import { DaemonMetrics } from '../metrics/daemon-metrics.js';
import { packageVersion } from '../metrics/build-info.js';
import { AmiConnection } from '../pbx/ami-connection.js';
import { buildCallControl } from './call-control.js';
import { buildCrmSide, type CrmSide, type CrmSideTimings } from './crm-side.js';
import { CrashSafeWriter } from '../ingest/crash-safe-writer.js';
import { PbxReader } from './pbx-reader.js';
import { checkRedisDatabase } from './redis-database-check.js';
import { buildJournalRoutes } from './journal-routes.js';
import { buildNotifySide } from './notify-side.js';
import type { NotifyService } from '../notify/notify-service.js';
import { TraceBuffer } from '../trace/trace-buffer.js';
import { CALL_EVENTS_QUEUE, bullPrefix } from '../queue/job-id.js';
import { readinessReporter } from './readiness.js';
import { watchRedisConnection } from '../net/redis-connection-log.js';
import { connectRedis } from '../net/redis-client.js';
import { buildConsoleSide, consoleEventStream, type ConsoleSide } from './console-side.js';

export interface DaemonOptions {
  /** Listen on HTTP (default true); tests may use `daemon.http.inject()` instead. */
  readonly listen?: boolean;
  /** Run sync workers in this process (default true). */
  readonly workers?: boolean;
  readonly instanceId?: string;
  readonly leaseTtlMs?: number;
  readonly staleCallAfterMs?: number;
  readonly resyncEveryMs?: number;
  /** Worker timings (tests shorten them): how long a stage waits for a predecessor job that does not exist (lost with
   * a wiped Redis; default 10 s), and how long stop() waits for jobs in flight (default 15 s). */
  readonly workerTimings?: CrmSideTimings;
  /** Sees every call event the tracker emits (demo, tests). */
  readonly onCallEvent?: (ev: CallEvent) => void;
  /** Sees every HTTP route as it is registered (tests walk the real route table). */
  readonly onHttpRoute?: (route: RouteOptions) => void;
}

export interface Daemon {
  readonly http: FastifyInstance;
  readonly ami: AmiConnection;
  readonly crm: CrmSide;
  readonly reader: PbxReader;
  /** The tracker state and call events on their way to Redis (and the queue's job counts). */
  readonly writer: CrashSafeWriter;
  readonly metrics: DaemonMetrics;
  readonly instanceId: string;
  /** The operator console (null when CONSOLE_USERS_FILE is unset). */
  readonly console: ConsoleSide | null;
  readiness(): Promise<ReadyReport>;
  stop(): Promise<void>;
}

function contactLookup(side: CrmSide, defaultCountry: string) {
  return {
    findByPhone: async (raw: string) => {
      const phone = normalizePhoneNumber(raw, defaultCountry);
      if (!phone) throw new HttpError(400, 'invalid_request', 'phone is not a valid phone number');
      const match = await side.crm.findByPhone(phone);
      return match ? { phone, ...match } : null;
    },
  };
}

function journalReader(side: CrmSide) {
  return {
    get: (id: string) => side.journal.get(id),
    list: async (q: Parameters<CrmSide['journal']['list']>[0]) => {
      try { return await side.journal.list(q); } catch (err) {
        if (err instanceof InvalidCursorError) throw new HttpError(400, 'invalid_cursor', 'cursor is not one this API returned');
        throw err;
      }
    },
  };
}

/** The composition root: builds everything from Config, starts in dependency order, stops in reverse. */
export async function startDaemon(config: Config, log: Logger, options: DaemonOptions = {}): Promise<Daemon> {
  const closers: Array<() => Promise<unknown>> = [];
  const stop = async () => { for (const close of closers.splice(0).reverse()) await close().catch((err: unknown) => log.error({ err }, 'stop step failed')); };
  try {
    const instanceId = options.instanceId ?? config.ingest.instanceId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
    if (config.redis.connection.mode === 'standalone') await checkRedisDatabase(config.redis.connection.url, log);
    const redis = connectRedis(config.redis.connection, { maxRetriesPerRequest: null, lazyConnect: false });
    watchRedisConnection(redis, 'main', log.child({ component: 'redis' })); // one line per down/up; /ready reports it
    closers.push(async () => { redis.disconnect(); });
    const consoleSide = await buildConsoleSide(config, redis, log);
    if (consoleSide) closers.push(() => consoleSide.stop());
    let router: { invalidate(phone: string): Promise<void> } | null = null;
    let metrics: DaemonMetrics | null = null;
    let notifyStarted: (service: NotifyService | null) => void = () => undefined;
    const notify = new Promise<NotifyService | null>((resolve) => { notifyStarted = resolve; });
    const side = buildCrmSide(config, redis, log, {
      missedCall: async (record, client) => { await (await notify)?.missedCall(record, client?.name ?? null); },
      responsibleChanged: async (phone) => { await router?.invalidate(phone); },
      onResult: (stage, result, sinceQueuedMs) => {
        metrics?.syncedStages.inc({ stage, result });
        if (result === 'applied') metrics?.latency.stageApplied(stage, sinceQueuedMs);
      },
      onCrmRequest: (sample) => metrics?.latency.crmRequestDone(sample),
    }, options.workers ?? true, options.workerTimings);
    closers.push(() => side.crm.close());
    const notifier = await buildNotifySide(config, side, redis, log, options.workers ?? true).catch((err: unknown) => { notifyStarted(null); throw err; });
    notifyStarted(notifier);
    if (notifier) closers.push(() => notifier.close());       // after the sync workers (they queue notices)
    if (side.workers) { const w = side.workers; closers.push(() => w.close()); }
    const ingestLog = log.child({ component: 'ingest' });
    const trace = new TraceBuffer(side.traces);
    const writer = new CrashSafeWriter({
      redis: config.redis.connection, prefix: config.redis.prefix, holder: instanceId, attempts: config.queue.attempts,
      bufferMax: config.queue.bufferMax, keepFailed: config.queue.keepFailed, log: ingestLog, trace, eventStream: consoleEventStream(config),
    });
    closers.push(() => writer.close());
    const ami = AmiConnection.standby(config.ami, log.child({ component: 'pbx' })); // connects while holding the lease
    closers.push(() => ami.close());
    const control = buildCallControl(config, {
      ami, redis, crm: side.crm, syncStore: side.syncStore, log, onRouteAnswered: (via, ms) => metrics?.latency.routeAnswered(via, ms),
    });
    router = control.router;
    closers.push(async () => control.detach());
    const leaseKey = `${config.redis.prefix}:lease:ami:${config.ami.host}:${config.ami.port}`;
    const reader = new PbxReader({
      ami, redis, writer, instanceId,
      leaseKey, leaseTtlMs: options.leaseTtlMs ?? config.ingest.leaseTtlMs,
      trackerOptions: {
        defaultCountry: config.numbers.defaultCountry, internalMaxLength: config.numbers.internalMaxLength,
        trunkChannelPatterns: config.trunk.channelPatterns, trunkContextPatterns: config.trunk.contextPatterns,
        accountExtensions: config.accounts,
      },
      timings: {
        resyncEveryMs: options.resyncEveryMs ?? config.ingest.resyncEveryMs,
        staleAfterMs: options.staleCallAfterMs ?? config.ingest.staleCallAfterMs,
      },
      onCallEvent: (ev) => { metrics?.callEvents.inc({ stage: ev.stage }); options.onCallEvent?.(ev); },
      log: ingestLog, trace,
    });
    reader.start();
    closers.push(() => reader.stop());
    const m = new DaemonMetrics({
      amiConnected: () => ami.state === 'connected',
      amiStats: () => ami.stats(),
      openCalls: () => reader.openCalls,
      queueStats: () => writer.stats(),
      bufferCounters: () => writer.bufferCounters(),
      bufferCapacity: config.queue.bufferMax,
    });
    metrics = m;
    const readiness = readinessReporter({
      redis, stats: () => writer.stats(), workersRunning: side.workers ? () => side.workers?.running() ?? false : null,
      pbx: { id: `${config.ami.host}:${config.ami.port}`, leaseKey, state: () => ami.state }, instanceId,
      crm: { adapter: side.crm.name, problem: () => side.crm.problem?.() ?? null },
    });
    // the dashboard's view of the call-event queue, on the main connection (it only reads and retries)
    const dashboardQueue = new Queue(CALL_EVENTS_QUEUE, { connection: redis, prefix: bullPrefix(config.redis.prefix) });
    dashboardQueue.on('error', () => { /* the main connection's watch logs Redis going away */ });
    closers.push(() => dashboardQueue.close());
    const journalSide = buildJournalRoutes(config, redis, side, control.router, log);
    closers.push(async () => journalSide.stop());
    const consolePlugin = consoleSide?.plugin({
      crm: side.crm, journal: side.journal, originator: control.originator, reports: journalSide.reports, traces: side.traces,
    }) ?? null;
    const http = await buildHttpApp({
      apiToken: config.http.apiToken, log, readiness, journal: journalReader(side), contacts: contactLookup(side, config.numbers.defaultCountry),
      metrics: m, extraRoutes: [...control.routes, ...journalSide.routes, ...(consolePlugin ? [consolePlugin] : [])], authFailures: m.authFailures, limits: config.http.limits,
      connectionsDropped: m.httpConnectionsDropped, onRoute: options.onHttpRoute, version: packageVersion(), admin: { queues: [dashboardQueue] },
    });
    closers.push(() => http.close());
    if (options.listen ?? true) await http.listen({ host: config.http.host, port: config.http.port });
    const agiConfig = config.callControl.agi;
    if (agiConfig.enabled) {
      const agi = await startFastAgiServer({
        host: agiConfig.host, port: agiConfig.port, router: control.router, dialSeconds: config.callControl.route.dialSeconds, log,
        onAnswered: (ms) => m.latency.routeAnswered('fastagi', ms),
      });
      closers.push(() => agi.close());
    }
    return { http, ami, crm: side, reader, writer, metrics: m, instanceId, console: consoleSide, readiness, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
