import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { formatDialNumber, isEmergencyNumber, isPremiumNumber } from './dial-number.js';
import { HttpError } from './http-error.js';
const EXTENSION = /^\d{1,9}$/;
const NUMBER = /^\+?\d{3,15}$/;
const NUMBER_DECORATION = /[\s().-]/g;
const CALLER_ID_NAME = /^[\p{L}\p{N} ._'-]{1,40}$/u;
const CRM_CALL_ID = /^[A-Za-z0-9._-]{1,128}$/;
const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const VARIABLE_VALUE = /^[\p{L}\p{N} ._:@+/-]{0,128}$/u;
const MAX_VARIABLES = 10;
/** Prefix of the variables the daemon sets itself (CRM_CALL_ID, CRM_CALLBACK); a caller may not set them. */
const RESERVED_PREFIX = 'CRM_';
const COSTLY_TYPES = new Set(['SHARED_COST', 'UAN', 'VOICEMAIL', 'PAGER']);
function refuse(status, code, message) {
    throw new HttpError(status, code, message);
}
/**
 * Toll-fraud guard for every originate: known extension only, destination by grammar, never an emergency or a
 * premium-rate number (whatever the patterns say), deny and allow patterns and number class (national yes;
 * international and shared-cost no unless allowed), and strict grammars for every other value put into the AMI
 * action. The number leaves in the PBX's format. Throws HttpError 400/403/422; never echoes a value it refused.
 */
export class DialGuard {
    policy;
    allow;
    deny;
    known;
    knownPattern;
    constructor(policy, extraKnownExtensions = []) {
        this.policy = policy;
        this.allow = policy.allowPatterns.map((p) => new RegExp(p));
        this.deny = policy.denyPatterns.map((p) => new RegExp(p));
        this.known = new Set([...policy.knownExtensions, ...extraKnownExtensions]);
        this.knownPattern = policy.knownExtensionPattern ? new RegExp(policy.knownExtensionPattern) : null;
    }
    check(req) {
        return {
            extension: this.checkExtension(req.extension),
            to: this.checkDestination(req.to),
            callerIdName: checkCallerIdName(req.callerIdName),
            crmCallId: checkCrmCallId(req.crmCallId),
            variables: checkVariables(req.variables ?? {}),
        };
    }
    isKnownExtension(extension) {
        return EXTENSION.test(extension) && (this.known.has(extension) || (this.knownPattern?.test(extension) ?? false));
    }
    checkExtension(extension) {
        if (!EXTENSION.test(extension))
            refuse(400, 'invalid_extension', 'from: an extension is 1-9 digits');
        if (!this.isKnownExtension(extension)) {
            refuse(422, 'unknown_extension', `extension ${extension} may not originate calls; add it to KNOWN_EXTENSIONS or KNOWN_EXTENSION_PATTERN`);
        }
        return extension;
    }
    checkDestination(raw) {
        const to = raw.replace(NUMBER_DECORATION, '');
        if (isEmergencyNumber(to))
            refuse(403, 'emergency_number', 'to: emergency numbers are never dialled by click-to-call');
        if (!NUMBER.test(to))
            refuse(400, 'invalid_number', 'to: 3-15 digits with an optional leading +');
        const { defaultCountry, internalMaxLength, numberFormat } = this.policy;
        if (isPremiumNumber(to, defaultCountry))
            refuse(403, 'premium_number', 'to: premium-rate numbers are never dialled by click-to-call');
        if (this.deny.some((re) => re.test(to)))
            refuse(403, 'destination_denied', 'to: the number matches DIAL_DENY_PATTERNS');
        if (this.allow.length > 0) {
            if (!this.allow.some((re) => re.test(to)))
                refuse(403, 'destination_denied', 'to: the number matches none of DIAL_ALLOW_PATTERNS');
        }
        else {
            this.checkNumberClass(to);
        }
        return formatDialNumber(to, numberFormat, defaultCountry, internalMaxLength);
    }
    /** Without explicit allow patterns: internal and national numbers pass; international (unless allowed) and costly classes do not. */
    checkNumberClass(to) {
        if (!to.startsWith('+') && to.length <= this.policy.internalMaxLength)
            return;
        const parsed = parsePhoneNumberFromString(to, this.policy.defaultCountry);
        if (!parsed || !parsed.isValid())
            refuse(403, 'destination_denied', 'to: not a valid number; set DIAL_ALLOW_PATTERNS to allow it explicitly');
        const type = parsed.getType();
        if (type !== undefined && COSTLY_TYPES.has(type)) {
            refuse(403, 'destination_denied', `to: ${type.toLowerCase().replace('_', '-')} numbers are refused; set DIAL_ALLOW_PATTERNS to allow them explicitly`);
        }
        if (parsed.country !== this.policy.defaultCountry && !this.policy.allowInternational) {
            refuse(403, 'destination_denied', 'to: international numbers are refused; set DIAL_ALLOW_INTERNATIONAL=true or DIAL_ALLOW_PATTERNS');
        }
    }
}
function checkCallerIdName(value) {
    if (value === undefined || value === null || value === '')
        return null;
    if (!CALLER_ID_NAME.test(value))
        refuse(400, 'invalid_caller_id', 'callerId: up to 40 letters, digits, spaces and . _ \' -');
    return value;
}
function checkCrmCallId(value) {
    if (value === undefined || value === null || value === '')
        return null;
    if (!CRM_CALL_ID.test(value))
        refuse(400, 'invalid_crm_call_id', 'crmCallId: up to 128 letters, digits and . _ -');
    return value;
}
function checkVariables(vars) {
    const entries = Object.entries(vars);
    if (entries.length > MAX_VARIABLES)
        refuse(400, 'invalid_variables', `variables: at most ${MAX_VARIABLES}`);
    for (const [name, value] of entries) {
        if (!VARIABLE_NAME.test(name) || name.toUpperCase().startsWith(RESERVED_PREFIX)) {
            refuse(400, 'invalid_variables', 'variables: names are letters, digits and _ (starting with a letter, no functions, not CRM_*)');
        }
        if (typeof value !== 'string' || !VARIABLE_VALUE.test(value)) {
            refuse(400, 'invalid_variables', 'variables: values are up to 128 letters, digits, spaces and . _ : @ + / -');
        }
    }
    return Object.fromEntries(entries);
}
