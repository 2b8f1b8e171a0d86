import { scrubSecrets } from '../log.js';
import { AmiActionError, } from './ami-client.js';
import { AmiSession, AmiSessionOpenError } from './ami-session.js';
import { validateActionFields } from './action-value.js';
import { ListenerSet } from './listener-set.js';
import { reconnectDelayMs } from './reconnect-backoff.js';
import { runStandbyAction } from './standby-action.js';
const OPEN_FAILED_LOG = {
    'auth-failed': 'AMI login failed',
    'not-asterisk': 'AMI peer is not Asterisk; refusing to log in',
    other: 'AMI connect failed',
};
/** How long after login we wait for FullyBooted (users without `system` read never get one). */
const FULLY_BOOTED_GRACE_MS = 300;
/**
 * The daemon's AMI client: while connected (connect() until disconnect()) it logs in in the background, keeps the
 * session alive with Ping and reconnects forever with exponential backoff and jitter. Actions fail fast while not
 * logged in; in standby (never connected, or disconnected) an action runs on a short-lived session with
 * `Events: off` (see runStandbyAction), so an instance that does not read the PBX adds no event stream to it.
 */
export class AmiConnection {
    options;
    log;
    stateValue = 'standby';
    session = null;
    lastErrorValue = null;
    everConnected = false;
    wakeUp = null;
    events;
    connected;
    disconnected;
    stateChanged;
    counters = {
        eventsReceived: 0, malformedFrames: 0, reconnects: 0, connectFailures: 0, authFailures: 0, actionTimeouts: 0, pingsMissed: 0,
    };
    malformed = { 'no-header': 0, oversized: 0, 'junk-lines': 0 };
    /** The connect loop while connected; aborting ends it (disconnect, close). */
    running = null;
    constructor(options, log) {
        this.options = options;
        this.log = log;
        this.events = new ListenerSet(log);
        this.connected = new ListenerSet(log);
        this.disconnected = new ListenerSet(log);
        this.stateChanged = new ListenerSet(log);
    }
    /** Connected at once: returns at once; the connection is made (and remade) in the background. */
    static start(options, log) {
        const ami = new AmiConnection(options, log);
        ami.connect();
        return ami;
    }
    /** In standby: nothing is opened until connect(). */
    static standby(options, log) {
        return new AmiConnection(options, log);
    }
    /** Starts connecting (and reconnecting) in the background; a no-op while connected or after close(). */
    connect() {
        if (this.running || this.isClosed())
            return;
        const abort = new AbortController();
        this.running = { abort, loop: this.run(abort.signal) };
    }
    /** Logs off (the session is dropped) and stays in standby until connect(). */
    async disconnect() {
        await this.stopLoop('disconnected by the daemon');
        if (!this.isClosed())
            this.setState('standby');
    }
    async stopLoop(reason) {
        const running = this.running;
        if (!running)
            return;
        this.running = null;
        running.abort.abort();
        this.session?.destroy(reason);
        this.wakeUp?.();
        await running.loop;
    }
    get state() {
        return this.stateValue;
    }
    /** The last connect/login error (auth failures carry the fix in their message), null once logged in. */
    get lastError() {
        return this.lastErrorValue;
    }
    /** Resolves when logged in; rejects after timeoutMs with the last error (e.g. the login failure) or the state. */
    waitConnected(timeoutMs) {
        if (this.stateValue === 'connected')
            return Promise.resolve();
        if (this.stateValue === 'closed')
            return Promise.reject(new Error('AMI connection closed'));
        // in standby this waits for connect()
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                off();
                const why = this.lastErrorValue?.message ?? `state is ${this.stateValue}`;
                reject(new Error(`AMI not connected after ${timeoutMs} ms: ${why}`));
            }, timeoutMs);
            const off = this.stateChanged.add((state) => {
                if (state === 'connected') {
                    clearTimeout(timer);
                    off();
                    resolve();
                }
                if (state === 'closed') {
                    clearTimeout(timer);
                    off();
                    reject(new Error('AMI connection closed'));
                }
            });
        });
    }
    async action(name, fields, options = {}) {
        validateActionFields(name, fields);
        const session = this.session;
        const timeoutMs = options.timeoutMs ?? this.options.actionTimeoutMs;
        if (this.stateValue === 'standby' && !options.list) {
            return runStandbyAction(this.target(), name, fields, timeoutMs, this.log).catch((err) => { throw this.scrubbed(err); });
        }
        if (this.stateValue !== 'connected' || !session) {
            throw new AmiActionError(`AMI action ${name} refused: AMI is ${this.stateValue}`, 'not-connected');
        }
        try {
            return await session.send(name, fields, { timeoutMs, list: options.list ?? false });
        }
        catch (err) {
            throw this.scrubbed(err);
        }
    }
    scrubbed(err) {
        if (err instanceof AmiActionError && err.kind === 'timeout')
            this.counters.actionTimeouts += 1;
        if (err instanceof AmiActionError)
            return new AmiActionError(scrubSecrets(err.message, [this.options.secret]), err.kind);
        return err;
    }
    onEvent(listener) {
        return this.events.add(listener);
    }
    onConnected(listener) {
        return this.connected.add(listener);
    }
    onDisconnected(listener) {
        return this.disconnected.add(listener);
    }
    stats() {
        return { state: this.stateValue, ...this.counters, malformedFrames: this.counters.malformedFrames, malformedByReason: { ...this.malformed } };
    }
    async close() {
        if (this.isClosed())
            return;
        this.setState('closed');
        await this.stopLoop('closed by the daemon');
    }
    isClosed() {
        return this.stateValue === 'closed';
    }
    setState(state) {
        if (this.stateValue === state)
            return;
        this.stateValue = state;
        this.stateChanged.emit(state);
    }
    async run(signal) {
        let failures = 0;
        while (!signal.aborted) {
            const wasLoggedIn = await this.connectOnce(signal);
            if (signal.aborted)
                break;
            failures = wasLoggedIn ? 1 : failures + 1;
            const delayMs = reconnectDelayMs(failures, this.options.reconnectMinMs, this.options.reconnectMaxMs);
            this.log.debug({ delayMs, attempt: failures }, 'AMI reconnect scheduled');
            await this.sleep(delayMs);
        }
    }
    /** One connection's life; true when it got as far as a successful login. */
    async connectOnce(signal) {
        if (this.stateValue !== 'auth-failed' && this.stateValue !== 'not-asterisk')
            this.setState('connecting');
        let closedResolve = () => undefined;
        const closed = new Promise((resolve) => { closedResolve = resolve; });
        let session;
        try {
            session = await AmiSession.open(this.target(), this.options.actionTimeoutMs, {
                onEvent: (ev, text) => { this.counters.eventsReceived += 1; this.events.emit(ev, text); },
                onMalformed: (reason) => this.countMalformed(reason),
                onClosed: (reason) => closedResolve(reason),
            }, this.log, signal);
        }
        catch (err) {
            if (!signal.aborted)
                this.onOpenFailed(err);
            return false;
        }
        if (signal.aborted) {
            session.destroy('closed by the daemon');
            return false;
        }
        await this.goLive(session, signal);
        const reason = await closed;
        this.session = null;
        if (signal.aborted)
            this.log.info({ reason }, 'AMI connection closed');
        else {
            this.setState('disconnected');
            this.log.warn({ reason }, 'AMI disconnected');
        }
        this.disconnected.emit(reason);
        return true;
    }
    async goLive(session, signal) {
        const uptimeSec = await session.waitFullyBooted(FULLY_BOOTED_GRACE_MS);
        if (signal.aborted) {
            session.destroy('disconnected by the daemon');
            return;
        }
        const reconnect = this.everConnected;
        if (reconnect)
            this.counters.reconnects += 1;
        this.everConnected = true;
        this.lastErrorValue = null;
        this.session = session;
        this.setState('connected');
        this.log.info({ reconnect, uptimeSec }, 'AMI logged in');
        this.connected.emit({ reconnect, uptimeSec });
        session.startDelivery();
        const deadlineMs = Math.min(this.options.actionTimeoutMs, this.options.pingIntervalMs);
        session.startKeepalive(this.options.pingIntervalMs, deadlineMs, () => {
            this.counters.pingsMissed += 1;
            this.log.warn({ deadlineMs }, 'AMI Ping not answered, dropping the connection');
        });
    }
    onOpenFailed(err) {
        const error = err instanceof Error ? err : new Error(String(err));
        const message = scrubSecrets(error.message, [this.options.secret]);
        const failure = err instanceof AmiSessionOpenError ? err.failure : 'other';
        const firstOfBurst = this.lastErrorValue?.message !== message;
        this.lastErrorValue = new Error(message);
        if (failure === 'auth-failed')
            this.counters.authFailures += 1;
        else
            this.counters.connectFailures += 1;
        if (failure !== 'other' && !this.isClosed())
            this.setState(failure);
        else if (this.stateValue === 'connecting')
            this.setState('disconnected');
        const level = firstOfBurst ? (failure === 'other' ? 'warn' : 'error') : 'debug';
        this.log[level]({ err: { message } }, OPEN_FAILED_LOG[failure]);
    }
    countMalformed(reason) {
        this.counters.malformedFrames += 1;
        this.malformed[reason] += 1;
        const total = this.counters.malformedFrames;
        const level = total === 1 || total % 1000 === 0 ? 'warn' : 'debug';
        this.log[level]({ reason, malformedFrames: total }, 'AMI malformed frame skipped');
    }
    target() {
        const { host, port, username, secret } = this.options;
        return { host, port, username, secret };
    }
    sleep(ms) {
        return new Promise((resolve) => {
            const timer = setTimeout(() => { this.wakeUp = null; resolve(); }, ms);
            this.wakeUp = () => { clearTimeout(timer); this.wakeUp = null; resolve(); };
        });
    }
}
