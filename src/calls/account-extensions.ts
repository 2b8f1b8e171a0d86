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

/** Resolves account codes to extensions: listed ones, then learned ones, then the rule. */
export class AccountExtensions {
  private readonly listed: ReadonlyMap<string, string>;
  private readonly pattern: RegExp | null;
  /** Learned pairs, oldest first; bounded so a PBX with churning accounts cannot grow it without limit. */
  readonly learned = new Map<string, string>();

  constructor(private readonly rules: AccountExtensionRules, private readonly maxLearned = 10_000) {
    this.listed = new Map(Object.entries(rules.accounts));
    this.pattern = rules.pattern === null ? null : new RegExp(rules.pattern);
  }

  /** The extension of an account, or null when nothing says which it is. */
  extensionOf(account: string): string | null {
    if (account === '') return null;
    const listed = this.listed.get(account) ?? this.learned.get(account);
    if (listed !== undefined) return listed;
    if (this.pattern === null || !this.pattern.test(account)) return null;
    return account.replace(this.pattern, this.rules.template) || null;
  }

  /** A phone placing a call shows its own extension as CallerIDNum: remember it (listed accounts are not overridden). */
  learn(account: string, extension: string): boolean {
    if (!this.rules.learn || account === '' || account === extension || this.listed.has(account)) return false;
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
