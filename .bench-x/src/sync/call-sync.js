import { PermanentError, isAfterRegistration } from '../errors.js';
import { CardCheck } from './card-check.js';
import { cardsOnRegisterWith, cardsToHideOnAnswer, cardsToHideOnEnd } from './card-policy.js';
import { CardSteps } from './card-steps.js';
import { crmPhoneOf, isBlacklisted } from './call-filter-policy.js';
import { bindTarget, needsOpenWork, planEntities } from './entity-policy.js';
import { callFinish, callbackTaskFor } from './finish-policy.js';
import { currentAgent, explainFinalUser, finalUser, registerExtension } from './responsible-policy.js';
import { isExtension } from './sync-rules.js';
import { together } from './together.js';
import { NO_LATER } from './stage-context.js';
/** The step recorded when the CRM refused the registration for good (auth type, scope, rights). */
const REFUSED = 'register-refused';
/** An ended call whose CRM stages have not completed this long after its end reached sync is resent (daemon/call-resend.ts). */
export const PENDING_GRACE_MS = 5 * 60_000;
/**
 * Applies one call stage to the CRM through the adapter. Every step is recorded in the store once done, so a retried
 * or replayed job repeats nothing. Internal calls skip the CRM but are journaled. A call from an anonymous caller (no
 * number) reaches the CRM unbound: nothing is looked up or created for it, and a missed one leaves no call-back task.
 */
export class CallSync {
    adapter;
    rules;
    store;
    journal;
    hooks;
    log;
    cards;
    constructor(adapter, rules, store, journal, log, hooks = {}) {
        this.adapter = adapter;
        this.rules = rules;
        this.store = store;
        this.journal = journal;
        this.hooks = hooks;
        this.log = log.child({ component: 'sync', crm: adapter.name });
        this.cards = new CardSteps(adapter, store);
    }
    /**
     * A stage of a call that has ended since (its `ended` is queued) sends nothing: no card pops for a call that is over,
     * and the `ended` stage registers it (SHOW=0) and finishes it in one round trip. A card for an operator who no longer
     * rings (answered elsewhere) is not sent either.
     */
    async apply(ev, context = NO_LATER) {
        if (ev.call.direction === 'internal') {
            if (ev.stage === 'ended')
                await this.journal.record(ev.call, finalUser(ev.call, this.rules), null, explainFinalUser(ev.call, this.rules));
            return;
        }
        if (ev.stage !== 'ended' && (await this.store.isDone(ev.call.id, 'finished')))
            return; // a late, replayed stage
        if (ev.stage === 'ended')
            await this.store.noteEnded(ev, Date.now() + PENDING_GRACE_MS);
        const later = ev.stage === 'ended' ? [] : await context.later();
        if (later.some((e) => e.stage === 'ended')) {
            this.log.debug({ callId: ev.call.id, stage: ev.stage, seq: ev.seq }, 'call stage skipped: the call has ended since');
            return;
        }
        const phone = crmPhoneOf(ev.call);
        if (await this.store.isDone(ev.call.id, REFUSED))
            return this.afterRefusal(ev);
        const ref = await this.ensureRegistered(ev, phone, context).catch(async (err) => {
            // the end is often the stage that registers (late-stage skip): refused for good, it is journaled before it fails
            if (ev.stage === 'ended' && (await this.store.isDone(ev.call.id, REFUSED)))
                await this.afterRefusal(ev);
            throw err;
        });
        if (ev.stage === 'ringing')
            await this.cards.ringing(ev, ref, context);
        if (ev.stage === 'answered' || ev.stage === 'transferred')
            await this.onAnswered(ev, ref, context);
        if (ev.stage === 'ended')
            await this.onEnded(ev, ref, phone);
        this.log.debug({ callId: ev.call.id, stage: ev.stage, seq: ev.seq }, 'call stage synced');
    }
    /**
     * A registration the CRM refused for good (PermanentError) is not tried again by later stages. An error thrown after
     * the CRM registered the call (a creation or card of the same request failed: isAfterRegistration) is no refusal.
     */
    async register(start) {
        try {
            return await this.adapter.registerCall(start);
        }
        catch (err) {
            if (err instanceof PermanentError && !isAfterRegistration(err))
                await this.store.markDone(start.callId, REFUSED);
            throw err;
        }
    }
    /** A call the CRM refused to register: its end is journaled without a CRM ref; nothing else is sent. */
    async afterRefusal(ev) {
        this.log.debug({ callId: ev.call.id, stage: ev.stage }, 'call stage skipped: the CRM refused to register this call');
        if (ev.stage !== 'ended')
            return;
        const client = await this.store.client(ev.call.id);
        const user = finalUser(ev.call, this.rules, client?.responsible ?? null);
        const record = await this.journal.record(ev.call, user, null, explainFinalUser(ev.call, this.rules, client?.responsible ?? null));
        if (record.direction === 'inbound' && record.answeredAtMs === null && !record.calledBack)
            await this.hooks.missedCall?.(record, client);
    }
    async once(callId, step, fn) {
        if (await this.store.isDone(callId, step))
            return;
        await fn();
        await this.store.markDone(callId, step);
    }
    /** Registers the call once; the extensions ringing now see the card in the same round trip, recorded as shown. */
    async ensureRegistered(ev, phone, context) {
        const call = ev.call;
        const known = await this.store.getRef(call.id);
        if (known)
            return known;
        const placed = await this.store.placedCall(call.id);
        const given = {
            callId: call.id, direction: call.direction === 'outbound' ? 'outbound' : 'inbound', phone, line: call.line,
            startedAtMs: call.startedAtMs, extension: registerExtension(call, this.rules), entity: null,
            crmCallId: call.crmCallId ?? placed?.crmCallId ?? null, isCallback: placed?.callback ?? false, showTo: [],
        };
        // the cards and the finish are decided last, right before the registration is queued, and the cards again as it leaves
        const check = new CardCheck(context);
        const complete = async (start) => {
            const showTo = this.adapter.card ? cardsOnRegisterWith(ev, ev.stage === 'ended' ? [] : await context.later()) : [];
            const finish = ev.stage === 'ended' ? await this.finishOf(ev, phone) : undefined;
            return { ...start, showTo, ...(finish ? { finish } : { cardsWanted: check.wanted }) };
        };
        const found = phone === null ? { start: await complete(given), entity: null } : await this.findOrCreate(call, given, phone, complete);
        const { start } = found;
        const ref = 'ref' in found ? found.ref : await this.register({ ...found.start, entity: found.entity });
        await this.store.addShown(call.id, check.sent(start.showTo));
        if (ref.finished === true)
            await this.store.markDone(call.id, 'finished');
        await this.store.saveRef({ callId: ref.callId, crmCallId: ref.crmCallId, entity: ref.entity });
        return ref;
    }
    /** What finishing the call says (onEnded's finish), from the client the lookup found. */
    async finishOf(ev, phone) {
        const client = await this.store.client(ev.call.id);
        return callFinish(ev, phone, finalUser(ev.call, this.rules, client?.responsible ?? null), this.rules);
    }
    /**
     * Find-or-create under a short lock per phone number; entities created are remembered per call for retries.
     * An adapter that can create on registration gets a new number's contact (and lead/deal) with the registration,
     * still under the lock, so two simultaneous calls from one new number create one contact.
     * A call with no operator yet (picked up mid-way: late AMI connect, resync) goes to the client's responsible.
     */
    async findOrCreate(call, given, phone, complete) {
        return this.store.withPhoneLock(phone, async () => {
            const match = await this.adapter.findByPhone(phone, { openWork: needsOpenWork(this.rules) });
            await this.store.saveClient(call.id, { responsible: match?.responsibleExtension ?? null, name: match?.name ?? null });
            const start = await complete(given.extension === null ? { ...given, extension: match?.responsibleExtension ?? null } : given);
            const plan = planEntities({
                phone, direction: start.direction, line: call.line, match, responsibleExtension: start.extension,
                blacklisted: isBlacklisted(phone, this.rules.blacklist),
            }, this.rules);
            if (await this.createsOnRegister(call.id, start, plan))
                return { ref: await this.registerCreating(start, plan), start };
            return { entity: await this.carryOut(call.id, plan), start };
        });
    }
    /**
     * Chained creation, for a call the CRM did not start with nothing created yet: a new contact (with its lead/deal),
     * a lone lead (CRM_CREATE=lead), or a lead/deal for a known contact (repeat sales), bound to that contact.
     */
    async createsOnRegister(callId, start, plan) {
        if (this.adapter.createOnRegister !== true || start.crmCallId !== null)
            return false;
        if (plan.contact === null && plan.work === null)
            return false;
        const [contact, work] = await Promise.all([this.store.getCreated(callId, 'contact'), this.store.getCreated(callId, 'work')]);
        return contact === null && work === null;
    }
    async registerCreating(start, plan) {
        const create = [plan.contact, plan.work].filter((e) => e !== null);
        const known = plan.existing?.kind === 'contact' || plan.existing?.kind === 'company' ? plan.existing : null;
        const entity = plan.contact ? null : known; // a known contact keeps the call; else it goes to what is created
        const ref = await this.register({ ...start, entity, create });
        const created = ref.created ?? [];
        const contact = plan.contact ? created[0] : undefined;
        const work = plan.work ? created[plan.contact ? 1 : 0] : undefined;
        if (contact)
            await this.store.saveCreated(start.callId, 'contact', contact);
        if (work)
            await this.store.saveCreated(start.callId, 'work', work);
        return { callId: ref.callId, crmCallId: ref.crmCallId, entity: ref.entity, ...(ref.finished ? { finished: true } : {}) };
    }
    async carryOut(callId, plan) {
        let contact = await this.store.getCreated(callId, 'contact');
        if (contact === null && plan.contact) {
            contact = await this.adapter.createEntity(plan.contact);
            await this.store.saveCreated(callId, 'contact', contact);
        }
        let work = await this.store.getCreated(callId, 'work');
        if (work === null && plan.work) {
            work = await this.adapter.createEntity({ ...plan.work, contact: plan.work.contact ?? contact });
            await this.store.saveCreated(callId, 'work', work);
        }
        return bindTarget(plan.existing, contact, work);
    }
    /**
     * Answer (or transfer): the current agent sees the card while the others lose it and the agent becomes responsible,
     * all at once (they can share a request). When every request counts (`CrmAdapter.fewerRequests`), an owner change
     * with no card change to go with waits for the end, where it shares the finish's request (onEnded sets the final user).
     */
    async onAnswered(ev, ref, context) {
        const answerer = currentAgent(ev.call);
        if (ev.call.direction !== 'inbound' || !isExtension(answerer))
            return;
        const cards = await this.cards.plan(ev, context, (shown) => cardsToHideOnAnswer(shown, ev.call));
        const ownerNow = this.adapter.fewerRequests !== true || cards.show.length + cards.hide.length > 0;
        await together([
            () => this.cards.apply(ev.call.id, ref, cards, context),
            () => (ownerNow ? this.once(ev.call.id, `responsible:${answerer}`, () => this.setResponsible(ref, answerer, ev.call)) : Promise.resolve()),
        ]);
    }
    /** Only a CRM that keeps owners has a responsible to set (and a routing answer that changes with it). */
    async setResponsible(ref, extension, call) {
        const responsible = this.adapter.responsible;
        if (!responsible)
            return;
        await responsible.set(ref, extension);
        const phone = crmPhoneOf(call);
        if (phone !== null)
            await this.hooks.responsibleChanged?.(phone);
    }
    /**
     * End: hide the remaining cards, settle the responsible, finish and leave the call-back task all at once (the
     * adapter may put them in one request; each is recorded done on its own), journal it, then attach the recordings
     * (after finish; a recording file that never appears fails the stage after everything else is done).
     */
    async onEnded(ev, ref, phone) {
        const call = ev.call;
        const client = await this.store.client(call.id);
        const user = finalUser(call, this.rules, client?.responsible ?? null);
        const { card, tasks, recordings } = this.adapter;
        const toHide = card ? cardsToHideOnEnd(await this.store.shown(call.id), user) : [];
        const finish = callFinish(ev, phone, user, this.rules);
        const task = tasks && phone !== null ? callbackTaskFor(ev, ref, phone, user, this.rules, isBlacklisted(phone, this.rules.blacklist)) : null;
        await together([
            () => this.cards.hide(call.id, ref, toHide),
            () => (user === null ? Promise.resolve() : this.once(call.id, `responsible:${user}`, () => this.setResponsible(ref, user, call))),
            () => this.once(call.id, 'finished', () => this.adapter.finishCall(ref, finish)),
            () => (task === null || !tasks ? Promise.resolve() : this.once(call.id, 'task', () => tasks.create(ref, task))),
        ]);
        const crm = { adapter: this.adapter.name, crmCallId: ref.crmCallId, entity: ref.entity };
        const { record, closed } = await this.journal.recordSettling(call, user, crm, explainFinalUser(call, this.rules, client?.responsible ?? null));
        await this.closeCallbacks(closed);
        if (record.direction === 'inbound' && record.answeredAtMs === null && !record.calledBack)
            await this.hooks.missedCall?.(record, client);
        // last: a recording that never shows up fails the stage for good without keeping the call out of the journal
        if (finish.recordingFiles.length > 0 && recordings) {
            await this.once(call.id, 'recording', () => recordings.attach(ref, finish.recordingFiles));
        }
        await this.store.noteSynced(call.id);
    }
    /** The console's "done": closes an open missed call by hand (CRM task too); null when it is not one. */
    async closeByHand(callId, by, atMs) {
        const closed = await this.journal.closeByHand(callId, by, atMs);
        if (closed)
            await this.closeCallbacks([closed]);
        return closed;
    }
    /** Completes the CRM call-back task of each missed call closed (once per call; pending notices see the journal's mark). */
    async closeCallbacks(closed) {
        for (const missed of closed) {
            const mark = missed.calledBack;
            if (!mark)
                continue;
            const ref = await this.store.getRef(missed.id);
            const complete = this.adapter.tasks?.complete.bind(this.adapter.tasks);
            if (ref && complete) {
                const done = { callId: missed.id, phone: missed.externalNumber, atMs: mark.atMs, by: mark.by, byCallId: mark.callId };
                await this.once(missed.id, 'task-closed', () => complete(ref, done));
            }
        }
    }
}
