import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { CallResender } from '../../../src/daemon/call-resend.js';
import { buildCrmSide } from '../../../src/daemon/crm-side.js';
import { silentLogger } from '../../../src/log.js';
import { CallEventQueue } from '../../../src/queue/call-event-queue.js';
import { PENDING_GRACE_MS } from '../../../src/sync/call-sync.js';
import { startBitrix24Emulator } from '../../../harness/crm/bitrix24-emulator.js';
import { inboundAnsweredEvents } from '../../../harness/call-builders.js';
import { waitFor } from '../../../harness/poll.js';
import { testRedisUrl, uniquePrefix } from '../../support/test-redis.js';
import { EMU_USERS } from '../../support/bitrix24-harness.js';

const DOWN = { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' };

/** The daemon's sync side (queue, workers, CallSync, Bitrix24) with one attempt per job, so a CRM failure fails the stage. */
async function rig() {
  const emu = await startBitrix24Emulator({ users: EMU_USERS });
  onTestFinished(() => emu.close());
  const config = loadConfig({
    AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'test-api-token-0123456789', CRM_ADAPTER: 'bitrix24', JOB_ATTEMPTS: '1',
    REDIS_URL: testRedisUrl(), REDIS_PREFIX: uniquePrefix(), BITRIX24_WEBHOOK_URL: emu.webhookUrl, BITRIX24_BATCH_WINDOW_MS: '5',
  });
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const side = buildCrmSide(config, redis, silentLogger(), { responsibleChanged: async () => undefined, onResult: () => undefined, onCrmRequest: () => undefined }, true);
  const queue = new CallEventQueue(redis, { prefix: config.redis.prefix, attempts: config.queue.attempts, log: silentLogger() });
  onTestFinished(async () => { await side.workers?.close(); await queue.close(); await side.crm.close(); redis.disconnect(); });
  const resender = new CallResender(side.syncStore, queue, silentLogger());
  const finishes = (id: string) => emu.state.finished().filter((c) => c.params['EXTERNAL_CALL_ID'] === id).length;
  const registrations = (id: string) => emu.state.registered().filter((c) => c.params['EXTERNAL_CALL_ID'] === id).length;
  const settled = async () => { const c = await queue.counts(); return c.waiting + c.active + c.delayed === 0; };
  return { emu, queue, resender, side, finishes, registrations, settled };
}

describe('resending calls to the CRM', () => {
  it('a call whose finish failed is finished by a resend, once; a second resend duplicates nothing', async () => {
    const r = await rig();
    const events = inboundAnsweredEvents({ phone: '+74951230301', rang: ['201'] });
    const id = events[0]?.call.id ?? '';
    r.emu.failNext('telephony.externalcall.finish', DOWN, 2);             // in the register batch, then finishCall's own
    await r.queue.add(events);
    await waitFor(async () => (await r.queue.counts()).failed === 1, { what: 'the ended stage failed', timeoutMs: 10_000 });
    expect(r.finishes(id)).toBe(0);
    expect(await r.resender.one(id)).toEqual({ id, status: 'queued' });
    await waitFor(() => r.finishes(id) === 1, { what: 'finished by the resend', timeoutMs: 10_000 });
    await waitFor(r.settled, { what: 'the resend done', timeoutMs: 10_000 });
    const requests = r.emu.stats.requests;
    expect(await r.resender.one(id)).toEqual({ id, status: 'queued' });
    await waitFor(r.settled, { what: 'the second resend done', timeoutMs: 10_000 });
    expect(r.finishes(id)).toBe(1);
    expect(r.registrations(id)).toBe(1);
    expect(r.emu.stats.requests).toBe(requests);                             // everything was done: nothing is sent
    expect(await r.resender.one('1795499999.1')).toBeNull();
  });

  it('resends the calls of a time range, and the sweep resends a call whose CRM stages never completed (after an outage)', async () => {
    const r = await rig();
    const a = inboundAnsweredEvents({ phone: '+74951230302', rang: ['201'] });
    const b = inboundAnsweredEvents({ phone: '+74951230303', rang: ['202'] });
    const [idA, idB] = [a[0]?.call.id ?? '', b[0]?.call.id ?? ''];
    r.emu.failNext('*', DOWN, 1000);                                       // the portal is down
    await r.queue.add([...a, ...b]);
    await waitFor(async () => (await r.queue.counts()).failed >= 2, { what: 'the stages failed', timeoutMs: 10_000 });
    await waitFor(r.settled, { what: 'nothing left running', timeoutMs: 10_000 });
    r.emu.failNext('*', DOWN, 0);                                          // it is back
    expect(await r.resender.sweep(Date.now())).toEqual([]);                // not due yet
    expect((await r.resender.sweep(Date.now() + PENDING_GRACE_MS + 1)).sort()).toEqual([idA, idB].sort());
    await waitFor(() => r.finishes(idA) === 1 && r.finishes(idB) === 1, { what: 'both finished', timeoutMs: 10_000 });
    await waitFor(r.settled, { what: 'resends done', timeoutMs: 10_000 });
    expect(await r.resender.sweep(Date.now() + 100 * PENDING_GRACE_MS)).toEqual([]);   // synced: no longer pending
    const ended = a[2]?.call.endedAtMs ?? 0;
    const range = await r.resender.range(ended - 1000, ended + 1000);
    expect([...range.ids].sort()).toEqual([idA, idB].sort());
    await waitFor(r.settled, { what: 'range resend done', timeoutMs: 10_000 });
    expect([r.finishes(idA), r.finishes(idB), r.registrations(idA), r.registrations(idB)]).toEqual([1, 1, 1, 1]);
  });
});
