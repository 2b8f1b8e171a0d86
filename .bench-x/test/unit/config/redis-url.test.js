import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
import { redisDatabase } from '../../../src/config/redis-url.js';
const MINIMAL = { AMI_USERNAME: 'crm', AMI_SECRET: 'crm-secret-1', API_TOKEN: 'a-long-enough-token-123' };
function problemsOf(url) {
    try {
        loadConfig({ ...MINIMAL, REDIS_URL: url });
        return [];
    }
    catch (err) {
        if (err instanceof ConfigError)
            return err.problems;
        throw err;
    }
}
describe('REDIS_URL', () => {
    it.each([
        'redis://127.0.0.1:6379', 'redis://127.0.0.1:6379/', 'redis://127.0.0.1:6379/0', 'redis://redis:6379/15',
        'rediss://user:p%40ss@cache.example.org:6380/2', 'redis://:secret@127.0.0.1/3', 'redis://[::1]:6379/1', 'redis://h:6379?db=4',
    ])('accepts %s', (url) => {
        expect(problemsOf(url)).toEqual([]);
    });
    it.each([
        'http://127.0.0.1:6379', '127.0.0.1:6379', 'redis://', 'redis://127.0.0.1:6379/abc', 'redis://127.0.0.1:6379/-1',
        'redis://127.0.0.1:6379/1/2', 'redis://127.0.0.1:6379/1.5', 'redis://127.0.0.1:6379?db=x', 'redis://127.0.0.1:99999/0',
        'redis://127.0.0.1:6379/99999999999',
    ])('refuses %s with a problem naming REDIS_URL', (url) => {
        const problems = problemsOf(url);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^REDIS_URL: /);
    });
    it('reads the database as ioredis does: the path, else ?db=, else 0', () => {
        expect(redisDatabase('redis://h:6379/7')).toBe(7);
        expect(redisDatabase('redis://h:6379/7?db=3')).toBe(7);
        expect(redisDatabase('redis://h:6379?db=3')).toBe(3);
        expect(redisDatabase('redis://h:6379/')).toBe(0);
    });
});
