import { describe, expect, it } from 'vitest';
import { ConsoleUsers, hashPassword, verifyPassword } from '../../../src/console/console-users.js';
describe('console users', () => {
    it('checks a password against its scrypt hash, with a fresh salt per hash', async () => {
        const a = await hashPassword('correct horse');
        const b = await hashPassword('correct horse');
        expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
        expect(a).not.toBe(b);
        expect(await verifyPassword('correct horse', a)).toBe(true);
        expect(await verifyPassword('correct horsE', a)).toBe(false);
    });
    it('signs in listed users only, and refuses a malformed file naming the problem', async () => {
        const users = ConsoleUsers.from({ users: [{ extension: '201', name: 'Anna', role: 'operator', passwordHash: await hashPassword('pw-201-ok') }] });
        expect((await users.check('201', 'pw-201-ok'))?.name).toBe('Anna');
        expect(await users.check('201', 'nope')).toBeNull();
        expect(await users.check('999', 'pw-201-ok')).toBeNull();
        expect(() => ConsoleUsers.from({ users: [{ extension: '201', name: 'A', role: 'boss', passwordHash: 'x' }] })).toThrow(/CONSOLE_USERS_FILE.*role/);
    });
});
