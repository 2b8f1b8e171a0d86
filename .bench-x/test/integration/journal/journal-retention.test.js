import { describe, expect, it } from 'vitest';
import { pruneJournal } from '../../../src/daemon/personal-data.js';
import { CallJournal } from '../../../src/journal/call-journal.js';
import { CallReports } from '../../../src/journal/call-reports.js';
import { CallTraceStore } from '../../../src/trace/call-trace-store.js';
import { SyncStateStore } from '../../../src/sync/sync-state-store.js';
import { aCall } from '../../../harness/call-builders.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10);
describe('journal retention', () => {
    it('removes calls older than the cut-off with their traces and index entries; the report figures stay', async () => {
        const redis = testRedis();
        const prefix = uniquePrefix();
        const traces = new CallTraceStore(redis, prefix);
        const journal = new CallJournal(redis, prefix, { trace: traces });
        const why = { extension: '201', rule: 'last-answerer', reason: 'test' };
        for (let i = 0; i < 600; i += 1) {
            await journal.record(aCall({ id: `old${i}`, startedAtMs: T0 - 40 * DAY + i * 1000, disposition: 'missed', externalNumber: '+74951000001' }), '201', null, why);
        }
        await journal.record(aCall({ id: 'new', startedAtMs: T0, disposition: 'missed', externalNumber: '+74951000001' }), '201', null, why);
        const reports = new CallReports(redis, journal.counters, 20);
        const period = { fromMs: T0 - 60 * DAY, toMs: T0 + DAY, tz: 'UTC' };
        const before = await reports.rows('operators', period);
        expect(before[0]).toMatchObject({ extension: '201', inbound: 601 });
        expect(await pruneJournal({ journal, traces, sync: new SyncStateStore(redis, prefix) }, T0 - 30 * DAY)).toEqual({ calls: 600, traces: 600 });
        expect((await journal.list({ limit: 500 })).items.map((r) => r.id)).toEqual(['new']);
        expect(await journal.idsOfPhone('+74951000001')).toEqual(['new']);
        expect(await journal.list({ extension: '201', limit: 500 })).toMatchObject({ items: [{ id: 'new' }] });
        expect(await traces.read('old0')).toBeNull();
        expect(await traces.read('new')).toMatchObject({ decisions: [{ kind: 'responsible', rule: 'last-answerer' }] });
        expect(await reports.rows('operators', period)).toEqual(before);
        expect(await pruneJournal({ journal, traces, sync: new SyncStateStore(redis, prefix) }, T0 - 30 * DAY)).toEqual({ calls: 0, traces: 0 });
    });
});
