import { AmiActionError } from './ami-client.js';
const CHANNEL = /^(Local|PJSIP|SIP|IAX2|DAHDI)\/[A-Za-z0-9_.+*#@-]{1,80}$/;
const CONTEXT = /^[A-Za-z0-9_-]{1,79}$/;
/** A dialled number (docs/asterisk-ami.md §7) or an internal extension; `*` and `#` for feature codes. */
const EXTEN = /^(\+?\d{3,15}|[0-9*#]{1,15})$/;
const NUMBER = /^\+?\d{1,15}$/;
const CALLER_NAME = /^[\p{L}\p{N} ._\-']{0,40}$/u;
const ID = /^[A-Za-z0-9_.-]{1,149}$/;
const VAR_NAME = /^(__?)?[A-Za-z][A-Za-z0-9_]{0,63}$/;
const VAR_VALUE = /^[\p{L}\p{N} ._\-+@/=#*]{0,200}$/u;
function check(field, value, grammar) {
    if (!grammar.test(value))
        throw new AmiActionError(`Originate ${field} is not allowed by its grammar`, 'invalid-value');
    return value;
}
/** Builds the Originate fields of docs/asterisk-ami.md §7, validating every value; throws AmiActionError('invalid-value'). */
export function buildOriginateFields(req) {
    const priority = req.priority ?? 1;
    const timeoutMs = req.timeoutMs ?? 30_000;
    if (!Number.isInteger(priority) || priority < 1 || priority > 999)
        throw new AmiActionError('Originate priority must be 1..999', 'invalid-value');
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > 300_000) {
        throw new AmiActionError('Originate timeoutMs must be 1000..300000', 'invalid-value');
    }
    const fields = {
        Channel: check('channel', req.channel, CHANNEL),
        Context: check('context', req.context, CONTEXT),
        Exten: check('exten', req.exten, EXTEN),
        Priority: String(priority),
        Async: 'true',
        Timeout: String(timeoutMs),
        ChannelId: check('channelId', req.channelId, ID),
    };
    if (req.otherChannelId !== undefined)
        fields['OtherChannelId'] = check('otherChannelId', req.otherChannelId, ID);
    if (req.callerId !== undefined) {
        const callerId = typeof req.callerId === 'string' ? { number: req.callerId } : req.callerId;
        const number = check('callerId.number', callerId.number, NUMBER);
        const name = check('callerId.name', callerId.name ?? '', CALLER_NAME);
        fields['CallerID'] = name ? `"${name}" <${number}>` : `<${number}>`;
    }
    const variables = Object.entries(req.variables ?? {}).map(([name, value]) => `${check('variable name', name, VAR_NAME)}=${check(`variable ${name}`, value, VAR_VALUE)}`);
    if (variables.length > 0)
        fields['Variable'] = variables;
    return fields;
}
/**
 * Queues an asynchronous Originate (click-to-call). Resolves with our ActionID once Asterisk answers
 * `Originate successfully queued`; the outcome comes later as `OriginateResponse` with that ActionID.
 * Throws AmiActionError: 'invalid-value', 'not-connected' (never queued while AMI is down), 'timeout', 'rejected'.
 */
export async function originate(client, req) {
    const result = await client.action('Originate', buildOriginateFields(req));
    return { actionId: result.response.actionId };
}
