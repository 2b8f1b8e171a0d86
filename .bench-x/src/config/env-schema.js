import { z } from 'zod';
import { CRM_MODULES } from '../crm/crm-modules.js';
import { coreEnvShape } from './config.js';
/** CRM_ADAPTER: one of the modules' names; the first is the default. */
export function crmAdapterSchema(modules) {
    const names = modules.map((m) => m.name);
    const [first, ...rest] = names;
    if (first === undefined)
        throw new Error('no CRM module to choose from');
    return z.enum([first, ...rest], { error: `must be one of ${names.join(', ')}` }).default(first);
}
/**
 * Every environment variable the daemon reads: the core sections', CRM_ADAPTER, then each CRM module's (all validated,
 * whichever CRM runs). README's configuration table and .env.example list the same names in this order.
 */
export function envSchema(modules) {
    const shape = { ...coreEnvShape(), CRM_ADAPTER: crmAdapterSchema(modules) };
    for (const m of modules)
        Object.assign(shape, m.env);
    return z.object(shape);
}
/** The variables of this build's CRM modules (scripts/config-docs.ts documents these). */
export const EnvSchema = envSchema(CRM_MODULES);
/** What the CRM modules' variables mean (the core variables' meanings are in scripts/env-docs.ts). */
export function crmEnvDocs(modules) {
    return Object.assign({}, ...modules.map((m) => m.docs));
}
