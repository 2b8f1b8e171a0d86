import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../src/console/console-users.js';
/** The operators of the pjsip fixtures (their caller ids), and a supervisor with no phone. */
export const CONSOLE_TEST_USERS = [
    { extension: '201', name: 'Anna Smirnova', role: 'operator', password: 'anna-pass-201' },
    { extension: '202', name: 'Boris Ivanov', role: 'operator', password: 'boris-pass-202' },
    { extension: '203', name: 'Vera Petrova', role: 'operator', password: 'vera-pass-203' },
    { extension: 'chief', name: 'Sofia Lebedeva', role: 'supervisor', password: 'sofia-pass-chief' },
];
let cached = null;
/** A users file for these users (hashed once per test file); returns its path. */
export function consoleUsersFile(users = CONSOLE_TEST_USERS) {
    if (users === CONSOLE_TEST_USERS && cached)
        return cached;
    const made = (async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pcb-console-'));
        const path = join(dir, 'users.json');
        const list = await Promise.all(users.map(async (u) => ({
            extension: u.extension, name: u.name, role: u.role, passwordHash: await hashPassword(u.password),
        })));
        writeFileSync(path, JSON.stringify({ users: list }));
        return path;
    })();
    if (users === CONSOLE_TEST_USERS)
        cached = made;
    return made;
}
export function consoleUser(extension) {
    const u = CONSOLE_TEST_USERS.find((x) => x.extension === extension);
    if (!u)
        throw new Error(`no test console user ${extension}`);
    return u;
}
