import { CrashSafeWriter } from '../ingest/crash-safe-writer.js';
import { AmiConnection } from '../pbx/ami-connection.js';
import { TraceBuffer } from '../trace/trace-buffer.js';
import { PbxReader } from './pbx-reader.js';
/** Where one PBX keeps its tracker state and its lease: today's keys without a deployment file, its own with one. */
export function pbxKeys(tenantPrefix, plan) {
    if (plan.callIdPrefix === '')
        return { state: tenantPrefix, lease: `${tenantPrefix}:lease:ami:${plan.config.ami.host}:${plan.config.ami.port}` };
    return { state: `${tenantPrefix}:pbx:${plan.id}`, lease: `${tenantPrefix}:lease:ami:${plan.id}` };
}
export function startPbx(plan, deps) {
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
            await reader.stop().catch((err) => log.error({ err }, 'reader stop failed'));
            await ami.close().catch((err) => log.error({ err }, 'AMI close failed'));
            await writer.close().catch((err) => log.error({ err }, 'writer close failed'));
        },
    };
}
