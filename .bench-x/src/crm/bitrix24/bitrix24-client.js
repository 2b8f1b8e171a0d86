import { scrubSecrets } from '../../log.js';
import { PermanentError, RetryableError } from '../../errors.js';
import { Bitrix24Error, classifyFailure, isAuthProblem, isExpiredToken, isLimitFailure, networkError } from './bitrix24-errors.js';
import { Bitrix24Transport, TransportError } from './bitrix24-transport.js';
import { toBatchCommand, unpackBatch } from './batch-envelope.js';
import { RequestBudget } from './request-budget.js';
import { reviseOps, SKIPPED } from './queued-op.js';
import { withTimeout } from '../../timeout.js';
const MAX_BACKOFF_MS = 30_000;
/**
 * Bitrix24 REST client: callers just await `call()`. Operations arriving within `batch.windowMs` of each other go out
 * as one `batch` (halt=0, ≤ batch.maxCommands); the leaky-bucket budget gates every HTTP request; limit errors and
 * `expired_token` are retried here without losing or repeating an operation; everything else is classified.
 */
export class Bitrix24Client {
    b24;
    stats = { requests: 0, commands: 0, limitRetries: 0, tokenRefreshes: 0 };
    queue = [];
    transport;
    budget;
    log;
    inFlight = 0;
    timer = null;
    timerDueMs = 0;
    closed = false;
    pausedUntilMs = 0;
    limitStreak = 0;
    idleWaiters = [];
    standing = null;
    constructor(b24, deps) {
        this.b24 = b24;
        this.log = deps.log.child({ component: 'bitrix24-client' });
        this.transport = new Bitrix24Transport(b24, { ...deps, log: this.log });
        this.budget = new RequestBudget(b24.budget);
    }
    get authMode() { return this.transport.mode; }
    /** The last auth-class refusal (WRONG_AUTH_TYPE, credentials, scope, rights), until its method succeeds again. */
    problem() { return this.standing; }
    async call(method, params = {}, options = {}) {
        return (await this.callPage(method, params, options)).result;
    }
    /** Like call(), keeping `total`/`next` of list methods. A command its Revise dropped resolves with result null. */
    async callPage(method, params = {}, options = {}) {
        const [outcome] = await this.enqueue([{ method, params }], options.solo ?? false, options.revise);
        if (!outcome)
            throw new RetryableError(`Bitrix24 ${method} failed (no reply): the portal answered nothing for it; retried later`);
        if (!outcome.ok)
            throw outcome.error;
        return outcome.page;
    }
    /**
     * Sends the steps in one request (a `batch`, possibly with other operations), in order, so later steps can use
     * earlier results through BatchRef. A limit error or an expired token on every failed step of a chain where nothing
     * succeeded resends the whole chain; otherwise failures (a limit error too, as RetryableError) come back per step,
     * so the caller keeps what succeeded and retries the rest itself (never repeating a done step).
     */
    callChain(steps, revise) {
        if (steps.length > this.b24.batch.maxCommands)
            return Promise.reject(new PermanentError(`Bitrix24 batch failed (ERROR_BATCH_LENGTH_EXCEEDED): a chain of ${steps.length} commands exceeds BITRIX24_BATCH_MAX; raise it (at most 50)`));
        return this.enqueue(steps, false, revise);
    }
    enqueue(steps, solo, revise) {
        if (this.closed)
            return Promise.reject(new RetryableError('Bitrix24 client is closed'));
        return new Promise((resolve, reject) => {
            const now = Date.now();
            this.queue.push({ steps, solo, revise, enqueuedAtMs: now, attempts: 0, notBeforeMs: now, resolve, reject });
            this.schedule();
        });
    }
    /** Waits (bounded) for queued operations to go out, then refuses new ones. */
    async close(timeoutMs = 5000) {
        if (this.queue.length > 0 || this.inFlight > 0) {
            await withTimeout(new Promise((r) => this.idleWaiters.push(r)), timeoutMs, () => undefined);
        }
        this.closed = true;
        if (this.timer)
            clearTimeout(this.timer);
        this.rejectQueued();
    }
    rejectQueued() {
        for (const op of this.queue.splice(0))
            op.reject(new RetryableError('Bitrix24 client closed before sending'));
        this.notifyIdle();
    }
    schedule() {
        if (this.closed) {
            this.rejectQueued();
            return;
        }
        if (this.inFlight >= this.b24.batch.maxInFlight)
            return;
        const now = Date.now();
        const ready = this.queue.filter((op) => op.notBeforeMs <= now);
        if (ready.length === 0) {
            if (this.queue.length === 0) {
                this.notifyIdle();
                return;
            }
            this.arm(Math.min(...this.queue.map((op) => op.notBeforeMs)) - now);
            return;
        }
        const first = ready[0];
        const readyCommands = ready.reduce((n, op) => n + op.steps.length, 0);
        const windowLeft = first && readyCommands < this.b24.batch.maxCommands ? first.enqueuedAtMs + this.b24.batch.windowMs - now : 0;
        this.arm(Math.max(windowLeft, this.budget.waitMs(), this.pausedUntilMs - now));
    }
    /** Arms the flush timer, or brings it forward; a later due time never postpones an armed one. */
    arm(delayMs) {
        const dueMs = Date.now() + Math.max(0, delayMs);
        if (this.timer && this.timerDueMs <= dueMs)
            return;
        if (this.timer)
            clearTimeout(this.timer);
        this.timerDueMs = dueMs;
        this.timer = setTimeout(() => { this.timer = null; this.flush(); }, Math.max(0, delayMs));
    }
    notifyIdle() {
        if (this.inFlight > 0)
            return;
        for (const w of this.idleWaiters.splice(0))
            w();
    }
    /** Ready operations for one request: whole chains only, at most batch.maxCommands commands. */
    takeReady() {
        const now = Date.now();
        const picked = [];
        let commands = 0;
        for (let i = 0; i < this.queue.length && commands < this.b24.batch.maxCommands; i++) {
            const op = this.queue[i];
            if (!op || op.notBeforeMs > now)
                continue;
            if (op.solo && picked.length > 0)
                continue;
            if (commands + op.steps.length > this.b24.batch.maxCommands)
                continue;
            picked.push(op);
            commands += op.steps.length;
            this.queue.splice(i--, 1);
            if (op.solo)
                break;
        }
        return picked;
    }
    flush() {
        const now = Date.now();
        const due = this.queue.some((op) => op.notBeforeMs <= now);
        if (this.closed || !due || now < this.pausedUntilMs || !this.budget.tryTake()) {
            this.schedule();
            return;
        }
        const ops = this.takeReady();
        this.inFlight += 1;
        void reviseOps(ops, this.log).then((revised) => this.sendOps(revised)).finally(() => { this.inFlight -= 1; this.schedule(); });
        this.schedule();
    }
    /** The operations as revised (reviseOps); when none is left to send, no request is made and its budget is given back. */
    async sendOps(revised) {
        if (revised.length === 0) {
            this.budget.giveBack();
            return;
        }
        const startedMs = Date.now();
        const ops = revised.map((r) => r.op);
        const commands = revised.flatMap(({ steps }, i) => steps.flatMap((step, j) => (step === null ? [] : [{
                ...step, key: steps.length === 1 ? `c${i}` : `c${i}_${j}`, keyOfStep: (s) => `c${i}_${s}`, op: i, step: j,
            }])));
        this.stats.requests += 1;
        this.stats.commands += commands.length;
        const single = commands.length === 1 ? commands[0] : undefined;
        try {
            const sent = single
                ? await this.transport.send(single.method, single.params)
                : await this.transport.send('batch', { halt: 0, cmd: Object.fromEntries(commands.map((c) => [c.key, toBatchCommand(c.method, c.params, c.keyOfStep)])) });
            this.log.debug({ commands: commands.length, ok: sent.reply.ok, ms: Date.now() - startedMs }, 'bitrix24 request');
            const flat = single || !sent.reply.ok ? commands.map(() => sent.reply) : unpackBatch(sent.reply, commands);
            const replies = revised.map(({ steps }) => steps.map(() => null));
            commands.forEach((c, k) => { const r = flat[k]; const mine = replies[c.op]; if (r && mine)
                mine[c.step] = r; });
            await this.settle(ops, replies, sent.accessToken);
        }
        catch (err) {
            if (err instanceof PermanentError || err instanceof RetryableError) { // from the OAuth refresh before sending
                for (const op of ops)
                    op.reject(err);
                return;
            }
            const e = err instanceof TransportError ? err : new TransportError(undefined, undefined);
            const methods = [...new Set(ops.flatMap((op) => op.steps.map((s) => s.method)))];
            this.log.warn({ commands: ops.length, methods, code: e.code, status: e.status }, `Bitrix24 ${methods.join('+')} request failed (${e.code ?? (e.status ? `HTTP ${e.status}` : 'no answer')}); retried later (check the portal URL and this host's network)`);
            for (const op of ops)
                op.reject(networkError(op.steps.map((s) => s.method).join('+'), e.code, e.status, e.target));
        }
    }
    /** `replies`: per operation, one per step (null: the step was not sent). */
    async settle(ops, replies, accessToken) {
        const retry = [];
        let expired = false;
        if (replies.some((mine) => mine.some((r) => r?.ok)))
            this.limitStreak = 0;
        for (const [i, op] of ops.entries()) {
            const mine = replies[i] ?? [];
            const failures = mine.flatMap((r, j) => (!r || r.ok ? [] : [{ ...r.failure, method: op.steps[j]?.method ?? r.failure.method }]));
            const limit = failures.find(isLimitFailure);
            const partlyDone = op.steps.length > 1 && mine.some((r) => r?.ok); // resending would repeat what succeeded
            if (limit && !partlyDone) {
                this.onLimit(op, limit, retry);
                continue;
            }
            if (failures.some(isExpiredToken) && this.transport.mode === 'oauth' && op.attempts < 2) {
                expired = true;
                op.attempts += 1;
                retry.push(op);
                continue;
            }
            op.resolve(op.steps.map((step, j) => (mine[j] === null ? SKIPPED : this.outcome(step.method, mine[j]))));
        }
        if (expired)
            await this.refresh(retry, accessToken);
        if (retry.length > 0) {
            this.queue.unshift(...retry);
        }
    }
    outcome(method, reply) {
        if (!reply)
            return { ok: false, error: new RetryableError(`Bitrix24 ${method} failed (no reply in batch): retried later`) };
        if (reply.ok) {
            if (this.standing?.method.toLowerCase() === method.toLowerCase())
                this.standing = null;
            return { ok: true, page: { result: reply.result, total: reply.total, next: reply.next } };
        }
        const error = classifyFailure({ ...reply.failure, method }, this.transport.mode, (t) => this.scrub(t));
        if (error instanceof Bitrix24Error && isAuthProblem(error.code)) {
            this.standing = { method, code: error.code, message: error.message, atMs: Date.now() };
            this.log.error({ method, code: error.code }, error.message);
        }
        return { ok: false, error };
    }
    /**
     * QUERY_LIMIT_EXCEEDED is portal-wide: pause every request (growing pause while 503s continue, since rejected
     * requests may still fill the portal's bucket) and treat our bucket as full. OPERATION_TIME_LIMIT is per method:
     * only that command waits. Either way the same command is resent, at most `limitRetries` times.
     */
    onLimit(op, f, retry) {
        op.attempts += 1;
        this.stats.limitRetries += 1;
        const now = Date.now();
        const backoffMs = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (op.attempts - 1));
        if (op.attempts > this.b24.limitRetries) {
            op.reject(classifyFailure(f, this.transport.mode, (t) => this.scrub(t), backoffMs));
            return;
        }
        if (f.code === 'QUERY_LIMIT_EXCEEDED') {
            this.budget.markExhausted();
            if (now >= this.pausedUntilMs) {
                this.limitStreak += 1;
                this.pausedUntilMs = now + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.limitStreak - 1));
            }
        }
        else {
            op.notBeforeMs = now + backoffMs;
        }
        retry.push(op);
    }
    async refresh(retry, accessToken) {
        try {
            this.stats.tokenRefreshes += 1;
            await this.transport.refreshAfterExpiry(accessToken);
        }
        catch (err) {
            const error = err instanceof Error ? err : new RetryableError('Bitrix24 OAuth refresh failed');
            for (const op of retry.splice(0))
                op.reject(error);
        }
    }
    scrub(text) {
        return scrubSecrets(text, this.transport.secrets());
    }
}
