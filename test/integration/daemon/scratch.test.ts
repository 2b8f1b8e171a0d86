import { it } from 'vitest';
import { freePort } from '../../../src/demo/private-redis.js';
import { amiFixture, startTestAmiServer, waitUntil } from '../../support/ami-replay.js';
import { startTestDaemon } from '../../support/test-daemon.js';

it('scratch', async () => {
  const names = ['inbound-answered', 'inbound-missed', 'inbound-queue', 'outbound', 'blind-transfer', 'recorded-call'];
  const port = await freePort();
  const t0 = Date.now();
  const d = await startTestDaemon({ amiPort: port });
  await waitUntil(() => d.reader.isActive, 'reader');
  const server = await startTestAmiServer({ port, transcripts: names.map((n) => amiFixture(`${n}.ami`)) });
  let n = 0;
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline) {
    const r = await d.get('/v1/calls');
    n = (r.body as { items: unknown[] }).items.length;
    if (n >= 6) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  console.log('took', Date.now() - t0, n);
  console.log(JSON.stringify((await d.get('/v1/calls')).body));
  const c = (await d.get('/v1/contacts?phone=%2B74951234567')).body;
  console.log(JSON.stringify(c));
  const e = (c as any).items[0].entity;
  console.log(JSON.stringify(await d.localCrm().history(e)));
  console.log(JSON.stringify((await d.get('/v1/contacts?phone=84951112233')).body));
  void server;
});
