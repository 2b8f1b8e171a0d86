import { describe, expect, it, vi } from 'vitest';
import type { CallEvent } from '../../../../src/calls/call.js';
import { CallJournal } from '../../../../src/journal/call-journal.js';
import { silentLogger } from '../../../../src/log.js';
import { CallSync, type StageContext } from '../../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../../src/sync/sync-state-store.js';
import { aCall, aCallEvent, aRing } from '../../../../harness/call-builders.js';
import { startBitrix24Setup } from '../../../support/bitrix24-harness.js';
import { testRedis } from '../../../support/test-redis.js';

/**
 * A budget of `burst` requests (2/s), on our side and the portal's: 3 are filled by the user directory, the search and
 * the register; 2 make the register wait.
 */
async function rig(burst = 3) {
  const setup = await startBitrix24Setup({ emulator: { burst, ratePerSec: 2 }, env: { BITRIX24_BURST: String(burst), BITRIX24_RATE_PER_SEC: '2' } });
  const redis = testRedis();
  const prefix = setup.config.redis.prefix;
  const sync = new CallSync(setup.adapter, setup.config.sync, new SyncStateStore(redis, prefix), new CallJournal(redis, prefix), silentLogger());
  await setup.adapter.extensionOfUser('5');                               // the user directory, loaded once
  const sent = (method: string) => setup.emu.stats.log.filter((r) => r.status === 200).flatMap((r) => r.methods).filter((m) => m === method).length;
  return { ...setup, sync, sent };
}

/**
 * The call's later stages as the queue would show them: none until `moveOn` is called (the test calls it once a card
 * request is queued inside the client, waiting for the budget), then `events`.
 */
function laterStages(events: readonly CallEvent[]): { context: StageContext; moveOn(): void } {
  let moved = false;
  return { context: { later: () => Promise.resolve(moved ? events : []) }, moveOn: () => { moved = true; } };
}

/** 201 rings (seq 0), then 202 too (seq 1); `answeredBy` answers (seq 2) or nobody does; it ends (seq 3 / 2). */
function queueCall(phone: string, answeredBy: '201' | null): CallEvent[] {
  const base = aCall({ externalNumber: phone, queue: '500' });
  const r201 = aRing('201', base.startedAtMs + 1000);
  const r202 = aRing('202', base.startedAtMs + 1200);
  const atMs = base.startedAtMs + 5000;
  const rang = [{ ...r201, outcome: answeredBy ? 'answered' as const : 'cancelled' as const, endedAtMs: atMs }, { ...r202, outcome: 'cancelled' as const, endedAtMs: atMs }];
  const answered = { ...base, rang, answeredBy, answeredAtMs: answeredBy ? atMs : null };
  const over = answeredBy
    ? { ...answered, endedAtMs: atMs + 9000, talkDurationSec: 9, ringDurationSec: 4, disposition: 'answered' as const, hangupCause: 16 }
    : { ...answered, endedAtMs: atMs, talkDurationSec: 0, ringDurationSec: 4, disposition: 'missed' as const, hangupCause: 16 };
  const ringing = [
    aCallEvent('ringing', { ...base, rang: [r201] }, 0, { ringingTargets: ['201'] }),
    aCallEvent('ringing', { ...base, rang: [r201, r202] }, 1, { ringingTargets: ['202'] }),
  ];
  return answeredBy
    ? [...ringing, aCallEvent('answered', answered, 2), aCallEvent('ended', over, 3, { endReason: 'hangup' })]
    : [...ringing, aCallEvent('ended', over, 2, { endReason: 'hangup' })];
}

describe('bitrix24: a card waiting inside the client when the call moves on is not sent', () => {
  it('a show waiting for the budget when the call ends is dropped; the end finishes the call once, with no hide', async () => {
    const { sync, emu, adapter, sent } = await rig();
    const [first, second, ended] = queueCall('+74951230201', null);
    if (!first || !second || !ended) throw new Error('builder');
    const startedMs = Date.now(); // before the budget is spent: the show cannot go before it refills (2/s)
    await sync.apply(first);                                               // search + register (SHOW=1 for 201): budget full
    const stage = laterStages([ended]);
    const callPage = adapter.client.callPage.bind(adapter.client);
    vi.spyOn(adapter.client, 'callPage').mockImplementation((method, params, options) => {
      const reply = callPage(method, params, options);
      if (method === 'telephony.externalcall.show') stage.moveOn();       // the call ends while the show waits
      return reply;
    });
    await sync.apply(second, stage.context);
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(300);            // it did wait for the budget
    expect(sent('telephony.externalcall.show')).toBe(0);
    await sync.apply(ended);
    const [call] = emu.state.registered();
    expect(call?.finished).toMatchObject({ statusCode: '304' });
    expect(sent('telephony.externalcall.finish')).toBe(1);
    expect(emu.state.cards.map((c) => c.action)).toEqual(['show']);        // register's SHOW=1 for 201 only; nothing to hide
    expect(emu.stats.rejected).toBe(0);
  });

  it('a show waiting for the budget when another operator answers is not sent to the one who no longer rings', async () => {
    const { sync, emu, adapter, sent } = await rig();
    const [first, second, answered, ended] = queueCall('+74951230202', '201');
    if (!first || !second || !answered || !ended) throw new Error('builder');
    await sync.apply(first);
    const stage = laterStages([answered]);
    const callPage = adapter.client.callPage.bind(adapter.client);
    vi.spyOn(adapter.client, 'callPage').mockImplementation((method, params, options) => {
      const reply = callPage(method, params, options);
      if (method === 'telephony.externalcall.show') stage.moveOn();
      return reply;
    });
    await sync.apply(second, stage.context);
    expect(sent('telephony.externalcall.show')).toBe(0);
    vi.restoreAllMocks();
    await sync.apply(answered, laterStages([ended]).context);
    await sync.apply(ended);
    expect(emu.state.cards.filter((c) => c.action === 'hide')).toEqual([]);  // 202 never saw it: nothing to hide
    expect(emu.state.registered()[0]?.finished).toMatchObject({ userId: '5', statusCode: '200' });
    expect(sent('telephony.externalcall.finish')).toBe(1);
  });

  it('a registration waiting for the budget when the call ends goes with SHOW=0 and no show; the end finishes it once', async () => {
    const { sync, emu, adapter, sent } = await rig(2);
    const [first, second, ended] = queueCall('+74951230203', null);
    if (!first || !second || !ended) throw new Error('builder');
    const stage = laterStages([second, ended]);
    const callChain = adapter.client.callChain.bind(adapter.client);
    vi.spyOn(adapter.client, 'callChain').mockImplementation((steps, revise) => {
      const reply = callChain(steps, revise);
      if (steps.some((s) => s.method === 'telephony.externalcall.register')) stage.moveOn();
      return reply;
    });
    await sync.apply(first, stage.context);
    const [call] = emu.state.registered();
    expect(call?.params['SHOW']).toBe('0');
    expect(sent('telephony.externalcall.show')).toBe(0);
    await sync.apply(ended);
    expect(emu.state.registered()).toHaveLength(1);
    expect(emu.state.registered()[0]?.finished).toMatchObject({ statusCode: '304' });
    expect(sent('telephony.externalcall.finish')).toBe(1);
    expect(emu.state.cards).toEqual([]);
  });
});
