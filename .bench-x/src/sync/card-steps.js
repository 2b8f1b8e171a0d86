import { CardCheck } from './card-check.js';
import { cardTargets, cardsLeftByTransfer, cardsStillWanted, isConsultRing } from './card-policy.js';
import { together } from './together.js';
export const NO_CARD_CHANGE = { show: [], hide: [] };
/**
 * A stage's call cards: which pop and which close, sent at once (an adapter may put them in one request), each
 * recorded in the store as it goes. A card that pops for a transfer's target closes the transferer's in the same go.
 */
export class CardSteps {
    adapter;
    store;
    constructor(adapter, store) {
        this.adapter = adapter;
        this.store = store;
    }
    /**
     * The cards of a ringing stage. A consult call's ring leaves the colleague's card to the consult's answer when every
     * request counts (`CrmAdapter.fewerRequests`): it pops there with the hand-over, in one request.
     */
    async ringing(ev, ref, context) {
        if (this.adapter.fewerRequests === true && isConsultRing(ev))
            return;
        await this.apply(ev.call.id, ref, await this.plan(ev, context), context);
    }
    /**
     * The cards to pop: this stage's card targets not shown yet, still wanted by the call's newest queued stage (the call
     * may have moved on). The cards to close: `closing` of those shown, and when a card pops, those of the operators
     * who handed the call on by a transfer.
     */
    async plan(ev, context, closing = () => []) {
        if (!this.adapter.card)
            return NO_CARD_CHANGE;
        const shown = await this.store.shown(ev.call.id);
        const fresh = cardsStillWanted(cardTargets(ev), (await context.later()).at(-1)).filter((ext) => !shown.includes(ext));
        const left = fresh.length > 0 ? cardsLeftByTransfer(shown, ev.call) : [];
        const hide = [...new Set([...closing(shown), ...left])].filter((ext) => !fresh.includes(ext));
        return { show: fresh, hide };
    }
    /** Pops and closes at once; the pops are checked again as they leave (card-check.ts), only what went is recorded. */
    async apply(callId, ref, change, context) {
        await together([() => this.show(callId, ref, change.show, context), () => this.hide(callId, ref, change.hide)]);
    }
    async show(callId, ref, extensions, context) {
        const card = this.adapter.card;
        if (extensions.length === 0 || !card)
            return;
        const check = new CardCheck(context);
        await card.show(ref, extensions, check.wanted);
        await this.store.addShown(callId, check.sent(extensions));
    }
    async hide(callId, ref, extensions) {
        const card = this.adapter.card;
        if (extensions.length === 0 || !card)
            return;
        await card.hide(ref, extensions);
        await this.store.removeShown(callId, extensions);
    }
}
