import { onTestFinished, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
import { crmEnvDocs, envSchema } from '../../../src/config/env-schema.js';
import { BITRIX24_EVENTS_PATH } from '../../../src/crm/bitrix24/bitrix24-events.js';
import { defineCrm } from '../../../src/crm/crm-descriptor.js';
import { CRM_MODULES } from '../../../src/crm/crm-modules.js';
import { startDaemon } from '../../../src/daemon/start-daemon.js';
import { waitFor } from '../../../harness/poll.js';
import { freePort } from '../../../harness/redis/private-redis.js';
import { memoryLogger, startTestAmiServer } from '../../support/ami-replay.js';
import { fixtureWithLeadIn, startTestDaemon, testDaemonEnv } from '../../support/test-daemon.js';
/** A fifth CRM, all in this file: a notebook that keeps the calls it is given, with one variable and one inbound route. */
class NotebookAdapter {
    name = 'notebook';
    started = [];
    finished = [];
    async findByPhone() { return null; }
    async createEntity(entity) { return { kind: entity.kind, id: `n-${entity.phone}` }; }
    async registerCall(call) { this.started.push(call); return { callId: call.callId, crmCallId: `nb-${call.callId}`, entity: call.entity }; }
    async finishCall(_ref, end) { this.finished.push(end); }
    async extensionOfUser() { return null; }
    async close() { }
}
const notebookCrm = defineCrm({
    name: 'notebook',
    env: { NOTEBOOK_KEY: z.string().min(12, 'NOTEBOOK_KEY: at least 12 characters').optional() },
    docs: { NOTEBOOK_KEY: 'notebook CRM: the key its ping route wants (never logged)' },
    problems: (env) => (env.NOTEBOOK_KEY ? [] : ['NOTEBOOK_KEY: required when CRM_ADAPTER=notebook']),
    settings: (env) => ({ key: env.NOTEBOOK_KEY ?? '', secrets: [env.NOTEBOOK_KEY ?? ''] }),
    create: () => new NotebookAdapter(),
    routes: (settings, kit) => async (app) => {
        app.get('/v1/crm/notebook/ping', { config: { auth: 'own' } }, async (req) => {
            if (req.headers['x-notebook-key'] !== settings.key)
                throw kit.refuse('wrong_application_token', 'key not accepted', {});
            return { pong: true };
        });
    },
});
const MODULES = [...CRM_MODULES, notebookCrm];
const KEY = 'notebook-key-0123456789';
describe('a CRM is one module', () => {
    it('a fifth CRM joins by its descriptor alone: its variable is validated and documented, its problems and secret counted', () => {
        const base = testDaemonEnv(5038, { CRM_ADAPTER: 'notebook' });
        expect(Object.keys(envSchema(MODULES).shape)).toContain('NOTEBOOK_KEY');
        expect(crmEnvDocs(MODULES)['NOTEBOOK_KEY']).toBe('notebook CRM: the key its ping route wants (never logged)');
        expect(() => loadConfig(base)).toThrow(/CRM_ADAPTER: must be one of local, bitrix24, webhook, onlyoffice/);
        const missing = (() => { try {
            loadConfig(base, MODULES);
        }
        catch (e) {
            return e;
        } return null; })();
        expect(missing).toBeInstanceOf(ConfigError);
        expect(missing.problems).toEqual(['NOTEBOOK_KEY: required when CRM_ADAPTER=notebook']);
        // its variables are checked even when another CRM runs, as every CRM's are
        expect(() => loadConfig({ ...base, CRM_ADAPTER: 'local', NOTEBOOK_KEY: 'short' }, MODULES)).toThrow(/NOTEBOOK_KEY: at least 12 characters/);
        const config = loadConfig({ ...base, NOTEBOOK_KEY: KEY }, MODULES);
        expect(config.crm.adapter).toBe('notebook');
        expect(config.crm.settings).toEqual({ key: KEY, secrets: [KEY] });
        expect(config.secrets).toContain(KEY);
    });
    it('the daemon syncs calls to it and mounts its routes (and no other CRM\'s)', async () => {
        const port = await freePort();
        const config = loadConfig(testDaemonEnv(port, { CRM_ADAPTER: 'notebook', NOTEBOOK_KEY: KEY }), MODULES);
        const daemon = await startDaemon(config, memoryLogger().log, { listen: false, leaseTtlMs: 1500 });
        onTestFinished(() => daemon.stop());
        const notebook = daemon.crm.crm;
        if (!(notebook instanceof NotebookAdapter))
            throw new Error('the daemon does not run the notebook CRM');
        expect((await daemon.http.inject({ url: '/v1/crm/notebook/ping', headers: { 'x-notebook-key': KEY } })).json()).toEqual({ pong: true });
        expect((await daemon.http.inject({ url: '/v1/crm/notebook/ping' })).statusCode).toBe(401);
        expect((await daemon.http.inject({ method: 'POST', url: BITRIX24_EVENTS_PATH, payload: {} })).statusCode).toBe(404);
        await waitFor(() => daemon.reader.isActive, { what: 'the daemon to take the AMI lease', timeoutMs: 5000 });
        await startTestAmiServer({ transcripts: [fixtureWithLeadIn('inbound-missed.ami')], port });
        await waitFor(() => notebook.finished.length > 0, { what: 'the missed call to reach the notebook CRM', timeoutMs: 5000 });
        // inbound-missed: +74951234567 rings extension 201 on line 4951230000 and hangs up unanswered (cause 19)
        expect(notebook.started).toMatchObject([{ callId: '1795413749.0', direction: 'inbound', phone: '+74951234567', extension: '201', showTo: [] }]);
        expect(notebook.finished).toMatchObject([{ disposition: 'missed', hangupCause: 19, answeredAtMs: null }]);
    });
    it('mounts the Bitrix24 event handler only when Bitrix24 runs', async () => {
        const local = await startTestDaemon({ amiPort: await freePort() });
        expect((await local.http.inject({ method: 'POST', url: BITRIX24_EVENTS_PATH, payload: {} })).statusCode).toBe(404);
        const bitrix = await startTestDaemon({
            amiPort: await freePort(),
            env: { CRM_ADAPTER: 'bitrix24', BITRIX24_WEBHOOK_URL: 'https://portal.example.bitrix24.ru/rest/1/hook-key-0001/', BITRIX24_APPLICATION_TOKEN: 'b24-app-token-0001' },
        });
        const refused = await bitrix.http.inject({
            method: 'POST', url: BITRIX24_EVENTS_PATH, headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'event=ONEXTERNALCALLSTART&auth[application_token]=wrong-token-123',
        });
        expect(refused.statusCode).toBe(401);
    });
});
