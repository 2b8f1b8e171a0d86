import { AmiActionError } from './ami-client.js';
/** AMI header names: letters, digits, `-` and `_` (e.g. `ChannelId`, `CID-CallingPres`). */
const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** Any C0 control character (CR, LF, NUL, …) or DEL: one of them in a value could end the header or the whole action. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const MAX_VALUE_CHARS = 4096;
/** Throws AmiActionError('invalid-value') naming the offending key (never the value, which may be a secret). */
export function assertSafeValue(key, value) {
    if (CONTROL_CHARS.test(value))
        throw new AmiActionError(`AMI action value for ${key} contains a control character (CR/LF injection refused)`, 'invalid-value');
    if (value.length > MAX_VALUE_CHARS)
        throw new AmiActionError(`AMI action value for ${key} is longer than ${MAX_VALUE_CHARS} characters`, 'invalid-value');
}
/** Validates the action name, every key and every value of an action before anything is written to the socket. */
export function validateActionFields(name, fields) {
    if (!KEY_PATTERN.test(name))
        throw new AmiActionError('AMI action name is not a valid identifier', 'invalid-value');
    for (const [key, value] of Object.entries(fields)) {
        if (!KEY_PATTERN.test(key))
            throw new AmiActionError('AMI action key is not a valid header name', 'invalid-value');
        if (key.toLowerCase() === 'action' || key.toLowerCase() === 'actionid') {
            throw new AmiActionError(`AMI action key ${key} is reserved`, 'invalid-value');
        }
        const values = typeof value === 'string' ? [value] : value;
        for (const v of values)
            assertSafeValue(key, v);
    }
}
