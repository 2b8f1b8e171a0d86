import { Writable } from 'node:stream';
import { onTestFinished } from 'vitest';
import { startAmiReplayServer } from '../../harness/ami/ami-replay-server.js';
import { createLogger } from '../../src/log.js';
import { AmiConnection } from '../../src/pbx/ami-connection.js';
import { FIXTURES_DIR } from './read-transcript.js';
export const TEST_AMI_USER = 'crm';
export const TEST_AMI_SECRET = 'S3cr3t-ami-Pa55word';
/** Path of a shared AMI fixture, e.g. `inbound-answered.ami`. */
export function amiFixture(name) {
    return FIXTURES_DIR + name;
}
/** Starts a replay server with the test credentials; it is closed when the test finishes. */
export async function startTestAmiServer(overrides = {}) {
    const server = await startAmiReplayServer({
        username: TEST_AMI_USER, secret: TEST_AMI_SECRET, transcripts: [], authFailDelayMs: 50, ...overrides,
    });
    onTestFinished(() => server.close());
    return server;
}
/** AMI options for a server, with short timings for tests. */
export function testAmiOptions(server, overrides = {}) {
    return {
        host: '127.0.0.1', port: server.port, username: TEST_AMI_USER, secret: TEST_AMI_SECRET,
        actionTimeoutMs: 1000, pingIntervalMs: 10_000, reconnectMinMs: 50, reconnectMaxMs: 400, ...overrides,
    };
}
/** Starts an AmiConnection that is closed when the test finishes. */
export function startTestAmiConnection(options, log) {
    const ami = AmiConnection.start(options, log);
    onTestFinished(() => ami.close());
    return ami;
}
/** A pino logger (same as production, with secret scrubbing off) writing JSON lines into memory. */
export function memoryLogger(level = 'trace') {
    const chunks = [];
    const sink = new Writable({ write(chunk, _enc, done) { chunks.push(chunk.toString()); done(); } });
    const log = createLogger(level, [], sink);
    return { log, lines: () => chunks.join('').split('\n').filter((l) => l.length > 0) };
}
