import { cardsStillWanted } from './card-policy.js';
/**
 * The check an adapter makes right before a card leaves (it may have waited for the CRM's request budget): the call's
 * later stages are read again, and a card for a call that ended since, or for an operator who no longer rings, is not
 * sent. `sent` is what went, by the last check's answer, so only that is recorded as shown.
 */
export class CardCheck {
    context;
    last = null;
    constructor(context) {
        this.context = context;
    }
    wanted = async (extensions) => {
        this.last = null; // a failed look sends the card as it is
        const newest = (await this.context.later()).at(-1);
        this.last = cardsStillWanted(extensions, newest);
        return this.last;
    };
    /** The extensions whose card went, of those given to the adapter. */
    sent(given) {
        const last = this.last;
        return last === null ? [...given] : given.filter((ext) => last.includes(ext));
    }
}
