import type { E164 } from '../../calls/phone-number.js';
import type { EntityKind, EntityRef, PhoneMatch } from '../adapter.js';
import type { Bitrix24Client } from './bitrix24-client.js';
import { Bitrix24Error } from './bitrix24-errors.js';
import { entityKindOf } from './call-mapping.js';
import type { UserDirectory } from './user-directory.js';

/** One row of telephony.externalCall.searchCrmEntities (docs/bitrix24-telephony.md §2). */
interface SearchRow {
  readonly CRM_ENTITY_TYPE?: unknown; readonly CRM_ENTITY_ID?: unknown; readonly ASSIGNED_BY_ID?: unknown; readonly NAME?: unknown;
  readonly ASSIGNED_BY?: { readonly USER_PHONE_INNER?: unknown } | null;
}

export interface CrmHit {
  readonly entity: EntityRef;
  readonly name: string | null;
  readonly assignedUserId: string | null;
  readonly assignedInner: string | null;
}

const RANK: Readonly<Record<EntityKind, number>> = { contact: 0, company: 1, lead: 2, deal: 3 };
const MAX_LEADS_CHECKED = 5;

function str(v: unknown): string | null {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** Finds CRM entities by phone with searchCrmEntities: digits are normalized server-side, and one command gives
 *  the entity, its name and its responsible user. Sorted contact, company, lead. */
export async function searchByPhone(client: Bitrix24Client, phone: E164): Promise<CrmHit[]> {
  const rows = await client.call<SearchRow[]>('telephony.externalCall.searchCrmEntities', { PHONE_NUMBER: phone });
  const hits: CrmHit[] = [];
  for (const row of Array.isArray(rows) ? rows : []) {
    const kind = entityKindOf(row.CRM_ENTITY_TYPE);
    const id = str(row.CRM_ENTITY_ID);
    if (!kind || !id) continue;
    hits.push({
      entity: { kind, id }, name: str(row.NAME), assignedUserId: str(row.ASSIGNED_BY_ID),
      assignedInner: str(row.ASSIGNED_BY?.USER_PHONE_INNER),
    });
  }
  return hits.sort((a, b) => RANK[a.entity.kind] - RANK[b.entity.kind]);
}

/** Open deals of the client (crm.deal.list CLOSED=N) and its leads still in progress (STATUS_SEMANTIC_ID=P). */
async function openWork(client: Bitrix24Client, hits: readonly CrmHit[]): Promise<EntityRef[]> {
  const owner = hits.find((h) => h.entity.kind === 'contact' || h.entity.kind === 'company');
  const leads = hits.filter((h) => h.entity.kind === 'lead').slice(0, MAX_LEADS_CHECKED);
  const deals = owner
    ? client.call<Array<{ ID?: unknown }>>('crm.deal.list', {
      filter: { [owner.entity.kind === 'contact' ? 'CONTACT_ID' : 'COMPANY_ID']: owner.entity.id, CLOSED: 'N' },
      select: ['ID', 'ASSIGNED_BY_ID', 'STAGE_ID'], order: { DATE_MODIFY: 'DESC' },
    })
    : Promise.resolve([]);
  const leadRows = leads.map((h) => client.call<{ STATUS_SEMANTIC_ID?: unknown }>('crm.lead.get', { id: h.entity.id })
    .catch((err: unknown) => { if (err instanceof Bitrix24Error) return null; throw err; }));
  const [dealRows, ...leadDetails] = await Promise.all([deals, ...leadRows]);
  const openDeals = (Array.isArray(dealRows) ? dealRows : []).map((d) => str(d.ID)).filter((id): id is string => id !== null)
    .map((id): EntityRef => ({ kind: 'deal', id }));
  const openLeads = leads.filter((_, i) => str(leadDetails[i]?.STATUS_SEMANTIC_ID) === 'P').map((h) => h.entity);
  return [...openDeals, ...openLeads];
}

/** The extension of a hit's responsible user: the directory (with overrides) first, then the portal's own field. */
export async function responsibleExtension(users: UserDirectory, hit: CrmHit): Promise<string | null> {
  if (!hit.assignedUserId) return hit.assignedInner;
  return (await users.extensionOf(hit.assignedUserId)) ?? hit.assignedInner;
}

/** The PhoneMatch of search hits; open deals/leads are looked up only when `withOpenWork` (the repeat-sales rule uses them). */
export async function phoneMatch(client: Bitrix24Client, users: UserDirectory, hits: readonly CrmHit[], withOpenWork: boolean): Promise<PhoneMatch | null> {
  const best = hits[0];
  if (!best) return null;
  const [work, extension] = await Promise.all([withOpenWork ? openWork(client, hits) : [], responsibleExtension(users, best)]);
  return { entity: best.entity, name: best.name, responsibleExtension: extension, openWork: work };
}
