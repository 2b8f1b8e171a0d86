import { describe, expect, it } from 'vitest';
import { BITRIX24_EVENTS_PATH } from '../../../src/crm/bitrix24/bitrix24-events.js';
import { bitrix24EventsWith } from '../../support/bitrix24-event-routes.js';
import { clickToCallRoutes } from '../../../src/http/routes/click-to-call.js';
import { silentLogger } from '../../../src/log.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { AUTH, FakeAmiClient, callControlApp, makeGuard, makeOriginator } from '../../unit/http/call-control-app.js';
const APP_TOKEN = 'b24-app-token-s3cr3t-value';
describe('rate limits stored in Redis', () => {
    it('count one extension\'s calls across the API and the CRM route, and across app instances', async () => {
        const redis = testRedis();
        const rateLimit = { windowMs: 60_000, perTokenMax: 100, perExtensionMax: 2, redis, prefix: uniquePrefix() };
        const ami = new FakeAmiClient();
        const users = { extensionOfUser: async () => '201' };
        const build = () => callControlApp([
            clickToCallRoutes({ guard: makeGuard(), originator: makeOriginator(ami), users, rateLimit }),
            bitrix24EventsWith({
                applicationToken: APP_TOKEN, memberId: null, guard: makeGuard(), originator: makeOriginator(ami), users,
                router: null, callbackExtension: null, rateLimit, log: silentLogger(),
            }),
        ]);
        const first = await build();
        const second = await build();
        const viaApi = await first.inject({ method: 'POST', url: '/v1/originate', headers: AUTH, payload: { from: '201', to: '84951112233' } });
        expect(viaApi.statusCode).toBe(202);
        const payload = new URLSearchParams({
            event: 'ONEXTERNALCALLSTART', 'data[USER_ID]': '7', 'data[PHONE_NUMBER]': '84951112233', 'data[CALL_ID]': 'externalCall.1.2',
            'auth[application_token]': APP_TOKEN,
        }).toString();
        const viaCrm = await first.inject({ method: 'POST', url: BITRIX24_EVENTS_PATH, payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect(viaCrm.statusCode).toBe(200);
        const third = await second.inject({ method: 'POST', url: '/v1/originate', headers: AUTH, payload: { from: '201', to: '84951112233' } });
        expect(third.statusCode).toBe(429);
        expect(ami.actions).toHaveLength(2);
    });
});
