import { describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from '../../../src/errors.js';
import { timedCrmAdapter } from '../../../src/crm/timed-crm-adapter.js';
const PHONE = '+74951234567';
/** A CRM whose answers the test sets per call; an extra member that is not part of CrmAdapter. */
class ScriptedCrm {
    name = 'scripted';
    closed = false;
    next = async () => null;
    seen = [];
    findByPhone(phone) { this.seen.push(phone); return this.next(); }
    createEntity() { throw new Error('not used'); }
    registerCall() { throw new Error('not used'); }
    async finishCall() { }
    card = { show: async () => { }, hide: async () => { throw new RetryableError('card service down'); } };
    responsible = {
        find: async (_phone) => ({ extension: '201', userId: '7', name: null }),
        set: async () => { },
    };
    async extensionOfUser() { return null; }
    async close() { this.closed = true; }
    storeSize() { return this.seen.length; }
}
function timed() {
    const samples = [];
    return { crm: timedCrmAdapter(new ScriptedCrm(), (s) => samples.push(s)), samples };
}
describe('timedCrmAdapter', () => {
    it('reports each operation with the adapter name, method and result, and passes the answer through', async () => {
        const { crm, samples } = timed();
        expect(await crm.responsible.find(PHONE)).toEqual({ extension: '201', userId: '7', name: null });
        expect(await crm.findByPhone(PHONE)).toBeNull();
        expect(crm.seen).toEqual([PHONE]);
        expect(samples.map(({ adapter, method, result }) => [adapter, method, result])).toEqual([
            ['scripted', 'responsible.find', 'ok'], ['scripted', 'findByPhone', 'ok'],
        ]);
        for (const s of samples)
            expect(s.durationMs).toBeGreaterThanOrEqual(0);
    });
    it('times every method of every part the adapter has, and leaves the parts it lacks absent', async () => {
        const { crm, samples } = timed();
        await crm.card.show({ callId: 'c1', crmCallId: 'x1', entity: null }, ['201']);
        await expect(crm.card.hide({ callId: 'c1', crmCallId: 'x1', entity: null }, ['201'])).rejects.toBeInstanceOf(RetryableError);
        await crm.responsible.set({ callId: 'c1', crmCallId: 'x1', entity: null }, '202');
        expect(crm.card).toBe(crm.card); // one wrapper per part, not a new one per read
        const adapter = crm;
        expect(adapter.tasks).toBeUndefined();
        expect(adapter.recordings).toBeUndefined();
        expect('tasks' in adapter).toBe(false);
        expect(samples.map(({ method, result }) => [method, result])).toEqual([
            ['card.show', 'ok'], ['card.hide', 'retryable'], ['responsible.set', 'ok'],
        ]);
    });
    it('classifies failures by error class and rethrows the same error', async () => {
        const { crm, samples } = timed();
        const errors = [new RetryableError('503', 1000), new PermanentError('bad token'), new TypeError('bug')];
        for (const err of errors) {
            crm.next = async () => { throw err; };
            await expect(crm.findByPhone(PHONE)).rejects.toBe(err);
        }
        expect(samples.map((s) => s.result)).toEqual(['retryable', 'permanent', 'error']);
    });
    it('measures the time the operation took', async () => {
        const { crm, samples } = timed();
        crm.next = () => new Promise((resolve) => setTimeout(() => resolve(null), 40));
        await crm.findByPhone(PHONE);
        expect(samples[0]?.durationMs).toBeGreaterThanOrEqual(35);
    });
    it('stays the same adapter: instanceof, extra members and close() work, close() is not timed', async () => {
        const { crm, samples } = timed();
        expect(crm).toBeInstanceOf(ScriptedCrm);
        await crm.findByPhone(PHONE);
        expect(crm.storeSize()).toBe(1);
        await crm.close();
        expect(crm.closed).toBe(true);
        expect(samples.map((s) => s.method)).toEqual(['findByPhone']);
    });
});
