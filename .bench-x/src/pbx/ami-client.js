/** Raised by action(): not connected/logged in, timed out, CR/LF or bad value, or `Response: Error` (message from Asterisk). */
export class AmiActionError extends Error {
    kind;
    name = 'AmiActionError';
    constructor(message, kind) {
        super(message);
        this.kind = kind;
    }
}
