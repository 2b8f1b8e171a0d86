import { defineCrm } from '../crm-descriptor.js';
import { LocalCrmAdapter } from './local-crm-adapter.js';
/** The embedded CRM in Redis (the default): no variables of its own, every part. */
export const localCrm = defineCrm({
    name: 'local',
    env: {},
    docs: {},
    settings: () => ({ secrets: [] }),
    create: (_settings, deps) => new LocalCrmAdapter({ ...deps, log: deps.log.child({ component: 'crm', adapter: 'local' }) }),
});
