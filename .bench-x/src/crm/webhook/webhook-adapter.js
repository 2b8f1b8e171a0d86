import { WebhookClient } from './webhook-client.js';
import { callCard, callFinished, callRecording, callRegistered, callResponsible, entityCreate, lookup, taskCreate, missedClosed, } from './webhook-events.js';
import { parseContactReply, parseCreatedReply, parseRegisteredReply, parseResponsibleReply, parseUserReply } from './webhook-replies.js';
/**
 * The generic signed-webhook CrmAdapter: every operation is one signed JSON POST to WEBHOOK_URL (docs/webhook.md).
 * It keeps no state: the receiver deduplicates by the delivery `id`, which is the same for every retry of an operation.
 * It has the parts WEBHOOK_CAPABILITIES names and no others, so a capability switched off sends nothing.
 */
export function createWebhookAdapter(config, deps) {
    const log = deps.log.child({ component: 'crm', crm: 'webhook' });
    const client = new WebhookClient(config, log, deps.nowMs);
    if (config.ignoredCapabilities.length > 0) {
        log.warn({ ignored: config.ignoredCapabilities }, `WEBHOOK_CAPABILITIES: ${config.ignoredCapabilities.join(', ')} ignored: no longer capabilities (CRM_CREATE decides what entity.create asks for); remove them`);
    }
    const has = (c) => config.capabilities.includes(c);
    const post = async (draft) => { await client.send(draft); };
    const found = (event, data) => client.send(lookup(event, data), { notFoundIsEmpty: true });
    const card = {
        show: async (ref, extensions) => { if (extensions.length > 0)
            await post(callCard(ref, 'show', extensions)); },
        hide: async (ref, extensions) => { if (extensions.length > 0)
            await post(callCard(ref, 'hide', extensions)); },
    };
    const tasks = { create: (ref, task) => post(taskCreate(ref, task)), complete: (ref, closed) => post(missedClosed(ref, closed)) };
    const responsible = {
        find: async (phone) => parseResponsibleReply((await found('responsible.lookup', { phone })).body),
        set: (ref, extension) => post(callResponsible(ref, extension)),
    };
    const recordings = {
        attach: async (ref, files) => { for (const [index, file] of files.entries())
            await post(callRecording(ref, file, index, files.length)); },
    };
    return {
        name: 'webhook', client,
        findByPhone: async (phone) => parseContactReply((await found('contact.lookup', { phone })).body),
        createEntity: async (entity) => parseCreatedReply((await client.send(entityCreate(entity))).body, entity.kind),
        registerCall: async (call) => {
            const fallback = { callId: call.callId, crmCallId: call.crmCallId ?? call.callId, entity: call.entity };
            return parseRegisteredReply((await client.send(callRegistered(call, has('callCard') ? call.showTo : []))).body, fallback);
        },
        finishCall: (ref, end) => post(callFinished(ref, end)),
        extensionOfUser: async (userId) => parseUserReply((await found('user.lookup', { userId })).body),
        close: async () => undefined,
        ...(has('callCard') ? { card } : {}),
        ...(has('callbackTask') ? { tasks } : {}),
        ...(has('responsible') ? { responsible } : {}),
        ...(has('recording') ? { recordings } : {}),
    };
}
