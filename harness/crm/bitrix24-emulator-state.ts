import { createHash, randomBytes } from 'node:crypto';

/** In-memory portal state of the Bitrix24 emulator, open for tests to inspect. */
export interface EmuUser { ID: string; ACTIVE: boolean; UF_PHONE_INNER: string; NAME: string; LAST_NAME: string }

export interface EmuEntity {
  readonly kind: 'CONTACT' | 'COMPANY' | 'LEAD' | 'DEAL';
  readonly id: number;
  fields: Record<string, unknown>;
}

export interface EmuCall {
  readonly CALL_ID: string;
  readonly params: Record<string, unknown>;
  readonly userId: string;
  readonly phone: string;
  readonly type: number;
  readonly createdAtMs: number;
  finished: null | { userId: string; duration: number; statusCode: string; addToChat: string; activityId: number; atMs: number };
  record: null | { fileId: number; filename: string; via: 'url' | 'content'; url?: string };
}

/** A card pushed by show/hide, or by register with SHOW=1 (`via: 'register'`). */
export interface CardEvent {
  readonly action: 'show' | 'hide'; readonly callId: string; readonly userIds: readonly string[]; readonly ok: boolean; readonly via?: 'register';
  /** When the portal got it. */
  readonly atMs?: number;
}
export interface EmuActivity { readonly id: number; readonly method: string; readonly params: Record<string, unknown> }

export class EmulatorState {
  users: EmuUser[] = [];
  readonly calls = new Map<string, EmuCall>();
  readonly cards: CardEvent[] = [];
  readonly entities: EmuEntity[] = [];
  readonly activities: EmuActivity[] = [];
  readonly updates: Array<{ method: string; id: string; fields: Record<string, unknown> }> = [];
  private nextId = 100;

  newId(): number {
    this.nextId += 1;
    return this.nextId;
  }

  newCallId(nowMs: number): string {
    return `externalCall.${createHash('md5').update(randomBytes(16)).digest('hex')}.${Math.floor(nowMs / 1000)}`;
  }

  registered(): EmuCall[] {
    return [...this.calls.values()];
  }

  finished(): EmuCall[] {
    return this.registered().filter((c) => c.finished !== null);
  }

  activeUser(id: string): EmuUser | undefined {
    return this.users.find((u) => u.ID === id && u.ACTIVE);
  }

  entitiesByPhone(phone: string): EmuEntity[] {
    const digits = phone.replace(/\D/g, '');
    if (!digits) return [];
    return this.entities.filter((e) => {
      const phones = e.fields['PHONE'];
      return Array.isArray(phones) && phones.some((p) => String((p as { VALUE?: unknown }).VALUE ?? '').replace(/\D/g, '') === digits);
    });
  }

  /** User ids that see the call's card now: shows (register SHOW=1 included) minus hides, and none once finished. */
  cardsShown(callId: string): string[] {
    const call = this.calls.get(callId);
    if (!call || call.finished) return [];
    const seen = new Set<string>();
    for (const c of this.cards.filter((e) => e.callId === callId && e.ok)) {
      for (const id of c.userIds) { if (c.action === 'show') seen.add(id); else seen.delete(id); }
    }
    return [...seen];
  }

  entity(kind: EmuEntity['kind'], id: unknown): EmuEntity | undefined {
    return this.entities.find((e) => e.kind === kind && String(e.id) === String(id));
  }
}
