import { consoleEntry } from '../console/console-card.js';
import { ConsoleEventHub } from '../console/console-event-hub.js';
import { consolePlugin } from '../console/console-plugin.js';
import { ConsoleUsers } from '../console/console-users.js';
import { crmLinkFor } from '../console/crm-link.js';
import { JournalMissedCalls } from '../console/missed-calls.js';
import { DialGuard } from '../http/dial-guard.js';
import { dialPolicy } from './call-control.js';
import { trackerCallsKey } from '../ingest/tracker-store.js';
import { connectRedis } from '../net/redis-client.js';
import { watchRedisConnection } from '../net/redis-connection-log.js';
/** `statePrefixes`: where each of the tenant's PBXs keeps its tracker state (the prefix itself without a deployment file). */
export function consoleKeys(prefix, statePrefixes = [prefix]) {
    return { stream: `${prefix}:console:events`, current: `${prefix}:console:current`, trackerCalls: statePrefixes.map(trackerCallsKey) };
}
/** What the tracker writes for the console: every call event appended to the card stream with the state. */
export function consoleEventStream(config) {
    if (!config.console.usersFile)
        return undefined;
    const keys = consoleKeys(config.redis.prefix);
    return { key: keys.stream, currentKey: keys.current, maxLen: config.console.eventsMax, keepMs: config.console.eventsKeepMs, entry: consoleEntry };
}
/** The operator console, when CONSOLE_USERS_FILE is set: reads the users file (before anything connects), then the stream. */
export async function buildConsoleSide(config, redis, log, statePrefixes) {
    const file = config.console.usersFile;
    if (!file)
        return null;
    const users = await ConsoleUsers.load(file);
    const keys = consoleKeys(config.redis.prefix, statePrefixes);
    const reader = connectRedis(config.redis.connection, { maxRetriesPerRequest: null }); // the stream's blocking reads
    watchRedisConnection(reader, 'console', log.child({ component: 'redis' }));
    const hub = new ConsoleEventHub(reader, keys.stream, log.child({ component: 'console' }));
    await hub.start();
    let pages = 0;
    const consoleExtensions = users.extensions().filter((e) => /^\d{1,9}$/.test(e));
    const guard = new DialGuard(dialPolicy(config), [...Object.keys(config.users), ...consoleExtensions]);
    return {
        hub,
        openPages: () => pages,
        plugin: ({ crm, journal, originator, reports, traces }) => consolePlugin({
            redis, prefix: config.redis.prefix, users, hub, keys, journal, reports, traces, missed: new JournalMissedCalls(journal, redis, config.redis.prefix),
            crm, crmLink: crmLinkFor(crm), dial: { guard, originator }, recordings: config.recordings, defaultCountry: config.numbers.defaultCountry,
            sessionTtlMs: config.console.sessionTtlMs, trustProxy: config.console.trustProxy, loginMaxPerMinute: config.console.loginMaxPerMinute,
            log, onPage: (d) => { pages += d; },
        }),
        stop: () => hub.stop(),
    };
}
