/**
 * Child process of bench/ingest.ts: the AMI side, on its own core. Builds the load stream (bench/load-frames.ts),
 * serves it with the project's replay server (speed 0 = as fast as the client reads, looping with fresh ids every
 * round) and tells the parent `{ port, framesPerRound }` over IPC. Exits when the parent disconnects.
 * Run by the parent with: node --import tsx bench/ami-load-server.ts <calls> <fixture.ami>...
 */
import { startAmiReplayServer } from '../src/demo/ami-replay-server.js';
import { buildLoadFrames } from './load-frames.js';

export const LOAD_USER = 'bench';
export const LOAD_SECRET = 'bench-secret';

export interface LoadServerReady {
  readonly port: number;
  readonly framesPerRound: number;
}

async function main(): Promise<void> {
  const [callsArg, ...paths] = process.argv.slice(2);
  const calls = Number(callsArg);
  if (!Number.isInteger(calls) || calls < 1 || paths.length === 0) throw new Error('usage: ami-load-server.ts <calls> <fixture.ami>...');
  const frames = await buildLoadFrames(paths, calls);
  const server = await startAmiReplayServer({
    username: LOAD_USER, secret: LOAD_SECRET, transcripts: [{ frames }], speed: 0, loop: true, remapIds: true,
  });
  const ready: LoadServerReady = { port: server.port, framesPerRound: frames.length };
  process.send?.(ready);
  process.on('disconnect', () => { void server.close().finally(() => process.exit(0)); });
}

if (process.send) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
