/**
 * Phones named by an account code instead of their extension (`SIP/150010001-…` is extension 201). The admin lists
 * exceptions (`accounts`), gives one rule for the rest (`pattern` + `template`, e.g. `^1500100(\d\d)$` → `2$1`), and
 * the tracker learns the others from the CallerIDNum a phone shows on its own channel when it places a call.
 */
export interface AccountExtensionRules {
  /** account → extension, e.g. `{ '150010063': '2401' }`; wins over the rule and over what was learned. */
  readonly accounts: Readonly<Record<string, string>>;
  /** A regex on the account; when it matches, `template` (with `$1`…) gives the extension. */
  readonly pattern: string | null;
  readonly template: string;
  /** Learn account → extension from a calling phone's own internal-length CallerIDNum. */
  readonly learn: boolean;
}

export const NO_ACCOUNT_RULES: AccountExtensionRules = { accounts: {}, pattern: null, template: '', learn: false };

/** An account → extension lookup by the admin's rules (listed accounts, then the pattern rule); learned pairs first when given. */
export type AccountLookup = (account: string, learned?: ReadonlyMap<string, string>) => string | null;

/**
 * The one account → extension mapping, shared by the tracker (call legs) and routing (device and channel states): listed
 * accounts win, then pairs learned so far, then `pattern` + `template`. Pure; the regex is compiled once here.
 */
export function accountLookup(rules: AccountExtensionRules): AccountLookup {
  const listed: ReadonlyMap<string, string> = new Map(Object.entries(rules.accounts));
  const pattern = rules.pattern === null ? null : new RegExp(rules.pattern);
  return (account, learned) => {
    if (account === '') return null;
    const known = listed.get(account) ?? learned?.get(account);
    if (known !== undefined) return known;
    if (pattern === null || !pattern.test(account)) return null;
    return account.replace(pattern, rules.template) || null;
  };
}

/** The peer a phone device names (`SIP/150010001` → '150010001', as `peerName` of its channels); '' for Local ones. */
export function devicePeer(device: string): string {
  if (/^Local\//i.test(device)) return '';
  return /^[^/]+\/([^/@;]+)$/.exec(device)?.[1] ?? '';
}

/** Resolves account codes to extensions: listed ones, then learned ones, then the rule. */
export class AccountExtensions {
  private readonly lookup: AccountLookup;
  /** Learned pairs, oldest first; bounded so a PBX with churning accounts cannot grow it without limit. */
  readonly learned = new Map<string, string>();

  constructor(private readonly rules: AccountExtensionRules, private readonly maxLearned = 10_000) {
    this.lookup = accountLookup(rules);
  }

  /** The extension of an account, or null when nothing says which it is. */
  extensionOf(account: string): string | null {
    return this.lookup(account, this.learned);
  }

  /** A phone placing a call shows its own extension as CallerIDNum: remember it (listed accounts are not overridden). */
  learn(account: string, extension: string): boolean {
    if (!this.rules.learn || account === '' || account === extension || Object.hasOwn(this.rules.accounts, account)) return false;
    if (this.learned.get(account) === extension) return false;
    this.learned.delete(account);
    this.learned.set(account, extension);
    if (this.learned.size > this.maxLearned) {
      const oldest = this.learned.keys().next();
      if (!oldest.done) this.learned.delete(oldest.value);
    }
    return true;
  }
}
