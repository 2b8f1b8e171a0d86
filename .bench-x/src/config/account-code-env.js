import { z } from 'zod';
import { envSection, isRegex } from './env-section.js';
/**
 * Phones whose channels carry an account code instead of the extension (`SIP/150010001-…` is extension 201):
 * a list of exceptions, one rule for the rest, and learning from the phones' own calls.
 */
const PAIR = /^([^=\s]+)=(\d{1,9})$/;
const accountList = z.string().default('').transform((s, ctx) => {
    const accounts = [];
    for (const item of s.split(',').map((x) => x.trim()).filter(Boolean)) {
        const m = PAIR.exec(item);
        if (m?.[1] && m[2])
            accounts.push([m[1], m[2]]);
        else
            ctx.addIssue({ code: 'custom', message: `ACCOUNT_CODE_EXTENSIONS: "${item}" is not account=extension; write pairs like 150010001=201,150010002=202` });
    }
    return accounts;
});
export const AccountCodeEnvShape = {
    ACCOUNT_CODE_EXTENSIONS: accountList,
    ACCOUNT_CODE_PATTERN: z.string().optional()
        .refine((s) => s === undefined || isRegex(s), 'ACCOUNT_CODE_PATTERN: not a valid regular expression (e.g. ^1500100(\\d\\d)$)'),
    ACCOUNT_CODE_EXTENSION: z.string().regex(/^[\d$]+$/, 'ACCOUNT_CODE_EXTENSION: digits and $1, $2… only (e.g. 2$1)').default('$1'),
    ACCOUNT_CODE_LEARN: z.stringbool().default(true),
};
export function toAccountExtensionRules(env) {
    return {
        accounts: Object.fromEntries(env.ACCOUNT_CODE_EXTENSIONS),
        pattern: env.ACCOUNT_CODE_PATTERN ?? null,
        template: env.ACCOUNT_CODE_EXTENSION,
        learn: env.ACCOUNT_CODE_LEARN,
    };
}
export const accountsSection = envSection({ shape: AccountCodeEnvShape, build: toAccountExtensionRules });
