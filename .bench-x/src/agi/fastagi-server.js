import { createServer } from 'node:net';
import { AgiSession } from './agi-session.js';
const DIGITS = /^\d{1,9}$/;
/** The caller: `agi_arg_1` when the dialplan passes one (`AGI(agi://…/route,${CALLERID(num)})`), else `agi_callerid`. */
function callerOf(env) {
    const arg = env['arg_1'];
    if (arg !== undefined && arg !== '')
        return arg;
    return env['callerid'] ?? '';
}
/** The line: `agi_arg_2` (`AGI(agi://…/route,${CALLERID(num)},${DID})`), else the dialled number `agi_dnid`. */
function didOf(env) {
    const did = env['arg_2'] || env['dnid'] || '';
    return did === '' || did === 'unknown' ? null : did;
}
/** The channel variables of one answer, in the order they are set (values: no quote or CR/LF can occur in them). */
function variablesOf(found, dialSeconds) {
    const extension = found.extension !== null && DIGITS.test(found.extension) ? found.extension : '';
    return [
        ['ROUTE_EXTENSION', extension], ['ROUTE_DIAL_SECONDS', String(dialSeconds)], ['ROUTE_SOURCE', found.source],
        ['ROUTE_CALLER_NAME', found.callerName ?? ''], ['ROUTE_OPEN', found.open ? '1' : '0'],
        ['ROUTE_GOTO_CONTEXT', found.destination?.context ?? ''], ['ROUTE_GOTO_EXTEN', found.destination?.exten ?? ''],
        ['ROUTE_RULE', found.rule ?? ''],
    ];
}
/**
 * FastAGI for PBXs without func_curl (MikoPBX): `AGI(agi://127.0.0.1:4573/route,<caller>,<DID>)` sets the channel
 * variables ROUTE_EXTENSION (digits, or empty when nobody should be rung), ROUTE_DIAL_SECONDS, ROUTE_SOURCE,
 * ROUTE_CALLER_NAME, ROUTE_OPEN (1/0), ROUTE_GOTO_CONTEXT + ROUTE_GOTO_EXTEN (a destination, or empty) and
 * ROUTE_RULE, then hangs up the AGI connection so the dialplan continues.
 */
export async function startFastAgiServer(deps) {
    const log = deps.log.child({ component: 'fastagi' });
    const sockets = new Set();
    const server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        void serve(socket, deps, log);
    });
    server.maxConnections = deps.maxConnections ?? 256;
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(deps.port, deps.host, () => { server.off('error', reject); resolve(); });
    });
    const port = server.address().port;
    log.info({ host: deps.host, port }, 'FastAGI server listening');
    return {
        port,
        close: () => new Promise((resolve) => {
            for (const s of sockets)
                s.destroy();
            server.close(() => resolve());
        }),
    };
}
async function serve(socket, deps, log) {
    const ioTimeoutMs = deps.ioTimeoutMs ?? 5000;
    const startedAt = performance.now();
    const session = new AgiSession(socket);
    let asked = false;
    try {
        const env = await session.readEnvironment(ioTimeoutMs);
        if (!env) {
            log.warn('FastAGI peer sent no agi_* environment in time; closing');
            return;
        }
        asked = true;
        const router = deps.routerFor ? deps.routerFor(env['network_script'] ?? '') : deps.router;
        if (!router) {
            log.warn({ script: (env['network_script'] ?? '').slice(0, 80) }, 'FastAGI script names no tenant of this deployment (agi://host:port/<tenant>/route); closing');
            return;
        }
        const found = await router.lookup(callerOf(env), didOf(env));
        for (const [name, value] of variablesOf(found, deps.dialSeconds)) {
            const reply = await session.command(`SET VARIABLE ${name} "${value.replace(/["\\\r\n]/g, '')}"`, ioTimeoutMs);
            if (!reply?.startsWith('200')) {
                log.warn({ variable: name }, 'FastAGI SET VARIABLE was not acknowledged; closing');
                return;
            }
        }
        log.debug({ uniqueid: env['uniqueid'], source: found.source, routed: found.extension !== null, open: found.open }, 'FastAGI route answered');
    }
    catch (err) {
        log.warn({ err }, 'FastAGI session failed');
    }
    finally {
        session.close();
        if (asked)
            deps.onAnswered?.(performance.now() - startedAt);
    }
}
