export const NO_ACCOUNT_RULES = { accounts: {}, pattern: null, template: '', learn: false };
/**
 * The one account → extension mapping, shared by the tracker (call legs) and routing (device and channel states): listed
 * accounts win, then pairs learned so far, then `pattern` + `template`. Pure; the regex is compiled once here.
 */
export function accountLookup(rules) {
    const listed = new Map(Object.entries(rules.accounts));
    const pattern = rules.pattern === null ? null : new RegExp(rules.pattern);
    return (account, learned) => {
        if (account === '')
            return null;
        const known = listed.get(account) ?? learned?.get(account);
        if (known !== undefined)
            return known;
        if (pattern === null || !pattern.test(account))
            return null;
        return account.replace(pattern, rules.template) || null;
    };
}
/** The peer a phone device names (`SIP/150010001` → '150010001', as `peerName` of its channels); '' for Local ones. */
export function devicePeer(device) {
    if (/^Local\//i.test(device))
        return '';
    return /^[^/]+\/([^/@;]+)$/.exec(device)?.[1] ?? '';
}
/** Resolves account codes to extensions: listed ones, then learned ones, then the rule. */
export class AccountExtensions {
    rules;
    maxLearned;
    lookup;
    /** Learned pairs, oldest first; bounded so a PBX with churning accounts cannot grow it without limit. */
    learned = new Map();
    constructor(rules, maxLearned = 10_000) {
        this.rules = rules;
        this.maxLearned = maxLearned;
        this.lookup = accountLookup(rules);
    }
    /** The extension of an account, or null when nothing says which it is. */
    extensionOf(account) {
        return this.lookup(account, this.learned);
    }
    /** A phone placing a call shows its own extension as CallerIDNum: remember it (listed accounts are not overridden). */
    learn(account, extension) {
        if (!this.rules.learn || account === '' || account === extension || Object.hasOwn(this.rules.accounts, account))
            return false;
        if (this.learned.get(account) === extension)
            return false;
        this.learned.delete(account);
        this.learned.set(account, extension);
        if (this.learned.size > this.maxLearned) {
            const oldest = this.learned.keys().next();
            if (!oldest.done)
                this.learned.delete(oldest.value);
        }
        return true;
    }
}
