import { defineCrm } from '../crm-descriptor.js';
import { createWebhookAdapter } from './webhook-adapter.js';
import { WEBHOOK_ENV_DOCS, WebhookEnvShape, toWebhookConfig, webhookEnvProblems } from './webhook-env.js';
/** A CRM of your own behind signed JSON webhooks (docs/webhook.md), with the parts WEBHOOK_CAPABILITIES names. */
export const webhookCrm = defineCrm({
    name: 'webhook',
    env: WebhookEnvShape,
    docs: WEBHOOK_ENV_DOCS,
    problems: (env) => webhookEnvProblems(env),
    settings: toWebhookConfig,
    create: createWebhookAdapter,
});
