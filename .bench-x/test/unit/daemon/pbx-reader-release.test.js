import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../harness/poll.js';
import { PbxReader } from '../../../src/daemon/pbx-reader.js';
import { silentLogger } from '../../../src/log.js';
const TRACKER_OPTIONS = { defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: [], trunkContextPatterns: [] };
/** A lease the test drives by hand: it records the reader's events. */
class HandLease {
    events = null;
    isHeld = false;
    stopped = false;
    start(events) { this.events = events; return Promise.resolve(); }
    stop() { this.stopped = true; return Promise.resolve(); }
}
function rig() {
    const steps = [];
    const began = [];
    let listeners = 0;
    const ami = {
        state: 'disconnected',
        action: () => Promise.reject(new Error('not connected')),
        onEvent: () => { listeners += 1; return () => { listeners -= 1; steps.push('unsubscribed'); }; },
        onConnected: () => () => undefined,
        onDisconnected: () => () => undefined,
        close: () => Promise.resolve(),
        connect: () => { steps.push('connect'); },
        disconnect: () => { steps.push('disconnect'); return Promise.resolve(); },
    };
    const writer = {
        load: () => Promise.resolve(null),
        begin: (tracker) => { began.push(tracker); steps.push('begin'); },
        push: () => true,
        end: async ({ save }) => {
            steps.push(`end:${String(save)}:listeners=${listeners}`);
            await new Promise((resolve) => setImmediate(resolve)); // a save that takes a moment
            steps.push('saved');
        },
    };
    const lease = new HandLease();
    const reader = new PbxReader({
        ami, writer, lease, redis: {}, instanceId: 'a', leaseKey: 'unused', leaseTtlMs: 1000,
        trackerOptions: TRACKER_OPTIONS, timings: { resyncEveryMs: 60_000, staleAfterMs: 60_000 }, log: silentLogger(),
    });
    return { reader, lease, steps, began };
}
function eventsOf(lease) {
    if (!lease.events)
        throw new Error('the reader did not start its lease');
    return lease.events;
}
describe('PbxReader with a lease handed in (LeaseBalancer)', () => {
    it('uses the given lease instead of building a RedisLease', () => {
        const { reader, lease } = rig();
        reader.start();
        expect(lease.events).not.toBeNull();
        expect(typeof lease.events?.release).toBe('function');
    });
    it('on release stops ingest, saves the state, disconnects AMI, and only then resolves', async () => {
        const { reader, lease, steps } = rig();
        reader.start();
        const events = eventsOf(lease);
        events.acquired();
        await waitFor(() => reader.isActive, { what: 'the reader to start reading', timeoutMs: 2000 });
        expect(steps).toEqual(['begin', 'connect']);
        const release = events.release;
        if (!release)
            throw new Error('no release event');
        await release();
        expect(steps).toEqual(['begin', 'connect', 'unsubscribed', 'end:true:listeners=0', 'saved', 'disconnect']);
        expect(reader.isActive).toBe(false);
    });
    it('after a release, taking the lease again loads the saved state instead of keeping its own tracker', async () => {
        const { reader, lease, began } = rig();
        reader.start();
        const events = eventsOf(lease);
        events.acquired();
        await waitFor(() => reader.isActive, { what: 'the reader to start reading', timeoutMs: 2000 });
        await events.release?.();
        events.acquired();
        await waitFor(() => reader.isActive, { what: 'the reader to read again', timeoutMs: 2000 });
        expect(began).toHaveLength(2);
        expect(began[1]).not.toBe(began[0]);
    });
    it('a release while not reading resolves at once and saves nothing', async () => {
        const { reader, lease, steps } = rig();
        reader.start();
        await eventsOf(lease).release?.();
        expect(steps).toEqual([]);
    });
    it('lost still drops the unsaved events (save: false), and stop() saves and stops the lease', async () => {
        const { reader, lease, steps } = rig();
        reader.start();
        const events = eventsOf(lease);
        events.acquired();
        await waitFor(() => reader.isActive, { what: 'the reader to start reading', timeoutMs: 2000 });
        events.lost();
        await waitFor(() => steps.includes('disconnect'), { what: 'the reader to stop', timeoutMs: 2000 });
        expect(steps).toContain('end:false:listeners=0');
        events.acquired();
        await waitFor(() => reader.isActive, { what: 'the reader to read again', timeoutMs: 2000 });
        await reader.stop();
        expect(steps.at(-3)).toBe('end:true:listeners=0');
        expect(lease.stopped).toBe(true);
    });
});
