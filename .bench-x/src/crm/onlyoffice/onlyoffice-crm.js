import { defineCrm } from '../crm-descriptor.js';
import { createOnlyofficeAdapter } from './onlyoffice-adapter.js';
import { ONLYOFFICE_ENV_DOCS, OnlyofficeEnvShape, onlyofficeEnvProblems, toOnlyofficeConfig } from './onlyoffice-env.js';
/** ONLYOFFICE Workspace CRM (docs/onlyoffice.md): contacts, opportunities, history events, tasks, the VoIP journal. */
export const onlyofficeCrm = defineCrm({
    name: 'onlyoffice',
    env: OnlyofficeEnvShape,
    docs: ONLYOFFICE_ENV_DOCS,
    problems: onlyofficeEnvProblems,
    settings: toOnlyofficeConfig,
    create: createOnlyofficeAdapter,
});
