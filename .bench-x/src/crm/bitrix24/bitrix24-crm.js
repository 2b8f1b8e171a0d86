import { defineCrm } from '../crm-descriptor.js';
import { createBitrix24Adapter } from './bitrix24-adapter.js';
import { BITRIX24_ENV_DOCS, Bitrix24EnvShape, bitrix24EnvProblems, toBitrix24Config } from './bitrix24-env.js';
import { bitrix24EventRoutes } from './bitrix24-events.js';
/** Bitrix24 (telephony.externalCall.* + crm.*), its BITRIX24_* settings and its click-to-call event handler. */
export const bitrix24Crm = defineCrm({
    name: 'bitrix24',
    env: Bitrix24EnvShape,
    docs: BITRIX24_ENV_DOCS,
    problems: (env) => bitrix24EnvProblems(env),
    settings: toBitrix24Config,
    create: createBitrix24Adapter,
    routes: (settings, kit) => bitrix24EventRoutes(settings.events, kit),
});
