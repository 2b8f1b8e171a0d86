import { AmiActionError } from './ami-client.js';
import { keptEvent, toAmiEvent } from './ami-normalize.js';
import { toAmiResponse } from './ami-response.js';
import { ActionRegistry } from './action-registry.js';
import { AmiLoginRejected, AmiPeerNotAsterisk, AmiTransport } from './ami-transport.js';
export class AmiSessionOpenError extends Error {
    failure;
    name = 'AmiSessionOpenError';
    constructor(message, failure) {
        super(message);
        this.failure = failure;
    }
}
/**
 * One logged-in AMI connection: routes responses and list items to the ActionRegistry, buffers events until
 * startDelivery() (so onConnected listeners run before the first event), and runs the Ping keepalive.
 * Dies with its connection; AmiConnection creates a new one for every reconnect.
 */
export class AmiSession {
    hooks;
    log;
    registry = new ActionRegistry();
    buffered = [];
    bootWaiter = null;
    pingTimer = null;
    closed = false;
    closeDuringOpen = null;
    constructor(hooks, log) {
        this.hooks = hooks;
        this.log = log;
    }
    transport = null;
    /** Connects and logs in within `deadlineMs`; rejects with AmiSessionOpenError (never containing the secret). */
    static async open(target, deadlineMs, hooks, log, signal) {
        const session = new AmiSession(hooks, log);
        const transport = AmiTransport.open(target, {
            onFrame: (frame, atMs, text) => session.onFrame(frame, atMs, text),
            onMalformed: (reason) => hooks.onMalformed(reason),
            onSocketError: (err) => log.debug({ err: { message: err.message, code: err.code } }, 'AMI socket error'),
            onClose: (reason) => session.onTransportClosed(reason),
        });
        session.transport = transport;
        let timer;
        const deadline = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new AmiSessionOpenError(`AMI connect/greeting/login timed out after ${deadlineMs} ms`, 'other')), deadlineMs);
            session.closeDuringOpen = (reason) => {
                const failure = transport.failure; // refused, not found, unreachable: said as such, not "closed during login"
                reject(new AmiSessionOpenError(failure ? `AMI ${failure}` : `AMI connection closed during login (${reason})`, 'other'));
            };
        });
        const abort = () => transport.destroy('closed by the daemon');
        signal?.addEventListener('abort', abort, { once: true });
        try {
            if (signal?.aborted)
                abort();
            const loggedIn = transport.ready.then(() => transport.login());
            loggedIn.catch(() => undefined); // may settle after the deadline won the race
            await Promise.race([loggedIn, deadline]);
            return session;
        }
        catch (caught) {
            const err = transport.refusal ?? caught; // the close it causes may have won the race
            transport.destroy('open failed');
            if (err instanceof AmiLoginRejected) {
                throw new AmiSessionOpenError(`AMI login failed for user ${target.username}: ${err.message} — check AMI_USERNAME/AMI_SECRET and manager.conf permit/deny`, 'auth-failed');
            }
            if (err instanceof AmiPeerNotAsterisk) {
                throw new AmiSessionOpenError(`${target.host}:${target.port} is not an Asterisk Manager Interface: ${err.message}; not logging in — check AMI_HOST/AMI_PORT`, 'not-asterisk');
            }
            if (err instanceof AmiSessionOpenError)
                throw err;
            throw new AmiSessionOpenError(`AMI connection to ${target.host}:${target.port} failed: ${err instanceof Error ? err.message : String(err)}`, 'other');
        }
        finally {
            clearTimeout(timer);
            signal?.removeEventListener('abort', abort);
            session.closeDuringOpen = null;
        }
    }
    /** Resolves with FullyBooted's Uptime once it arrives, null if another event comes first or after graceMs. */
    waitFullyBooted(graceMs) {
        const booted = this.buffered?.find((ev) => ev.name === 'FullyBooted');
        if (booted)
            return Promise.resolve(uptimeOf(booted));
        if (this.buffered && this.buffered.length > 0)
            return Promise.resolve(null);
        return new Promise((resolve) => {
            const timer = setTimeout(() => { this.bootWaiter = null; resolve(null); }, graceMs);
            this.bootWaiter = (uptime) => { clearTimeout(timer); this.bootWaiter = null; resolve(uptime); };
        });
    }
    /** Hands the buffered events, then every live one, to hooks.onEvent. */
    startDelivery() {
        const pending = this.buffered ?? [];
        this.buffered = null;
        for (const ev of pending)
            this.hooks.onEvent(ev);
    }
    /** Sends one action; may throw AmiActionError('invalid-value') synchronously, before anything is written. */
    send(name, fields, options) {
        if (this.closed || !this.transport)
            return Promise.reject(new AmiActionError('AMI is not connected', 'not-connected'));
        const actionId = this.registry.nextId();
        const encoded = AmiTransport.encode(name, actionId, fields); // throws before anything is registered
        const result = this.registry.register(actionId, name, options);
        this.transport.write(encoded);
        return result;
    }
    /** Sends `Ping` every intervalMs; a missing answer within deadlineMs destroys the connection (half-open detection). */
    startKeepalive(intervalMs, deadlineMs, onMissed) {
        if (this.closed)
            return;
        const tick = () => {
            this.pingTimer = null;
            this.send('Ping', {}, { timeoutMs: deadlineMs, list: false }).then(() => { if (!this.closed)
                this.pingTimer = setTimeout(tick, intervalMs); }, (err) => {
                if (this.closed || !(err instanceof AmiActionError) || err.kind !== 'timeout')
                    return;
                onMissed();
                this.destroy('AMI Ping not answered');
            });
        };
        this.pingTimer = setTimeout(tick, intervalMs);
    }
    destroy(reason) {
        this.transport?.destroy(reason);
    }
    /** One bad frame must never take the connection (or the process) down: it is counted as malformed and skipped. */
    onFrame(frame, receivedAtMs, text) {
        try {
            this.handleFrame(frame, receivedAtMs, text);
        }
        catch (err) {
            this.log.warn({ err: { message: err.message } }, 'AMI frame could not be handled; skipped');
            this.hooks.onMalformed('no-header');
        }
    }
    handleFrame(frame, receivedAtMs, text) {
        if (frame.some(([k]) => k === 'response') && !frame.some(([k]) => k === 'event')) {
            const res = toAmiResponse(frame);
            if (res && !this.registry.handleResponse(res))
                this.log.trace({ actionId: res.actionId }, 'AMI response for an action we do not own');
            return;
        }
        const ev = toAmiEvent(frame, receivedAtMs);
        if (!ev) {
            this.hooks.onMalformed('no-header');
            return;
        }
        if (this.registry.handleEvent(ev))
            return;
        if (this.buffered) {
            this.buffered.push(keptEvent(ev));
            this.bootWaiter?.(ev.name === 'FullyBooted' ? uptimeOf(ev) : null);
            return;
        }
        this.hooks.onEvent(ev, text);
    }
    onTransportClosed(reason) {
        if (this.closed)
            return;
        this.closed = true;
        if (this.pingTimer)
            clearTimeout(this.pingTimer);
        this.registry.failAll(new AmiActionError(`AMI connection lost: ${reason}`, 'disconnected'));
        this.closeDuringOpen?.(reason);
        this.hooks.onClosed(reason);
    }
}
function uptimeOf(ev) {
    const uptime = Number(ev.fields['uptime']);
    return ev.fields['uptime'] !== undefined && Number.isFinite(uptime) ? uptime : null;
}
