import type { RedisClient } from '../net/redis-client.js';
import type { PbxReadiness, ReadyReport } from '../http/routes/health.js';
import type { AmiConnectionState } from '../pbx/ami-client.js';
import type { QueueStats } from '../queue/call-event-queue.js';
import { withTimeout } from '../timeout.js';
import { holderOf } from '../lease/balance-plan.js';
import type { CrmProblem } from '../crm/adapter.js';

export interface ReadinessDeps {
  readonly redis: RedisClient;
  readonly stats: () => Promise<QueueStats>;
  /** null: this instance runs no sync workers (it still serves HTTP). */
  readonly workersRunning: (() => boolean) | null;
  /** One PBX, or (`pbxs`) each PBX of a tenant, read at every report (a reload changes them). */
  readonly pbx?: PbxProbe;
  readonly pbxs?: () => readonly PbxProbe[];
  readonly instanceId: string;
  /** The CRM adapter's standing refusal (CrmAdapter.problem), shown as `crm`. */
  readonly crm?: { readonly adapter: string; readonly problem: () => CrmProblem | null };
  /** How long a Redis read may take before its last value is reported stale (default 500 ms). */
  readonly timeoutMs?: number;
  readonly nowMs?: () => number;
}

export interface PbxProbe { readonly id: string; readonly leaseKey: string; readonly state: () => AmiConnectionState }

/** A value read from Redis, or the one read last when this read failed or timed out (`stale`, with its age). */
interface LastRead<T> { value: T; atMs: number | null }

function within<T>(read: Promise<T>, ms: number): Promise<{ ok: true; value: T } | { ok: false }> {
  return withTimeout(read.then((value) => ({ ok: true as const, value }), () => ({ ok: false as const })), ms, () => ({ ok: false as const }));
}

function crmReadiness(adapter: string, problem: CrmProblem | null): NonNullable<ReadyReport['crm']> {
  return { adapter, ok: problem === null, problem: problem ? { ...problem } : null };
}

/**
 * What GET /ready reports. Ready means this instance can serve HTTP and run jobs: RedisClient answers and the sync workers
 * run. The PBX's AMI state is reported, not required: a standby or a reconnecting AMI keeps routing and click-to-call
 * answering (routing falls back while AMI is away). Figures not read now are the last ones read, marked stale with age.
 */
export function readinessReporter(deps: ReadinessDeps): () => Promise<ReadyReport> {
  const timeoutMs = deps.timeoutMs ?? 500;
  const now = deps.nowMs ?? Date.now;
  const holders = new Map<string, LastRead<string | null>>();
  const ageOf = (atMs: number | null) => (atMs === null ? null : now() - atMs);
  const probes = (): readonly PbxProbe[] => deps.pbxs?.() ?? (deps.pbx ? [deps.pbx] : []);
  return async () => {
    const list = probes();
    const [ping, leases, stats] = await Promise.all([
      within(deps.redis.ping(), timeoutMs), Promise.all(list.map((p) => within(deps.redis.get(p.leaseKey), timeoutMs))), deps.stats(),
    ]);
    const redis = ping.ok && ping.value === 'PONG';
    const workersOk = deps.workersRunning ? deps.workersRunning() : null;
    const pbxs: PbxReadiness[] = list.map((p, i) => {
      const lease = leases[i] ?? { ok: false as const };
      const holder = holders.get(p.leaseKey) ?? { value: null, atMs: null };
      holders.set(p.leaseKey, holder);
      // a lease being handed over (lease/lease-balancer.ts) has no holder yet
      if (lease.ok) { holder.value = holderOf(lease.value); holder.atMs = now(); }
      return {
        id: p.id, state: p.state(), leaseHolder: holder.value, thisInstance: holder.value === deps.instanceId,
        stale: !lease.ok, ageMs: lease.ok ? 0 : ageOf(holder.atMs),
      };
    });
    return {
      ready: redis && workersOk !== false,
      redis, workers: workersOk === null ? 'off' : workersOk ? 'running' : 'stopped',
      ami: pbxs[0]?.state ?? 'standby', pbx: pbxs,
      queueDepth: stats.waiting + stats.delayed + stats.active + stats.buffered, buffered: stats.buffered, failedJobs: stats.failed,
      counts: { stale: !stats.fresh, ageMs: stats.fresh ? 0 : ageOf(stats.readAtMs) },
      ...(deps.crm ? { crm: crmReadiness(deps.crm.adapter, deps.crm.problem()) } : {}),
    };
  };
}
