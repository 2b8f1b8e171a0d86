import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { LocalCrmAdapter } from '../../src/crm/local/local-crm-adapter.js';
import { silentLogger } from '../../src/log.js';
import { testRedis, testRedisUrl, uniquePrefix } from '../support/test-redis.js';
import { describeCrmAdapter } from './conformance.js';
async function localHarness() {
    const prefix = uniquePrefix();
    // No offline queue: while the connection is down, commands fail at once (as a dead CRM would) instead of waiting.
    const redis = new Redis(testRedisUrl(), { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true });
    redis.on('error', () => undefined);
    await redis.connect();
    const adapter = new LocalCrmAdapter({ redis, prefix, users: { '201': 'u201' }, log: silentLogger() });
    const reader = testRedis();
    const call = (callId) => reader.hgetall(`${prefix}:crm:call:${callId}`);
    return {
        adapter, secrets: ['local-adapter-has-no-secret'], extensions: ['201', '202'], userIds: { '201': 'u201', '202': '202' },
        unsupported: { 'bad-credentials': 'the local CRM lives in our own Redis and has no credentials of its own' },
        breakCredentials: async () => undefined,
        failNext: async () => {
            const ended = new Promise((resolve) => redis.once('end', resolve));
            redis.disconnect();
            await ended;
        },
        recover: async () => { if (redis.status === 'end')
            await redis.connect(); },
        countCalls: async (callId) => ((await reader.zscore(`${prefix}:crm:calls`, callId)) === null ? 0 : 1),
        countTasks: async (callId) => ((await call(callId))['task'] ? 1 : 0),
        countFinishes: async (callId) => ((await call(callId))['finish'] ? 1 : 0),
        cardsShown: (callId) => adapter.cardsShown(callId),
        recordingsHeld: async (callId) => (await adapter.callEntry(callId))?.recordings ?? [],
        close: async () => { redis.disconnect(); },
    };
}
describeCrmAdapter('local', localHarness);
describe('local CRM specifics', () => {
    const make = () => new LocalCrmAdapter({ redis: testRedis(), prefix: uniquePrefix(), users: { '201': 'u-anna' }, log: silentLogger() });
    it('keeps the id the CRM gave a click-to-call call', async () => {
        const a = make();
        const ref = await a.registerCall({ callId: 'c1', direction: 'outbound', phone: '+74951112233', line: null, startedAtMs: 1, extension: '201', entity: null, crmCallId: 'crm-77', isCallback: false, showTo: [] });
        expect(ref.crmCallId).toBe('crm-77');
    });
    it('adds each call to its contact history as incoming or outgoing with agent and times', async () => {
        const a = make();
        const contact = await a.createEntity({ kind: 'contact', phone: '+74951112233', title: 'No name', responsibleExtension: '201', contact: null, source: 'inbound' });
        const ref = await a.registerCall({ callId: 'c2', direction: 'inbound', phone: '+74951112233', line: '7495000', startedAtMs: 1000, extension: '201', entity: contact, crmCallId: null, isCallback: false, showTo: [] });
        await a.finishCall(ref, { extension: '202', talkDurationSec: 30, disposition: 'answered', hangupCause: 16, endedAtMs: 41_000, direction: 'inbound', phone: '+74951112233', line: '7495000', startedAtMs: 1000, answeredAtMs: 11_000, recordingFile: '/rec/c2.wav', recordingFiles: ['/rec/c2.wav'] });
        const [entry] = await a.history(contact);
        expect(entry).toMatchObject({ callId: 'c2', kind: 'incoming', agent: '202', client: '+74951112233', line: '7495000', talkDurationSec: 30, ringDurationSec: 10, disposition: 'answered', recording: '/rec/c2.wav' });
    });
    it('creates one contact per number and lets closed work stop blocking repeat sales', async () => {
        const a = make();
        const n = { kind: 'contact', phone: '+74951112234', title: 'No name', responsibleExtension: null, contact: null, source: 'inbound' };
        expect(await a.createEntity(n)).toEqual(await a.createEntity(n));
        const deal = await a.createEntity({ ...n, kind: 'deal', title: 'Incoming call +74951112234' });
        expect((await a.findByPhone('+74951112234'))?.openWork).toEqual([deal]);
        await a.setStatus(deal, 'closed');
        expect((await a.findByPhone('+74951112234'))?.openWork).toEqual([]);
    });
    it('maps CRM users to extensions through the users map, or as themselves', async () => {
        const a = make();
        expect(await a.extensionOfUser('u-anna')).toBe('201');
        expect(await a.extensionOfUser('305')).toBe('305');
        expect(await a.extensionOfUser('someone')).toBeNull();
    });
});
