import type { WebhookConfig } from '../../config/webhook-env.js';
import type { Logger } from '../../log.js';
import type { CrmAdapter, CrmCallRef, CrmCapability } from '../adapter.js';
import { WebhookClient } from './webhook-client.js';
import {
  callCard, callFinished, callRecording, callRegistered, callResponsible, entityCreate, lookup, taskCreate, missedClosed,
} from './webhook-events.js';
import { parseContactReply, parseCreatedReply, parseRegisteredReply, parseResponsibleReply, parseUserReply } from './webhook-replies.js';

export type WebhookAdapter = CrmAdapter & { readonly client: WebhookClient };

/**
 * The generic signed-webhook CrmAdapter: every operation is one signed JSON POST to WEBHOOK_URL (docs/webhook.md).
 * It keeps no state: the receiver deduplicates by the delivery `id`, which is the same for every retry of an operation.
 * Operations whose capability is switched off (WEBHOOK_CAPABILITIES) send nothing.
 */
export function createWebhookAdapter(config: WebhookConfig, deps: { log: Logger; nowMs?: () => number }): WebhookAdapter {
  const log = deps.log.child({ component: 'crm', crm: 'webhook' });
  const client = new WebhookClient(config, log, deps.nowMs);
  const capabilities: ReadonlySet<CrmCapability> = new Set<CrmCapability>(config.capabilities);
  const has = (c: CrmCapability) => capabilities.has(c);
  const post = async (draft: Parameters<WebhookClient['send']>[0]) => { await client.send(draft); };
  return {
    name: 'webhook', capabilities, client,
    findByPhone: async (phone) => parseContactReply((await client.send(lookup('contact.lookup', { phone }), { notFoundIsEmpty: true })).body),
    createEntity: async (entity) => parseCreatedReply((await client.send(entityCreate(entity))).body, entity.kind),
    registerCall: async (call) => {
      const fallback: CrmCallRef = { callId: call.callId, crmCallId: call.crmCallId ?? call.callId, entity: call.entity };
      return parseRegisteredReply((await client.send(callRegistered(call, has('callCard') ? call.showTo : []))).body, fallback);
    },
    showCard: async (ref, extensions) => { if (has('callCard') && extensions.length > 0) await post(callCard(ref, 'show', extensions)); },
    hideCard: async (ref, extensions) => { if (has('callCard') && extensions.length > 0) await post(callCard(ref, 'hide', extensions)); },
    setResponsible: (ref, extension) => post(callResponsible(ref, extension)),
    finishCall: (ref, end) => post(callFinished(ref, end)),
    attachRecordings: async (ref, files) => {
      if (!has('recording')) return;
      for (const [index, file] of files.entries()) await post(callRecording(ref, file, index, files.length));
    },
    createTask: async (ref, task) => { if (has('callbackTask')) await post(taskCreate(ref, task)); },
    completeTask: async (ref, closed) => { if (has('callbackTask')) await post(missedClosed(ref, closed)); },
    findResponsible: async (phone) => {
      if (!has('responsible')) return null;
      return parseResponsibleReply((await client.send(lookup('responsible.lookup', { phone }), { notFoundIsEmpty: true })).body);
    },
    extensionOfUser: async (userId) => parseUserReply((await client.send(lookup('user.lookup', { userId }), { notFoundIsEmpty: true })).body),
    close: async () => undefined,
  };
}
