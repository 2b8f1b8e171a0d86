import type { CallEvent } from '../calls/call.js';
import type { PbxPlan } from '../config/load-deployment.js';
import { CrashSafeWriter } from '../ingest/crash-safe-writer.js';
import type { EventStreamOptions } from '../ingest/event-stream-writer.js';
import type { Logger } from '../log.js';
import type { RedisClient } from '../net/redis-client.js';
import { AmiConnection } from '../pbx/ami-connection.js';
import { TraceBuffer, type TraceSink } from '../trace/trace-buffer.js';
import type { ReaderLease } from '../lease/redis-lease.js';
import { PbxReader } from './pbx-reader.js';

/** Where one PBX keeps its tracker state and its lease: today's keys without a deployment file, its own with one. */
export function pbxKeys(tenantPrefix: string, plan: Pick<PbxPlan, 'id' | 'callIdPrefix' | 'config'>): { state: string; lease: string } {
  if (plan.callIdPrefix === '') return { state: tenantPrefix, lease: `${tenantPrefix}:lease:ami:${plan.config.ami.host}:${plan.config.ami.port}` };
  return { state: `${tenantPrefix}:pbx:${plan.id}`, lease: `${tenantPrefix}:lease:ami:${plan.id}` };
}

export interface PbxRuntimeDeps {
  readonly redis: RedisClient;
  readonly instanceId: string;
  /** The tenant's Redis prefix (its queue, journal, console stream). */
  readonly prefix: string;
  readonly eventStream: EventStreamOptions | undefined;
  /** The tenant's per-call trace store. Each PBX has its own TraceBuffer, drained by its own writer: one buffer shared by
   * a tenant's PBXs was drained by every one of their state writes, so each traced AMI event became its own three
   * commands (bench/scale). */
  readonly traces: TraceSink;
  readonly leaseTtlMs: number;
  readonly resyncEveryMs: number;
  readonly staleCallAfterMs: number;
  readonly onCallEvent: (ev: CallEvent) => void;
  /** This PBX's lease from the process's LeaseBalancer (a deployment file); a RedisLease of its own without it. */
  readonly leaseFor?: (key: string) => ReaderLease;
  /** Sees every batch of call events once its jobs are in Redis (DaemonOptions.onStored). */
  readonly onStored?: (batch: readonly CallEvent[]) => void;
  readonly log: Logger;
}

/** One PBX of a tenant: its AMI connection, its reader (lease, tracker, ingest) and its crash-safe writer. */
export interface PbxRuntime {
  readonly id: string;
  readonly plan: PbxPlan;
  readonly ami: AmiConnection;
  readonly reader: PbxReader;
  readonly writer: CrashSafeWriter;
  readonly leaseKey: string;
  stop(): Promise<void>;
}

export function startPbx(plan: PbxPlan, deps: PbxRuntimeDeps): PbxRuntime {
  const config = plan.config;
  const log = deps.log.child({ component: 'ingest', ...(plan.callIdPrefix ? { pbx: plan.id } : {}) });
  const keys = pbxKeys(deps.prefix, plan);
  const trace = new TraceBuffer(deps.traces, { amiEvents: config.reports.traceAmiEvents });
  const writer = new CrashSafeWriter({
    redis: config.redis.connection, prefix: deps.prefix, statePrefix: keys.state, holder: deps.instanceId, attempts: config.queue.attempts,
    bufferMax: config.queue.bufferMax, keepFailed: config.queue.keepFailed, log, trace, eventStream: deps.eventStream,
    ...(deps.onStored ? { onStored: deps.onStored } : {}),
  });
  const ami = AmiConnection.standby(config.ami, deps.log.child({ component: 'pbx', ...(plan.callIdPrefix ? { pbx: plan.id } : {}) }));
  const reader = new PbxReader({
    ami, redis: deps.redis, writer, instanceId: deps.instanceId, leaseKey: keys.lease, leaseTtlMs: deps.leaseTtlMs,
    ...(deps.leaseFor ? { lease: deps.leaseFor(keys.lease) } : {}),
    trackerOptions: {
      defaultCountry: config.numbers.defaultCountry, internalMaxLength: config.numbers.internalMaxLength,
      trunkChannelPatterns: config.trunk.channelPatterns, trunkContextPatterns: config.trunk.contextPatterns,
      accountExtensions: config.accounts, ...(plan.callIdPrefix ? { callIdPrefix: plan.callIdPrefix } : {}),
    },
    timings: { resyncEveryMs: deps.resyncEveryMs, staleAfterMs: deps.staleCallAfterMs },
    onCallEvent: deps.onCallEvent, log, trace,
  });
  reader.start();
  return {
    id: plan.id, plan, ami, reader, writer, leaseKey: keys.lease,
    // reverse order of start: the reader saves the state and gives up the lease, AMI closes, then the writer drains
    stop: async () => {
      await reader.stop().catch((err: unknown) => log.error({ err }, 'reader stop failed'));
      await ami.close().catch((err: unknown) => log.error({ err }, 'AMI close failed'));
      await writer.close().catch((err: unknown) => log.error({ err }, 'writer close failed'));
      trace.close(); // what the last writes could not take: its blocks go back to the process's pool
    },
  };
}
