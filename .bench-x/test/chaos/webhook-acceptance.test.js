import { describe, expect, it } from 'vitest';
import { runWebhookChaos } from '../../harness/chaos/chaos-webhook.js';
import { skipWithoutRedisServer } from '../support/test-redis.js';
import { schedule } from './chaos-support.js';
const CALLS = [
    'attended-transfer.ami', 'blind-transfer.ami', 'inbound-answered.ami', 'inbound-busy.ami', 'inbound-crm-lookup.ami', 'inbound-missed-timeout.ami',
    'inbound-missed.ami', 'inbound-operator-hangup.ami', 'inbound-queue.ami', 'outbound.ami', 'recorded-call.ami',
];
/**
 * The acceptance schedule through the signed webhook, short (`npm run chaos -- --webhook` runs it with 60 calls, a
 * 30 s AMI cut and the CRM failing for 30 s): kill -9 of the daemon twice, Redis kill -9, an AMI cut and the CRM
 * answering 5xx for 10 s while 12 calls flow. Every call must arrive once per stage (registered, finished, each
 * recording, the call-back task of a missed call) with the PBX's disposition, operator and talk time; only calls
 * that began and ended while no daemon read AMI may be missing (AMI keeps no history).
 */
describe('acceptance faults through the signed webhook (daemon child processes)', () => {
    it('delivers every stage once and every call with its real outcome through kill -9 x2, Redis kill -9, an AMI cut and CRM 5xx', async (ctx) => {
        skipWithoutRedisServer(ctx); // kills and restarts a Redis of its own
        const s = await schedule(CALLS, 12, 2);
        const r = await runWebhookChaos(s, {
            speed: 1, amiCutSec: 3, crmDownSec: 10, redisDownSec: 2, settleSec: 40, daemonEnv: { AMI_LEASE_TTL_MS: '4000' },
            ...(process.env['CHAOS_LOG'] ? { logFile: process.env['CHAOS_LOG'] } : {}),
        });
        console.log([...r.faults, ...r.wrong.map((w) => `wrong ${w}`), `missing ${r.missing.join('; ')}`, `recordings begun unseen ${r.recordingsUnseen}`, `handovers unseen ${r.handoversUnseen}`,
            `delivered ${r.delivered}, unobserved ${r.unobserved}, invisible ${r.invisible}, redelivered ${r.redelivered}`, `duplicated ${r.duplicatedIds.join(' ')}`].join('\n'));
        expect(r.faults.filter((f) => f.includes('daemon kill -9'))).toHaveLength(2);
        expect(r.faults.some((f) => f.includes('Redis kill -9'))).toBe(true);
        expect(r.faults.some((f) => f.includes('AMI back and resynced'))).toBe(true);
        expect(r.faults.find((f) => f.includes('CRM back'))).toMatch(/\((?:[1-9]\d*) requests failed\)/);
        expect(r.wrong).toEqual([]);
        expect(r).toMatchObject({ expected: 12, lost: 0, duplicated: 0, extra: 0, wrongOutcome: 0 });
        expect(r.delivered + r.invisible).toBe(12);
    }, 150_000);
});
