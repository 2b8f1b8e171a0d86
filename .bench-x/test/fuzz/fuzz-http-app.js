import { onTestFinished } from 'vitest';
import { normalizePhoneNumber } from '../../src/calls/phone-number.js';
import { loadConfig } from '../../src/config/load-config.js';
import { LocalCrmAdapter } from '../../src/crm/local/local-crm-adapter.js';
import { buildCallControl } from '../../src/daemon/call-control.js';
import { buildJournalRoutes } from '../../src/daemon/journal-routes.js';
import { buildHttpApp } from '../../src/http/build-app.js';
import { HttpError } from '../../src/http/http-error.js';
import { CallJournal, InvalidCursorError } from '../../src/journal/call-journal.js';
import { CallSync } from '../../src/sync/call-sync.js';
import { SyncStateStore } from '../../src/sync/sync-state-store.js';
import { CallTraceStore } from '../../src/trace/call-trace-store.js';
import { testRedis, testRedisUrl, uniquePrefix } from '../support/test-redis.js';
import { FakeAmiClient } from '../unit/http/call-control-app.js';
import { aReadyReport } from '../support/ready-report.js';
export const FUZZ_API_TOKEN = 'fuzz-api-token-0123456789abcdef';
export const FUZZ_APP_TOKEN = 'fuzz-b24-application-token';
/**
 * The HTTP surface as startDaemon wires it: buildHttpApp with the real journal, contact lookup and local CRM on the
 * test Redis, plus every call-control route from buildCallControl (click-to-call, route lookup, Bitrix24 events)
 * over a fake AMI that accepts every Originate, and the reports, trace and personal-data routes. Rate limits are raised so the fuzzer reaches the handlers.
 * The journal/contact adapters repeat start-daemon.ts's private journalReader/contactLookup (same mapping).
 */
export async function fuzzHttpApp(log) {
    const prefix = uniquePrefix();
    const config = loadConfig({
        AMI_USERNAME: 'crm', AMI_SECRET: 'fuzz-ami-secret', API_TOKEN: FUZZ_API_TOKEN, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix,
        // the Bitrix24 module's event route is mounted only with CRM_ADAPTER=bitrix24; the calls go to the local CRM below
        CRM_ADAPTER: 'bitrix24', BITRIX24_WEBHOOK_URL: 'https://fuzz.bitrix24.example/rest/1/fuzz-webhook-key/',
        BITRIX24_APPLICATION_TOKEN: FUZZ_APP_TOKEN, BITRIX24_CALLBACK_EXTENSION: '201', KNOWN_EXTENSIONS: '201,202',
        RATE_LIMIT_PER_TOKEN_MAX: '1000000', RATE_LIMIT_PER_EXTENSION_MAX: '1000000', LOG_LEVEL: 'silent',
    });
    const redis = testRedis();
    const ami = new FakeAmiClient();
    const crm = new LocalCrmAdapter({ redis, prefix, users: { 201: '7', 202: '8' }, log });
    const control = buildCallControl(config, { pbxs: () => new Map([['default', { ami, config }]]), redis, crm, syncStore: new SyncStateStore(redis, prefix), log });
    const journal = new CallJournal(redis, prefix);
    const syncStore = new SyncStateStore(redis, prefix);
    const sync = new CallSync(crm, config.sync, syncStore, journal, log);
    const reports = buildJournalRoutes(config, redis, { journal, traces: new CallTraceStore(redis, prefix), sync, syncStore }, control.router, log);
    const app = await buildHttpApp({
        apiToken: FUZZ_API_TOKEN, log,
        readiness: async () => aReadyReport(),
        journal: {
            get: (id) => journal.get(id),
            list: async (q) => {
                try {
                    return await journal.list(q);
                }
                catch (err) {
                    if (err instanceof InvalidCursorError)
                        throw new HttpError(400, 'invalid_cursor', 'cursor is not one this API returned');
                    throw err;
                }
            },
        },
        contacts: {
            findByPhone: async (raw) => {
                const phone = normalizePhoneNumber(raw, config.numbers.defaultCountry);
                if (!phone)
                    throw new HttpError(400, 'invalid_request', 'phone is not a valid phone number');
                const match = await crm.findByPhone(phone);
                return match ? { phone, ...match } : null;
            },
        },
        metrics: { contentType: 'text/plain; version=0.0.4', metrics: async () => '# fuzz\n' },
        extraRoutes: [...control.routes, ...reports.routes],
    });
    onTestFinished(async () => { control.detach(); reports.stop(); await app.close(); });
    return { app, ami, journal, router: control.router };
}
