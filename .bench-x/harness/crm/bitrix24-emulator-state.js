import { createHash, randomBytes } from 'node:crypto';
export class EmulatorState {
    users = [];
    calls = new Map();
    cards = [];
    entities = [];
    activities = [];
    updates = [];
    nextId = 100;
    newId() {
        this.nextId += 1;
        return this.nextId;
    }
    newCallId(nowMs) {
        return `externalCall.${createHash('md5').update(randomBytes(16)).digest('hex')}.${Math.floor(nowMs / 1000)}`;
    }
    registered() {
        return [...this.calls.values()];
    }
    finished() {
        return this.registered().filter((c) => c.finished !== null);
    }
    activeUser(id) {
        return this.users.find((u) => u.ID === id && u.ACTIVE);
    }
    entitiesByPhone(phone) {
        const digits = phone.replace(/\D/g, '');
        if (!digits)
            return [];
        return this.entities.filter((e) => {
            const phones = e.fields['PHONE'];
            return Array.isArray(phones) && phones.some((p) => String(p.VALUE ?? '').replace(/\D/g, '') === digits);
        });
    }
    /** User ids that see the call's card now: shows (register SHOW=1 included) minus hides, and none once finished. */
    cardsShown(callId) {
        const call = this.calls.get(callId);
        if (!call || call.finished)
            return [];
        const seen = new Set();
        for (const c of this.cards.filter((e) => e.callId === callId && e.ok)) {
            for (const id of c.userIds) {
                if (c.action === 'show')
                    seen.add(id);
                else
                    seen.delete(id);
            }
        }
        return [...seen];
    }
    entity(kind, id) {
        return this.entities.find((e) => e.kind === kind && String(e.id) === String(id));
    }
}
