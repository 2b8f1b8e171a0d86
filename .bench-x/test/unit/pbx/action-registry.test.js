import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActionRegistry } from '../../../src/pbx/action-registry.js';
import { AmiActionError } from '../../../src/pbx/ami-client.js';
const res = (actionId, response, fields = {}) => ({ response, actionId, fields: { response, actionid: actionId, ...fields }, multi: {} });
const ev = (name, fields) => ({ name, fields, multi: {}, vars: {}, timeMs: 0 });
describe('ActionRegistry', () => {
    beforeEach(() => { vi.useFakeTimers(); });
    afterEach(() => { vi.useRealTimers(); });
    it('hands out unique ActionIDs without colons', () => {
        const registry = new ActionRegistry();
        const ids = new Set(Array.from({ length: 100 }, () => registry.nextId()));
        expect(ids.size).toBe(100);
        for (const id of ids)
            expect(id).not.toContain(':');
    });
    it('resolves an action on its response and ignores responses it does not own', async () => {
        const registry = new ActionRegistry();
        const id = registry.nextId();
        const result = registry.register(id, 'Ping', { timeoutMs: 1000, list: false });
        expect(registry.handleResponse(res('someone-else', 'Success'))).toBe(false);
        expect(registry.handleResponse(res(id, 'Success', { ping: 'Pong' }))).toBe(true);
        await expect(result).resolves.toMatchObject({ response: { fields: { ping: 'Pong' } }, events: [] });
        expect(registry.size).toBe(0);
    });
    it('rejects with kind timeout after the deadline and forgets the action', async () => {
        const registry = new ActionRegistry();
        const id = registry.nextId();
        const result = registry.register(id, 'Getvar', { timeoutMs: 500, list: false });
        const assertion = expect(result).rejects.toMatchObject({ kind: 'timeout' });
        await vi.advanceTimersByTimeAsync(500);
        await assertion;
        expect(registry.handleResponse(res(id, 'Success'))).toBe(false);
        expect(registry.timeouts).toBe(1);
    });
    it('gathers list items until EventList: Complete, leaving other events alone', async () => {
        const registry = new ActionRegistry();
        const id = registry.nextId();
        const result = registry.register(id, 'CoreShowChannels', { timeoutMs: 1000, list: true });
        registry.handleResponse(res(id, 'Success', { eventlist: 'start' }));
        expect(registry.handleEvent(ev('CoreShowChannel', { actionid: id, channel: 'a' }))).toBe(true);
        expect(registry.handleEvent(ev('Newchannel', { channel: 'x' }))).toBe(false);
        expect(registry.handleEvent(ev('CoreShowChannel', { actionid: id, channel: 'b' }))).toBe(true);
        expect(registry.handleEvent(ev('CoreShowChannelsComplete', { actionid: id, eventlist: 'Complete', listitems: '2' }))).toBe(true);
        const { events } = await result;
        expect(events.map((e) => e.fields['channel'])).toEqual(['a', 'b']);
    });
    it('does not claim OriginateResponse events of a plain action', async () => {
        const registry = new ActionRegistry();
        const id = registry.nextId();
        const result = registry.register(id, 'Originate', { timeoutMs: 1000, list: false });
        registry.handleResponse(res(id, 'Success', { message: 'Originate successfully queued' }));
        await result;
        expect(registry.handleEvent(ev('OriginateResponse', { actionid: id, response: 'Success' }))).toBe(false);
    });
    it('turns Response: Error into a rejected AmiActionError with Asterisk’s message', async () => {
        const registry = new ActionRegistry();
        const id = registry.nextId();
        const result = registry.register(id, 'Originate', { timeoutMs: 1000, list: false });
        registry.handleResponse(res(id, 'Error', { message: 'Extension does not exist.' }));
        await expect(result).rejects.toThrow(/Extension does not exist/);
        await expect(result).rejects.toMatchObject({ kind: 'rejected' });
    });
    it('fails every pending action at once when the connection is lost', async () => {
        const registry = new ActionRegistry();
        const a = registry.register(registry.nextId(), 'Ping', { timeoutMs: 1000, list: false });
        const b = registry.register(registry.nextId(), 'CoreShowChannels', { timeoutMs: 1000, list: true });
        registry.failAll(new AmiActionError('lost', 'disconnected'));
        await expect(a).rejects.toMatchObject({ kind: 'disconnected' });
        await expect(b).rejects.toMatchObject({ kind: 'disconnected' });
        expect(vi.getTimerCount()).toBe(0);
    });
});
