import { randomBytes } from 'node:crypto';
import { AmiActionError } from './ami-client.js';
import { keptEvent } from './ami-normalize.js';
/**
 * Our own ActionIDs (`pcb<random>-<seq>`, unique per process, free of `:`), one deadline per action,
 * and list responses gathered until the event with `EventList: Complete`. Nothing waits forever:
 * every pending action ends by response, timeout or failAll() when the connection goes away.
 */
export class ActionRegistry {
    pending = new Map();
    prefix = `pcb${randomBytes(3).toString('hex')}`;
    seq = 0;
    timeouts = 0;
    nextId() {
        this.seq += 1;
        return `${this.prefix}-${this.seq}`;
    }
    get size() {
        return this.pending.size;
    }
    /** Registers an action already given `actionId`; resolves on its response (or list end), rejects on error/timeout. */
    register(actionId, name, options) {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(actionId);
                this.timeouts += 1;
                reject(new AmiActionError(`AMI action ${name} timed out after ${options.timeoutMs} ms`, 'timeout'));
            }, options.timeoutMs);
            this.pending.set(actionId, { name, list: options.list, events: [], response: null, timer, resolve, reject });
        });
    }
    /** Routes a response to its action; returns false when the ActionID is not ours (another session's, or already timed out). */
    handleResponse(res) {
        const entry = this.pending.get(res.actionId);
        if (!entry)
            return false;
        if (res.response.toLowerCase() === 'error') {
            this.finish(res.actionId, entry);
            entry.reject(new AmiActionError(`AMI action ${entry.name} rejected: ${res.fields['message'] ?? 'no message'}`, 'rejected'));
            return true;
        }
        entry.response = res;
        const listStarts = (res.fields['eventlist'] ?? '').toLowerCase() === 'start';
        if (!entry.list || !listStarts) {
            this.finish(res.actionId, entry);
            entry.resolve({ response: res, events: entry.events });
        }
        return true;
    }
    /** Claims the item and `…Complete` events of a pending list action; other events (OriginateResponse…) are not claimed. */
    handleEvent(ev) {
        const actionId = ev.fields['actionid'];
        if (actionId === undefined)
            return false;
        const entry = this.pending.get(actionId);
        if (!entry || !entry.list)
            return false;
        if ((ev.fields['eventlist'] ?? '').toLowerCase() === 'complete') {
            this.finish(actionId, entry);
            const response = entry.response ?? { response: 'Success', actionId, fields: {}, multi: {} };
            entry.resolve({ response, events: entry.events });
        }
        else {
            entry.events.push(keptEvent(ev)); // kept until the list completes (see keptEvent)
        }
        return true;
    }
    /** Rejects every pending action (connection lost or closed); listeners and timers are released. */
    failAll(err) {
        for (const [id, entry] of [...this.pending]) {
            this.finish(id, entry);
            entry.reject(err);
        }
    }
    finish(actionId, entry) {
        clearTimeout(entry.timer);
        this.pending.delete(actionId);
    }
}
