import type { Redis } from 'ioredis';
import type { Bitrix24Config } from '../config/bitrix24-env.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../log.js';
import type { CrmAdapter } from './adapter.js';
import { createBitrix24Adapter } from './bitrix24/bitrix24-adapter.js';
import { LocalCrmAdapter } from './local/local-crm-adapter.js';
import { createOnlyofficeAdapter } from './onlyoffice/onlyoffice-adapter.js';
import { createWebhookAdapter } from './webhook/webhook-adapter.js';

export interface CrmAdapterDeps {
  readonly redis: Redis;
  readonly log: Logger;
  /** Required for CRM_ADAPTER=bitrix24: the settings loadBitrix24Config(env) returns. */
  readonly bitrix24?: Bitrix24Config;
}

/** Thrown at start when CRM_ADAPTER names an adapter this build cannot construct. */
export class AdapterNotAvailableError extends Error {
  override name = 'AdapterNotAvailableError';
}

/** Builds the adapter CRM_ADAPTER names. */
export function createCrmAdapter(config: Config, deps: CrmAdapterDeps): CrmAdapter {
  const log = deps.log.child({ component: 'crm', adapter: config.crm.adapter });
  switch (config.crm.adapter) {
    case 'local':
      return new LocalCrmAdapter({ redis: deps.redis, prefix: config.redis.prefix, users: config.users, log });
    case 'bitrix24':
      if (!deps.bitrix24) throw new AdapterNotAvailableError('CRM_ADAPTER=bitrix24: Bitrix24 settings were not loaded (pass loadBitrix24Config(env) as deps.bitrix24)');
      return createBitrix24Adapter(config, deps.bitrix24, { redis: deps.redis, log: deps.log });
    case 'onlyoffice':
      if (!config.onlyoffice) throw new AdapterNotAvailableError('CRM_ADAPTER=onlyoffice: ONLYOFFICE settings were not loaded (Config.onlyoffice is null)');
      return createOnlyofficeAdapter(config.onlyoffice, {
        redis: deps.redis, prefix: config.redis.prefix, users: config.users, log: deps.log,
        clientTags: config.routing.clientRules.some((r) => r.tag !== undefined),
      });
    case 'webhook':
      if (!config.webhook) throw new AdapterNotAvailableError('CRM_ADAPTER=webhook: webhook settings were not loaded (Config.webhook is null)');
      return createWebhookAdapter(config.webhook, { log: deps.log });
  }
}
