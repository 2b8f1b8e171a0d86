import { Bitrix24Error } from './bitrix24-errors.js';
/** The stages of the client's open deals (crm.deal.list CLOSED=N), under a name of our own. */
export const DEAL_STAGE_FIELD = 'DEAL_STAGE_ID';
export function clientFieldsWanted(wanted) {
    const fields = wanted?.fields ?? [];
    return { entity: fields.some((f) => f !== DEAL_STAGE_FIELD), dealStages: fields.includes(DEAL_STAGE_FIELD) };
}
/** Strings and numbers as text; a multiple field (UF_* lists) as a list; multifields (PHONE, EMAIL: objects) left out. */
function fieldsOf(record) {
    const out = {};
    if (typeof record !== 'object' || record === null)
        return out;
    const text = (v) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);
    for (const [k, v] of Object.entries(record)) {
        if (Array.isArray(v)) {
            const list = v.map(text).filter((x) => x !== null);
            if (list.length > 0)
                out[k] = list;
        }
        else if (text(v) !== null)
            out[k] = text(v) ?? '';
    }
    return out;
}
/** A portal error (no access, not found) costs the client data, never the lookup. */
function bestEffort(p) {
    return p.catch((err) => { if (err instanceof Bitrix24Error)
        return null; throw err; });
}
/**
 * The client's data for routing rules: `crm.<kind>.get` of the best hit (TYPE_ID, SOURCE_ID, UF_CRM_…, every scalar
 * or list field it returns) and, when a rule names DEAL_STAGE_ID, the STAGE_ID of its open deals. Bitrix24 has no
 * tags on contacts: `tags` is empty. Nothing is asked when no rule reads a field.
 */
export async function clientDataOf(client, best, want) {
    if (!want.entity && !want.dealStages)
        return undefined;
    const owner = best.kind === 'contact' || best.kind === 'company';
    const [record, deals] = await Promise.all([
        want.entity ? bestEffort(client.call(`crm.${best.kind}.get`, { id: best.id })) : null,
        want.dealStages && owner
            ? bestEffort(client.call('crm.deal.list', {
                filter: { [best.kind === 'contact' ? 'CONTACT_ID' : 'COMPANY_ID']: best.id, CLOSED: 'N' }, select: ['ID', 'STAGE_ID'],
            }))
            : null,
    ]);
    const fields = fieldsOf(record);
    const stages = (Array.isArray(deals) ? deals : []).map((d) => d.STAGE_ID).filter((s) => typeof s === 'string');
    if (stages.length > 0)
        fields[DEAL_STAGE_FIELD] = stages;
    return { fields, tags: [] };
}
