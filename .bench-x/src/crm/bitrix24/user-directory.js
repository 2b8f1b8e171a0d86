const PAGE_SIZE = 50;
const MISS_RELOAD_MIN_MS = 60_000;
function text(v) {
    return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}
/** `SIP/101` and `PJSIP/101` are written by hand in UF_PHONE_INNER too; we speak plain extensions. */
function cleanExtension(v) {
    return text(v).replace(/^(PJSIP|SIP|IAX2)\//i, '');
}
/**
 * Extension ↔ Bitrix24 user id, learnt from user.get (UF_PHONE_INNER of active users, all pages) and refreshed on an
 * interval. `overrides` (CrmDeps.users, the rules file: extension → user id) win over what the portal says.
 */
export class UserDirectory {
    client;
    deps;
    snapshot = null;
    loading = null;
    timer;
    constructor(client, deps) {
        this.client = client;
        this.deps = deps;
        this.timer = setInterval(() => { void this.reload().catch((err) => this.deps.log.warn({ err }, 'bitrix24 user refresh failed')); }, deps.refreshSec * 1000);
        this.timer.unref();
    }
    async userIdOf(extension) {
        if (!extension)
            return null;
        const override = this.deps.overrides[extension];
        if (override)
            return override;
        return (await this.lookup((s) => s.userByExtension.get(extension))) ?? null;
    }
    async extensionOf(userId) {
        const override = Object.entries(this.deps.overrides).find(([, id]) => id === userId);
        if (override)
            return override[0];
        return (await this.lookup((s) => s.extensionByUser.get(userId))) ?? null;
    }
    async nameOf(userId) {
        return (await this.lookup((s) => s.nameByUser.get(userId))) ?? null;
    }
    async isActive(userId) {
        return (await this.lookup((s) => (s.nameByUser.has(userId) ? true : undefined))) ?? false;
    }
    /** The active user with the lowest id (the portal's owner, as a rule): who gets calls nobody else can. */
    async firstUserId() {
        const ids = [...(this.snapshot ?? await this.reload()).nameByUser.keys()];
        return ids.sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))[0] ?? null;
    }
    /** Maps extensions to user ids, dropping the ones without a user. */
    async userIdsOf(extensions) {
        const ids = await Promise.all(extensions.map((e) => this.userIdOf(e)));
        return [...new Set(ids.filter((id) => id !== null))];
    }
    close() {
        clearInterval(this.timer);
    }
    /** Reads from the cache; on a miss, reloads once if the cache is older than a minute (a user just added). */
    async lookup(read) {
        const s = this.snapshot ?? await this.reload();
        const hit = read(s);
        if (hit !== undefined || Date.now() - s.loadedAtMs < MISS_RELOAD_MIN_MS)
            return hit;
        return read(await this.reload());
    }
    reload() {
        this.loading ??= this.fetchAll().finally(() => { this.loading = null; });
        return this.loading;
    }
    async fetchAll() {
        const filter = { FILTER: { ACTIVE: 'true' } };
        const first = await this.client.callPage('user.get', { ...filter, start: 0 });
        const total = first.total ?? first.result.length;
        const starts = [];
        for (let start = PAGE_SIZE; first.next !== null && start < total; start += PAGE_SIZE)
            starts.push(start);
        const rest = await Promise.all(starts.map((start) => this.client.call('user.get', { ...filter, start })));
        const snapshot = this.build([first.result, ...rest].flat());
        this.snapshot = snapshot;
        this.deps.log.debug({ users: snapshot.nameByUser.size, extensions: snapshot.userByExtension.size }, 'bitrix24 users loaded');
        return snapshot;
    }
    build(rows) {
        const userByExtension = new Map();
        const extensionByUser = new Map();
        const nameByUser = new Map();
        for (const row of Array.isArray(rows) ? rows : []) {
            const id = text(row.ID);
            if (!id)
                continue;
            nameByUser.set(id, [text(row.NAME), text(row.LAST_NAME)].filter(Boolean).join(' '));
            const ext = cleanExtension(row.UF_PHONE_INNER);
            if (!ext)
                continue;
            if (!userByExtension.has(ext))
                userByExtension.set(ext, id);
            extensionByUser.set(id, ext);
        }
        return { userByExtension, extensionByUser, nameByUser, loadedAtMs: Date.now() };
    }
}
