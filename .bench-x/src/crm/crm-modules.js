import { bitrix24Crm } from './bitrix24/bitrix24-crm.js';
import { localCrm } from './local/local-crm.js';
import { onlyofficeCrm } from './onlyoffice/onlyoffice-crm.js';
import { webhookCrm } from './webhook/webhook-crm.js';
/**
 * Every CRM this build has, in the order their variables are documented; the first is the default CRM_ADAPTER.
 * Adding a CRM: its folder src/crm/<name>/ with a `<name>-crm.ts` descriptor, and one line here (src/crm/README.md).
 */
export const CRM_MODULES = [localCrm, bitrix24Crm, webhookCrm, onlyofficeCrm];
