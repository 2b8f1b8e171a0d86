import type { Config } from '../config/config.js';
import type { EntityRef } from '../crm/adapter.js';
import { bitrix24EntityUrl } from '../crm/bitrix24/entity-url.js';
import { onlyofficeEntityUrl } from '../crm/onlyoffice/entity-url.js';

/** Link from a card into the CRM, per adapter (null where the CRM has no page to open: local, webhook). */
export function crmLinkFor(config: Pick<Config, 'bitrix24' | 'onlyoffice'>): (entity: EntityRef) => string | null {
  const b24 = config.bitrix24;
  if (b24) {
    const url = b24.auth.kind === 'webhook' ? b24.auth.baseUrl : b24.auth.restUrl;
    return (entity) => bitrix24EntityUrl(url, entity);
  }
  const oo = config.onlyoffice;
  if (oo) return (entity) => onlyofficeEntityUrl(oo.baseUrl, entity);
  return () => null;
}
