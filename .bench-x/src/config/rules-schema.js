import { z } from 'zod';
import { NotifyRulesSchema } from './notify-rules-schema.js';
import { ClientRuleSchema, LineRuleSchema } from './routing-rules-schema.js';
const patterns = z.array(z.string().min(1)).default([]);
/** The optional rules file (RULES_FILE, JSON): lists that are awkward in env variables. */
export const RulesSchema = z.object({
    /** Numbers that never create CRM entities (digits, any format; compared in E.164). */
    blacklist: z.array(z.string().min(3)).default([]),
    /** Extension → CRM user id, overriding what the adapter learns from the CRM. */
    users: z.record(z.string().regex(/^\d{1,9}$/), z.string().min(1)).default({}),
    /** Regular expressions on channel names that mark a leg as the trunk (added to TRUNK_CHANNEL_PATTERNS). */
    trunkChannels: patterns,
    /** Regular expressions on contexts that mark a leg as the trunk (added to TRUNK_CONTEXT_PATTERNS). */
    trunkContexts: patterns,
    /** Lines (DIDs) with working hours and a target while closed (docs/call-control.md, Working hours). */
    lines: z.array(LineRuleSchema).default([]),
    /** Routing by client data (VIP tag, segment, ...), in order after the responsible (docs/call-control.md). */
    clientRules: z.array(ClientRuleSchema).default([]),
    /** Who hears of missed calls: per extension, per line (with an owner override), the supervisor (docs/notifications.md). */
    notify: NotifyRulesSchema.default({ extensions: {}, lines: {}, supervisor: {} }),
}).strict();
