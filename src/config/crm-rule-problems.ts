/** The settings the cross-checks read (all in EnvSchema). */
interface CrmRuleEnv {
  readonly CRM_ADAPTER: string;
  readonly CRM_CREATE: 'none' | 'contact' | 'lead' | 'deal';
  readonly CRM_SIMPLE_MODE: boolean;
  readonly ONLYOFFICE_DEAL_STAGE_ID?: string | undefined;
}

/**
 * Settings that are fine alone but cannot work together. Caught at start: at run time each would fail every call's
 * stage for good, although only configuration can fix it.
 */
export function crmRuleProblems(env: CrmRuleEnv): string[] {
  const problems: string[] = [];
  if (env.CRM_ADAPTER === 'onlyoffice') {
    const work = env.CRM_CREATE === 'lead' && env.CRM_SIMPLE_MODE ? 'deal' : env.CRM_CREATE;
    if (work === 'lead') problems.push('CRM_CREATE: ONLYOFFICE CRM has no leads; set CRM_CREATE=contact or deal (or CRM_SIMPLE_MODE=true, which turns leads into deals)');
    if (work === 'deal' && !env.ONLYOFFICE_DEAL_STAGE_ID) {
      problems.push('ONLYOFFICE_DEAL_STAGE_ID: required with CRM_CREATE=deal (an id from GET /api/2.0/crm/opportunity/stage); or set CRM_CREATE=contact');
    }
  }
  return problems;
}
