import type { CallEvent, CallSnapshot } from '../calls/call.js';
import type { E164 } from '../calls/phone-number.js';
import type { CrmAdapter, CrmCallRef, EntityRef } from '../crm/adapter.js';
import type { CallJournal } from '../journal/call-journal.js';
import type { Logger } from '../log.js';
import { cardTargets, cardsToHideOnAnswer, cardsToHideOnEnd } from './card-policy.js';
import { crmPhoneOf, isBlacklisted } from './call-filter-policy.js';
import { bindTarget, planEntities, type EntityPlan } from './entity-policy.js';
import { callFinish, callbackTaskFor } from './finish-policy.js';
import { currentAgent, finalUser, registerExtension } from './responsible-policy.js';
import type { SyncStateStore } from './sync-state-store.js';

export interface CallSyncHooks {
  /** A call changed who is responsible for this number (the routing cache drops its answer). */
  readonly responsibleChanged?: (phone: E164) => Promise<void>;
}
import { isExtension, type SyncRules } from './sync-rules.js';

/**
 * Applies one call stage to the CRM through the adapter. Every step is recorded in the store once done, so a retried
 * or replayed job repeats nothing. Internal calls (and calls with no outside number) skip the CRM but are journaled.
 */
export class CallSync {
  private readonly log: Logger;

  constructor(
    private readonly adapter: CrmAdapter,
    private readonly rules: SyncRules,
    private readonly store: SyncStateStore,
    private readonly journal: CallJournal,
    log: Logger,
    private readonly hooks: CallSyncHooks = {},
  ) {
    this.log = log.child({ component: 'sync', crm: adapter.name });
  }

  async apply(ev: CallEvent): Promise<void> {
    const phone = crmPhoneOf(ev.call);
    if (phone === null) {
      if (ev.stage === 'ended') await this.journal.record(ev.call, finalUser(ev.call, this.rules), null);
      return;
    }
    if (ev.stage !== 'ended' && (await this.store.isDone(ev.call.id, 'finished'))) return; // a late, replayed stage
    const ref = await this.ensureRegistered(ev.call, phone);
    if (ev.stage === 'ringing') await this.showCards(ev, ref);
    if (ev.stage === 'answered' || ev.stage === 'transferred') await this.onAnswered(ev, ref);
    if (ev.stage === 'ended') await this.onEnded(ev, ref, phone);
    this.log.debug({ callId: ev.call.id, stage: ev.stage, seq: ev.seq }, 'call stage synced');
  }

  private async once(callId: string, step: string, fn: () => Promise<unknown>): Promise<void> {
    if (await this.store.isDone(callId, step)) return;
    await fn();
    await this.store.markDone(callId, step);
  }

  private async ensureRegistered(call: CallSnapshot, phone: E164): Promise<CrmCallRef> {
    const known = await this.store.getRef(call.id);
    if (known) return known;
    const entity = await this.findOrCreate(call, phone);
    const placed = await this.store.placedCall(call.id);
    const ref = await this.adapter.registerCall({
      callId: call.id, direction: call.direction === 'outbound' ? 'outbound' : 'inbound', phone, line: call.line,
      startedAtMs: call.startedAtMs, extension: registerExtension(call, this.rules), entity,
      crmCallId: call.crmCallId ?? placed?.crmCallId ?? null, isCallback: placed?.callback ?? false,
    });
    await this.store.saveRef(ref);
    return ref;
  }

  /** Find-or-create under a short lock per phone number; entities created are remembered per call for retries. */
  private async findOrCreate(call: CallSnapshot, phone: E164): Promise<EntityRef | null> {
    return this.store.withPhoneLock(phone, async () => {
      const plan = planEntities({
        phone, direction: call.direction === 'outbound' ? 'outbound' : 'inbound', line: call.line,
        match: await this.adapter.findByPhone(phone), responsibleExtension: registerExtension(call, this.rules),
        blacklisted: isBlacklisted(phone, this.rules.blacklist),
      }, this.rules);
      return this.carryOut(call.id, plan);
    });
  }

  private async carryOut(callId: string, plan: EntityPlan): Promise<EntityRef | null> {
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

  private async showCards(ev: CallEvent, ref: CrmCallRef): Promise<void> {
    if (!this.adapter.capabilities.has('callCard')) return;
    const shown = new Set(await this.store.shown(ev.call.id));
    const fresh = cardTargets(ev).filter((ext) => !shown.has(ext));
    if (fresh.length === 0) return;
    await this.adapter.showCard(ref, fresh);
    await this.store.addShown(ev.call.id, fresh);
  }

  /** Answer (or transfer): the current agent sees the card, the others lose it, and the agent becomes responsible. */
  private async onAnswered(ev: CallEvent, ref: CrmCallRef): Promise<void> {
    const answerer = currentAgent(ev.call);
    if (ev.call.direction !== 'inbound' || !isExtension(answerer)) return;
    await this.showCards(ev, ref);
    if (this.adapter.capabilities.has('callCard')) await this.hide(ev.call.id, ref, cardsToHideOnAnswer(await this.store.shown(ev.call.id), ev.call));
    await this.once(ev.call.id, `responsible:${answerer}`, () => this.setResponsible(ref, answerer, ev.call));
  }

  private async setResponsible(ref: CrmCallRef, extension: string, call: CallSnapshot): Promise<void> {
    await this.adapter.setResponsible(ref, extension);
    const phone = crmPhoneOf(call);
    if (phone !== null) await this.hooks.responsibleChanged?.(phone);
  }

  private async hide(callId: string, ref: CrmCallRef, extensions: string[]): Promise<void> {
    if (extensions.length === 0) return;
    await this.adapter.hideCard(ref, extensions);
    await this.store.removeShown(callId, extensions);
  }

  private async onEnded(ev: CallEvent, ref: CrmCallRef, phone: E164): Promise<void> {
    const call = ev.call;
    const user = finalUser(call, this.rules);
    if (this.adapter.capabilities.has('callCard')) await this.hide(call.id, ref, cardsToHideOnEnd(await this.store.shown(call.id), user));
    if (user !== null) await this.once(call.id, `responsible:${user}`, () => this.setResponsible(ref, user, call));
    const finish = callFinish(ev, phone, user, this.rules);
    await this.once(call.id, 'finished', () => this.adapter.finishCall(ref, finish));
    if (finish.recordingFile !== null && this.adapter.capabilities.has('recording')) {
      const file = finish.recordingFile;
      await this.once(call.id, 'recording', () => this.adapter.attachRecording(ref, file));
    }
    const task = callbackTaskFor(ev, ref, phone, user, this.rules, isBlacklisted(phone, this.rules.blacklist));
    if (task && this.adapter.capabilities.has('callbackTask')) await this.once(call.id, 'task', () => this.adapter.createTask(ref, task));
    await this.journal.record(call, user, { adapter: this.adapter.name, crmCallId: ref.crmCallId, entity: ref.entity });
  }
}
