import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { startFastAgiServer } from '../agi/fastagi-server.js';
import type { CallEvent } from '../calls/call.js';
import type { Config } from '../config/config.js';
import { DEFAULT_PBX, deploymentOf } from '../config/load-deployment.js';
import type { ReadyReport } from '../http/routes/health.js';
import type { Logger } from '../log.js';
import type { DaemonMetrics } from '../metrics/daemon-metrics.js';
import type { AmiConnection } from '../pbx/ami-connection.js';
import type { CrmSide, CrmSideTimings } from './crm-side.js';
import type { CrashSafeWriter } from '../ingest/crash-safe-writer.js';
import type { PbxReader } from './pbx-reader.js';
import { checkRedisDatabase } from './redis-database-check.js';
import { watchRedisConnection } from '../net/redis-connection-log.js';
import { connectRedis } from '../net/redis-client.js';
import type { ConsoleSide } from './console-side.js';
import { startTenant, type TenantRuntime } from './tenant-runtime.js';
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
  /** Sees every batch of call events once its jobs are in Redis, per PBX (bench/scale's frame → job latency). */
  readonly onStored?: (batch: readonly CallEvent[]) => void;
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
    const [plan] = deploymentOf(config).tenants;
    if (!plan) throw new Error('no tenant');
    const tenant = await startTenant(plan, { redis, log, instanceId, labelled: false }, options);
    closers.push(() => tenant.stop());
    const http = tenant.http;
    if (options.listen ?? true) await http.listen({ host: config.http.host, port: config.http.port });
    const agi = await startAgi(config, tenant, log);
    if (agi) closers.push(() => agi.close());
    const pbx = tenant.pbxs().get(DEFAULT_PBX);
    if (!pbx) throw new Error('no PBX');
    return {
      http, ami: pbx.ami, crm: tenant.crm, reader: pbx.reader, writer: pbx.writer, metrics: tenant.metrics, instanceId,
      console: tenant.console, readiness: () => tenant.readiness(), stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The FastAGI server for the dialplan's route question (AGI_ENABLED), answering for one tenant. */
export async function startAgi(config: Config, tenant: TenantRuntime, log: Logger): Promise<{ close(): Promise<void> } | null> {
  const agiConfig = config.callControl.agi;
  if (!agiConfig.enabled) return null;
  return startFastAgiServer({
    host: agiConfig.host, port: agiConfig.port, router: tenant.control.router, dialSeconds: config.callControl.route.dialSeconds, log,
    onAnswered: (ms) => tenant.metrics.latency.routeAnswered('fastagi', ms),
  });
}
