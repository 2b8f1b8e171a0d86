import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
const UsersFileSchema = z.object({
    users: z.array(z.object({
        extension: z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/, 'letters, digits, _ . - (the sign-in name; an operator\'s is the phone extension)'),
        name: z.string().min(1).max(200),
        role: z.enum(['operator', 'supervisor']),
        passwordHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'is not a hash from npm run console:hash-password'),
    })),
});
/** scrypt cost: N=2^15, r=8, p=1 (about 32 MB and a few tens of ms per check). */
const COST = { N: 1 << 15, r: 8, p: 1 };
const KEY_BYTES = 32;
function derive(password, salt, o) {
    const options = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r };
    return new Promise((resolve, reject) => {
        scrypt(password, salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
    });
}
/** `scrypt$N$r$p$salt$key` (base64 parts). */
export async function hashPassword(password) {
    const salt = randomBytes(16);
    const key = await derive(password, salt, COST);
    return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}
export async function verifyPassword(password, hash) {
    const [kind, n, r, p, salt, key] = hash.split('$');
    if (kind !== 'scrypt' || !salt || !key)
        return false;
    const expected = Buffer.from(key, 'base64');
    const got = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
    return got.length === expected.length && timingSafeEqual(got, expected);
}
/** A hash to check unknown extensions against, so a wrong extension takes as long as a wrong password. */
const DUMMY_HASH = `scrypt$${COST.N}$${COST.r}$${COST.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_BYTES).toString('base64')}`;
/** The console's users, read once from CONSOLE_USERS_FILE. */
export class ConsoleUsers {
    byExtension;
    constructor(byExtension) {
        this.byExtension = byExtension;
    }
    static async load(path) {
        let raw;
        try {
            raw = JSON.parse(await readFile(path, 'utf8'));
        }
        catch (err) {
            throw new Error(`CONSOLE_USERS_FILE: cannot read ${path} as JSON (${err.message.split('\n')[0] ?? ''})`, { cause: err });
        }
        return ConsoleUsers.from(raw, path);
    }
    static from(raw, source = 'users') {
        const r = UsersFileSchema.safeParse(raw);
        if (!r.success) {
            throw new Error(`CONSOLE_USERS_FILE ${source}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        }
        const map = new Map();
        for (const u of r.data.users) {
            if (map.has(u.extension))
                throw new Error(`CONSOLE_USERS_FILE ${source}: extension ${u.extension} is listed twice`);
            map.set(u.extension, u);
        }
        return new ConsoleUsers(map);
    }
    get(extension) {
        return this.byExtension.get(extension) ?? null;
    }
    /** The user when the password is theirs; the same work is done for an unknown extension. */
    async check(extension, password) {
        const user = this.byExtension.get(extension);
        const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
        return user && ok ? user : null;
    }
    /** Display name of an extension (a user's name, else the extension itself). */
    nameOf(extension) {
        return this.byExtension.get(extension)?.name ?? extension;
    }
    extensions() {
        return [...this.byExtension.keys()];
    }
    names() {
        return Object.fromEntries([...this.byExtension.values()].map((u) => [u.extension, u.name]));
    }
}
