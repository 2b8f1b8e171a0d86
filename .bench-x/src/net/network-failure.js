/**
 * Words for a connection that never got an answer, from node's error code (`ECONNREFUSED`, …) and the target, so a log
 * line reads "connection refused to pbx.example:5038" instead of "closed by peer" or a bare code.
 */
export function networkFailureText(code, target) {
    switch (code) {
        case 'ECONNREFUSED': return `connection refused to ${target}`;
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
        case 'EAI_NONAME': return `host not found: ${target}`;
        case 'ETIMEDOUT':
        case 'ECONNABORTED': return `no answer from ${target} (timed out)`;
        case 'EHOSTUNREACH':
        case 'ENETUNREACH': return `no route to ${target}`;
        case 'ECONNRESET': return `connection reset by ${target}`;
        case 'EPIPE': return `connection to ${target} broken (EPIPE)`;
        case undefined:
        case '': return `network error talking to ${target}`;
        default: return `${code} talking to ${target}`;
    }
}
/** The `code` of a node socket error (or of its `cause`), if it has one. */
export function errorCodeOf(err) {
    if (typeof err !== 'object' || err === null)
        return undefined;
    const code = err.code;
    if (typeof code === 'string')
        return code;
    const cause = err.cause;
    return cause === err ? undefined : errorCodeOf(cause);
}
/** `host:port` of a URL (the scheme's port when none is given); never its path or credentials. '' when not a URL. */
export function hostPortOf(url) {
    try {
        const u = new URL(url);
        return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
    }
    catch {
        return '';
    }
}
