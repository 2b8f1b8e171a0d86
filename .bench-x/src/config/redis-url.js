/** Redis databases are numbered 0…(databases − 1); Redis itself refuses `databases` beyond this. */
const MAX_DB = 2 ** 31 - 1;
/** `redis://[user:pass@]host[:port][/db]` or `rediss://…`; the db, when given (path or `?db=`), is a whole number. */
export function redisUrlProblem(url) {
    if (!/^rediss?:\/\//i.test(url))
        return 'must start with redis:// or rediss://, e.g. redis://127.0.0.1:6379/0';
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return 'is not a valid URL; use redis://host:port/db';
    }
    if (!parsed.hostname)
        return 'has no host; use redis://host:port/db';
    const path = parsed.pathname;
    if (path !== '' && path !== '/' && !/^\/\d{1,10}$/.test(path))
        return 'the part after the host must be a database number (redis://host:port/0)';
    const query = parsed.searchParams.get('db');
    if (query !== null && !/^\d{1,10}$/.test(query))
        return 'db= must be a database number';
    if (redisDatabase(url) > MAX_DB)
        return 'the database number is out of range';
    return null;
}
/** The database a (valid) REDIS_URL selects: the path's number, else `?db=`, else 0 (as ioredis reads it). */
export function redisDatabase(url) {
    const parsed = new URL(url);
    const path = parsed.pathname.replace(/^\//, '');
    const raw = path !== '' ? path : parsed.searchParams.get('db') ?? '0';
    return Number(raw);
}
