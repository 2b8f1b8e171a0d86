import { onTestFinished } from 'vitest';
import { AmiActionError } from '../../../src/pbx/ami-client.js';
import { buildHttpApp } from '../../../src/http/build-app.js';
import { silentLogger } from '../../../src/log.js';
import { DialGuard } from '../../../src/http/dial-guard.js';
import { ClickToCallOriginator } from '../../../src/http/click-to-call-originator.js';
import { aReadyReport } from '../../support/ready-report.js';
export const API_TOKEN = 'test-api-token-0123456789';
/** An AmiClient that records actions and answers them as told (Success by default). */
export class FakeAmiClient {
    state = 'connected';
    actions = [];
    answer = async () => ({
        response: { response: 'Success', actionId: `fake-${this.actions.length}`, fields: { message: 'Originate successfully queued' }, multi: {} },
        events: [],
    });
    listeners = new Set();
    connected = new Set();
    async action(name, fields) {
        if (this.state !== 'connected')
            throw new AmiActionError('AMI is not connected', 'not-connected');
        this.actions.push({ name, fields });
        return this.answer(name, fields);
    }
    onEvent(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    onConnected(listener) {
        this.connected.add(listener);
        return () => this.connected.delete(listener);
    }
    onDisconnected() { return () => undefined; }
    async close() { this.state = 'closed'; }
    emit(ev) { for (const l of this.listeners)
        l(ev); }
    reconnect() { for (const l of this.connected)
        l({ reconnect: true, uptimeSec: 10 }); }
}
export const POLICY = {
    allowPatterns: [], denyPatterns: ['^(00|011|810)'], allowInternational: false,
    knownExtensions: ['201', '202'], knownExtensionPattern: null, defaultCountry: 'RU', internalMaxLength: 4,
    numberFormat: 'national',
};
export const ORIGINATE = {
    channelTemplate: 'Local/{ext}@operators', context: 'from-internal', timeoutMs: 30000, callerIdName: 'CRM', cidVariable: null,
};
export function makeGuard(overrides = {}) {
    return new DialGuard({ ...POLICY, ...overrides });
}
export function makeOriginator(ami, log = silentLogger()) {
    return new ClickToCallOriginator(ami, ORIGINATE, log);
}
/** buildHttpApp with fake core deps and the given extra route plugins; closed when the test finishes. */
export async function callControlApp(extraRoutes, options = {}) {
    const app = await buildHttpApp({
        apiToken: API_TOKEN,
        log: options.log ?? silentLogger(),
        readiness: async () => aReadyReport(),
        journal: { list: async () => ({ items: [], nextCursor: null }), get: async () => null },
        contacts: { findByPhone: async () => null },
        metrics: { contentType: 'text/plain', metrics: async () => '' },
        extraRoutes,
    });
    onTestFinished(() => app.close());
    return app;
}
export const AUTH = { authorization: `Bearer ${API_TOKEN}` };
/** The `Variable` values of an action as NAME → value. */
export function variablesOf(fields) {
    const raw = fields['Variable'];
    const list = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
    return Object.fromEntries(list.map((v) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]));
}
