import type { FastifyInstance } from 'fastify';
import { onTestFinished } from 'vitest';
import type { AmiActionFields, AmiActionResult, AmiClient, AmiConnectionState } from '../../../src/pbx/ami-client.js';
import { AmiActionError } from '../../../src/pbx/ami-client.js';
import type { AmiEvent } from '../../../src/pbx/ami-event.js';
import { buildHttpApp } from '../../../src/http/build-app.js';
import type { Logger } from '../../../src/log.js';
import { silentLogger } from '../../../src/log.js';
import { DialGuard, type DialPolicy } from '../../../src/http/dial-guard.js';
import { ClickToCallOriginator, type OriginateSettings } from '../../../src/http/click-to-call-originator.js';
import { aReadyReport } from '../../support/ready-report.js';

export const API_TOKEN = 'test-api-token-0123456789';

/** An AmiClient that records actions and answers them as told (Success by default). */
export class FakeAmiClient implements AmiClient {
  state: AmiConnectionState = 'connected';
  readonly actions: Array<{ name: string; fields: AmiActionFields }> = [];
  answer: (name: string, fields: AmiActionFields) => Promise<AmiActionResult> = async () => ({
    response: { response: 'Success', actionId: `fake-${this.actions.length}`, fields: { message: 'Originate successfully queued' }, multi: {} },
    events: [],
  });
  private readonly listeners = new Set<(ev: AmiEvent) => void>();
  private readonly connected = new Set<(info: { reconnect: boolean; uptimeSec: number | null }) => void>();

  async action(name: string, fields: AmiActionFields): Promise<AmiActionResult> {
    if (this.state !== 'connected') throw new AmiActionError('AMI is not connected', 'not-connected');
    this.actions.push({ name, fields });
    return this.answer(name, fields);
  }
  onEvent(listener: (event: AmiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  onConnected(listener: (info: { reconnect: boolean; uptimeSec: number | null }) => void): () => void {
    this.connected.add(listener);
    return () => this.connected.delete(listener);
  }
  onDisconnected(): () => void { return () => undefined; }
  async close(): Promise<void> { this.state = 'closed'; }
  emit(ev: AmiEvent): void { for (const l of this.listeners) l(ev); }
  reconnect(): void { for (const l of this.connected) l({ reconnect: true, uptimeSec: 10 }); }
}

export const POLICY: DialPolicy = {
  allowPatterns: [], denyPatterns: ['^(00|011|810)'], allowInternational: false,
  knownExtensions: ['201', '202'], knownExtensionPattern: null, defaultCountry: 'RU', internalMaxLength: 4,
  numberFormat: 'national',
};

export const ORIGINATE: OriginateSettings = {
  channelTemplate: 'Local/{ext}@operators', context: 'from-internal', timeoutMs: 30000, callerIdName: 'CRM', cidVariable: null,
};

export function makeGuard(overrides: Partial<DialPolicy> = {}): DialGuard {
  return new DialGuard({ ...POLICY, ...overrides });
}

export function makeOriginator(ami: AmiClient, log: Logger = silentLogger()): ClickToCallOriginator {
  return new ClickToCallOriginator(ami, ORIGINATE, log);
}

/** buildHttpApp with fake core deps and the given extra route plugins; closed when the test finishes. */
export async function callControlApp(
  extraRoutes: ReadonlyArray<(app: FastifyInstance) => Promise<void>>,
  options: { log?: Logger } = {},
): Promise<FastifyInstance> {
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
export function variablesOf(fields: AmiActionFields): Record<string, string> {
  const raw = fields['Variable'];
  const list = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  return Object.fromEntries(list.map((v) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]));
}
