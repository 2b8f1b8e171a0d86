import { z } from 'zod';
import { envSection, flag, isRegex } from './env-section.js';
/**
 * Environment variables of click-to-call, the dial guard, responsible routing and the FastAGI server (Config.callControl).
 * ROUTE_TIMEOUT_MS and ROUTE_CACHE_TTL_SEC are Config.routing; a CRM's own event handler has its settings in its module.
 */
const count = (fallback, min = 1) => z.coerce.number().int().min(min).default(fallback);
const EXTENSION = /^\d{1,9}$/;
function regexList(name, fallback) {
    return z.string().default(fallback).transform((s, ctx) => {
        const items = s.split(',').map((x) => x.trim()).filter(Boolean);
        for (const item of items) {
            try {
                new RegExp(item);
            }
            catch {
                ctx.addIssue({ code: 'custom', message: `${name}: "${item}" is not a valid regular expression; fix or remove it` });
            }
        }
        return items;
    });
}
const extensionList = z.string().default('').transform((s, ctx) => {
    const items = s.split(',').map((x) => x.trim()).filter(Boolean);
    for (const item of items) {
        if (!EXTENSION.test(item))
            ctx.addIssue({ code: 'custom', message: `KNOWN_EXTENSIONS: "${item}" is not an extension (1-9 digits); list extensions like 201,202` });
    }
    return items;
});
export const CallControlEnvShape = {
    ORIGINATE_CHANNEL_TEMPLATE: z.string().default('Local/{ext}@from-internal')
        .refine((s) => s.includes('{ext}'), 'ORIGINATE_CHANNEL_TEMPLATE must contain {ext}, e.g. Local/{ext}@from-internal or, on MikoPBX, Local/{ext}@internal-originate')
        .refine((s) => /^[A-Za-z0-9/@{}_.-]+$/.test(s), 'ORIGINATE_CHANNEL_TEMPLATE may hold letters, digits, / @ _ . - and {ext} only'),
    ORIGINATE_CONTEXT: z.string().regex(/^[A-Za-z0-9_-]{1,79}$/, 'ORIGINATE_CONTEXT: the dialplan context the number is dialled from (MikoPBX: all_peers)').default('from-internal'),
    ORIGINATE_TIMEOUT_MS: count(30000, 1000),
    ORIGINATE_CALLERID_NAME: z.string().regex(/^[\p{L}\p{N} ._'-]{0,40}$/u, 'ORIGINATE_CALLERID_NAME: up to 40 letters, digits, spaces . _ \' -').default(''),
    ORIGINATE_CID_VARIABLE: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'ORIGINATE_CID_VARIABLE: a variable name (MikoPBX: pt1c_cid)').optional(),
    ORIGINATE_NUMBER_FORMAT: z.enum(['national', 'digits', 'e164'], {
        message: 'ORIGINATE_NUMBER_FORMAT: national, digits or e164 (how the PBX\'s outgoing routes expect a number; MikoPBX: national or digits)',
    }).default('national'),
    DIAL_ALLOW_PATTERNS: regexList('DIAL_ALLOW_PATTERNS', ''),
    DIAL_DENY_PATTERNS: regexList('DIAL_DENY_PATTERNS', '^(00|011|810)'),
    DIAL_ALLOW_INTERNATIONAL: flag(false),
    KNOWN_EXTENSIONS: extensionList,
    KNOWN_EXTENSION_PATTERN: z.string().optional().refine((s) => s === undefined || isRegex(s), 'KNOWN_EXTENSION_PATTERN: not a valid regular expression (e.g. ^2\\d\\d$)'),
    RATE_LIMIT_WINDOW_MS: count(60000, 1000),
    RATE_LIMIT_PER_TOKEN_MAX: count(60),
    RATE_LIMIT_PER_EXTENSION_MAX: count(6),
    AGI_ENABLED: flag(false),
    AGI_HOST: z.string().min(1).default('127.0.0.1'),
    AGI_PORT: z.coerce.number().int().min(1).max(65535).default(4573),
    ROUTE_DIAL_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
    ROUTE_FALLBACK_EXTENSION: z.string().regex(EXTENSION, 'ROUTE_FALLBACK_EXTENSION: the colleague\'s extension (digits)').optional(),
    ROUTE_CHECK_AVAILABILITY: flag(true),
    ROUTE_DEVICE_PATTERN: z.string().default('^(?:PJSIP|SIP|IAX2|Local)/(\\d{1,9})(?:@[^/;-]+)?$')
        .refine(isRegex, 'ROUTE_DEVICE_PATTERN: not a valid regular expression; group 1 must capture the extension'),
};
export function toCallControlConfig(env) {
    return {
        originate: {
            channelTemplate: env.ORIGINATE_CHANNEL_TEMPLATE, context: env.ORIGINATE_CONTEXT, timeoutMs: env.ORIGINATE_TIMEOUT_MS,
            callerIdName: env.ORIGINATE_CALLERID_NAME, cidVariable: env.ORIGINATE_CID_VARIABLE ?? null,
        },
        dial: {
            allowPatterns: env.DIAL_ALLOW_PATTERNS, denyPatterns: env.DIAL_DENY_PATTERNS, allowInternational: env.DIAL_ALLOW_INTERNATIONAL,
            knownExtensions: env.KNOWN_EXTENSIONS, knownExtensionPattern: env.KNOWN_EXTENSION_PATTERN ?? null,
            numberFormat: env.ORIGINATE_NUMBER_FORMAT,
        },
        rateLimit: { windowMs: env.RATE_LIMIT_WINDOW_MS, perTokenMax: env.RATE_LIMIT_PER_TOKEN_MAX, perExtensionMax: env.RATE_LIMIT_PER_EXTENSION_MAX },
        agi: { enabled: env.AGI_ENABLED, host: env.AGI_HOST, port: env.AGI_PORT },
        route: {
            dialSeconds: env.ROUTE_DIAL_SECONDS, fallbackExtension: env.ROUTE_FALLBACK_EXTENSION ?? null,
            checkAvailability: env.ROUTE_CHECK_AVAILABILITY, devicePattern: env.ROUTE_DEVICE_PATTERN,
        },
    };
}
export const callControlSection = envSection({ shape: CallControlEnvShape, build: toCallControlConfig });
