import { z } from 'zod';
const Email = z.email({ error: 'email: an e-mail address' });
const ChatId = z.string().regex(/^-?\d{1,20}$|^@[A-Za-z0-9_]{5,32}$/, 'telegramChatId: a numeric chat id (groups are negative) or @channelname');
/** Where one person or group hears of missed calls. */
export const NotifyTargetSchema = z.object({
    email: z.union([Email, z.array(Email).min(1)]).optional(),
    telegramChatId: ChatId.optional(),
}).strict();
/** A line's addresses (mailed in addition to the owner) and its missed-call owner (in place of MISSED_CALLS_RESPONSIBLE). */
const LineNotifySchema = NotifyTargetSchema.extend({
    owner: z.string().regex(/^\d{1,9}$/, 'owner: an extension number').optional(),
}).strict();
/** The rules file's `notify`: keys of `extensions` are extension numbers, keys of `lines` DIDs in any format. */
export const NotifyRulesSchema = z.object({
    extensions: z.record(z.string().regex(/^\d{1,9}$/, 'an extension number'), NotifyTargetSchema).default({}),
    lines: z.record(z.string().min(1), LineNotifySchema).default({}),
    supervisor: NotifyTargetSchema.default({}),
}).strict();
// the schema's output fits the views (a compile-time check)
const _fits = (r) => r;
void _fits;
