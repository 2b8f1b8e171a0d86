import { z } from 'zod';
import type { CrmCallRef, EntityRef, PhoneMatch, Responsible } from '../adapter.js';
import { PermanentError } from '../../errors.js';

const Id = z.union([z.string().min(1), z.number()]).transform(String);
const Kind = z.enum(['contact', 'company', 'lead', 'deal']);
const Entity = z.object({ kind: Kind, id: Id });
const Text = z.string().nullish().transform((s) => s ?? null);

const ContactFound = z.object({
  found: z.literal(true).optional(),
  entity: Entity,
  name: Text,
  responsibleExtension: Text,
  openWork: z.array(Entity).default([]),
});
const Registered = z.object({ crmCallId: Id.optional(), entity: Entity.nullish() }).passthrough();
const Created = z.union([z.object({ entity: Entity }), z.object({ id: Id })]);
const ResponsibleFound = z.object({ found: z.literal(true).optional(), extension: z.string().min(1), userId: Text, name: Text });
const UserFound = z.object({ found: z.literal(true).optional(), extension: z.string().min(1) });

function isNotFound(body: unknown): boolean {
  return body === null || body === undefined || body === '' || (typeof body === 'object' && 'found' in body && body.found === false);
}

function badReply(type: string, err: z.ZodError): PermanentError {
  const where = err.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`).join('; ');
  return new PermanentError(`webhook receiver answered ${type} with an unexpected body (${where}); see docs/webhook.md for the reply shapes`);
}

/** `contact.lookup` reply: `{found:false}` (or 404) = unknown; else the match. */
export function parseContactReply(body: unknown): PhoneMatch | null {
  if (isNotFound(body)) return null;
  const r = ContactFound.safeParse(body);
  if (!r.success) throw badReply('contact.lookup', r.error);
  return { entity: r.data.entity, name: r.data.name, responsibleExtension: r.data.responsibleExtension, openWork: r.data.openWork };
}

/** `call.registered` reply: the receiver's own call id and entity, both optional. */
export function parseRegisteredReply(body: unknown, fallback: CrmCallRef): CrmCallRef {
  const r = Registered.safeParse(body ?? {});
  if (!r.success || typeof body !== 'object') return fallback;
  return { callId: fallback.callId, crmCallId: r.data.crmCallId ?? fallback.crmCallId, entity: r.data.entity ?? fallback.entity };
}

/** `entity.create` reply: `{entity:{kind,id}}` or `{id}` (the kind asked for). */
export function parseCreatedReply(body: unknown, kind: EntityRef['kind']): EntityRef {
  const r = Created.safeParse(body);
  if (!r.success) throw badReply('entity.create', r.error);
  return 'entity' in r.data ? r.data.entity : { kind, id: r.data.id };
}

export function parseResponsibleReply(body: unknown): Responsible | null {
  if (isNotFound(body)) return null;
  const r = ResponsibleFound.safeParse(body);
  if (!r.success) throw badReply('responsible.lookup', r.error);
  return { extension: r.data.extension, userId: r.data.userId, name: r.data.name };
}

export function parseUserReply(body: unknown): string | null {
  if (isNotFound(body)) return null;
  const r = UserFound.safeParse(body);
  if (!r.success) throw badReply('user.lookup', r.error);
  return r.data.extension;
}
