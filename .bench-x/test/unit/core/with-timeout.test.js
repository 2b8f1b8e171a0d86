import { afterEach, describe, expect, it, vi } from 'vitest';
import { withTimeout } from '../../../src/timeout.js';
describe('withTimeout', () => {
    afterEach(() => { vi.useRealTimers(); });
    it('gives the promise its result and leaves no timer behind', async () => {
        vi.useFakeTimers();
        await expect(withTimeout(Promise.resolve(7), 1000, () => 'late')).resolves.toBe(7);
        expect(vi.getTimerCount()).toBe(0);
    });
    it('passes the promise\'s rejection through and clears the timer', async () => {
        vi.useFakeTimers();
        await expect(withTimeout(Promise.reject(new Error('boom')), 1000, () => 'late')).rejects.toThrow('boom');
        expect(vi.getTimerCount()).toBe(0);
    });
    it('answers with onTimeout once the time has passed; a later result is dropped', async () => {
        vi.useFakeTimers();
        let finish = () => undefined;
        const slow = new Promise((resolve) => { finish = resolve; });
        const raced = withTimeout(slow, 500, () => 'timed out');
        await vi.advanceTimersByTimeAsync(500);
        await expect(raced).resolves.toBe('timed out');
        finish(1);
        expect(vi.getTimerCount()).toBe(0);
    });
    it('rejects with what onTimeout throws', async () => {
        vi.useFakeTimers();
        const raced = withTimeout(new Promise(() => undefined), 10, () => { throw new Error('deadline'); });
        const caught = raced.catch((err) => err);
        await vi.advanceTimersByTimeAsync(10);
        expect(await caught).toEqual(new Error('deadline'));
    });
});
