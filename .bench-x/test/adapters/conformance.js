import { randomInt, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from '../../src/errors.js';
function aPhone() {
    return `+7495${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}
function aStart(phone, extension, o = {}) {
    return {
        callId: `${Date.now() / 1000}.${randomUUID().slice(0, 6)}`, direction: 'inbound', phone, line: null,
        startedAtMs: Date.now() - 60_000, extension, entity: null, crmCallId: null, isCallback: false, showTo: [], ...o,
    };
}
function aFinish(start, extension) {
    return {
        extension, talkDurationSec: 42, disposition: 'answered', hangupCause: 16, endedAtMs: start.startedAtMs + 50_000,
        direction: start.direction, phone: start.phone, line: start.line, startedAtMs: start.startedAtMs,
        answeredAtMs: start.startedAtMs + 8000, recordingFile: null, recordingFiles: [],
    };
}
function expectNoSecret(err, secrets) {
    const text = err instanceof Error ? `${err.message} ${String(err.stack)} ${JSON.stringify(err)}` : String(err);
    for (const s of secrets)
        expect(text).not.toContain(s);
}
/** The one suite every CRM adapter must pass (STYLE §4). */
export function describeCrmAdapter(name, makeHarness) {
    describe(`CrmAdapter conformance: ${name}`, () => {
        let h;
        beforeEach(async () => { h = await makeHarness(); });
        afterEach(async () => { await h.close(); });
        const skipUnless = (ctx, fault) => {
            const reason = h.unsupported[fault];
            if (reason !== undefined)
                ctx.skip(`${name} cannot have fault ${fault}: ${reason}`);
        };
        const register = async (o = {}) => {
            const start = aStart(aPhone(), h.extensions[0], o);
            return { start, ref: await h.adapter.registerCall(start) };
        };
        it('finds nothing for an unknown number, then finds the contact it created', async () => {
            const phone = aPhone();
            expect(await h.adapter.findByPhone(phone)).toBeNull();
            const created = await h.adapter.createEntity({ kind: 'contact', phone, title: 'No name', responsibleExtension: h.extensions[0], contact: null, source: 'inbound' });
            const match = await h.adapter.findByPhone(phone);
            expect(match?.entity).toEqual(created);
        });
        it('registers a call once: the same call id gives the same ref and no second call', async () => {
            const { start, ref } = await register();
            expect(ref.callId).toBe(start.callId);
            expect(await h.adapter.registerCall(start)).toEqual(ref);
            expect(await h.countCalls(start.callId)).toBe(1);
        });
        it('finishes a call once, and a repeated finish is harmless', async () => {
            const { start, ref } = await register();
            await h.adapter.finishCall(ref, aFinish(start, h.extensions[0]));
            await h.adapter.finishCall(ref, aFinish(start, h.extensions[0]));
            expect(await h.countFinishes(start.callId)).toBe(1);
        });
        it('creates a call-back task once per call', async (ctx) => {
            const tasks = h.adapter.tasks;
            if (!tasks)
                return ctx.skip(`${name} has no tasks part`);
            const { start, ref } = await register();
            await h.adapter.finishCall(ref, { ...aFinish(start, h.extensions[0]), talkDurationSec: 0, disposition: 'missed', answeredAtMs: null });
            const phone = start.phone ?? aPhone();
            const task = { callId: start.callId, phone, responsibleExtension: h.extensions[0], entity: ref.entity, dueAtMs: Date.now() + 3_600_000, title: `Call back ${phone}` };
            await tasks.create(ref, task);
            await tasks.create(ref, task);
            expect(await h.countTasks(start.callId)).toBe(1);
        });
        it('registers and finishes a call from an anonymous caller (no number) once, unbound', async () => {
            const start = aStart(null, h.extensions[0]);
            const ref = await h.adapter.registerCall(start);
            expect(ref.entity).toBeNull();
            expect(await h.adapter.registerCall(start)).toEqual(ref);
            const missed = { ...aFinish(start, h.extensions[0]), talkDurationSec: 0, disposition: 'missed', answeredAtMs: null };
            await h.adapter.finishCall(ref, missed);
            await h.adapter.finishCall(ref, missed);
            expect(await h.countCalls(start.callId)).toBeLessThanOrEqual(1);
            expect(await h.countFinishes(start.callId)).toBeLessThanOrEqual(1);
        });
        it('attaches every recording of a call, in order, and a retry adds none', async (ctx) => {
            const recordings = h.adapter.recordings;
            if (!recordings)
                return ctx.skip(`${name} has no recordings part`);
            const { start, ref } = await register();
            const files = ['https://pbx.example.com/rec/first-leg.mp3', 'https://pbx.example.com/rec/second-leg.mp3'];
            await h.adapter.finishCall(ref, { ...aFinish(start, h.extensions[0]), recordingFile: files[0] ?? null, recordingFiles: files });
            await recordings.attach(ref, files);
            await recordings.attach(ref, files);
            if (h.recordingsHeld)
                expect(await h.recordingsHeld(start.callId)).toEqual(files);
        });
        it('attaches the recording of a call bound to its client; a retry after a failure leaves it once', async (ctx) => {
            const recordings = h.adapter.recordings;
            if (!recordings)
                return ctx.skip(`${name} has no recordings part`);
            const phone = aPhone();
            const entity = await h.adapter.createEntity({ kind: 'contact', phone, title: 'No name', responsibleExtension: h.extensions[0], contact: null, source: 'inbound' });
            const start = aStart(phone, h.extensions[0], { entity });
            const ref = await h.adapter.registerCall(start);
            const file = 'https://pbx.example.com/rec/only-leg.mp3';
            await h.adapter.finishCall(ref, aFinish(start, h.extensions[0]));
            if (h.unsupported['5xx'] === undefined) {
                await h.failNext('5xx');
                await expect(recordings.attach(ref, [file])).rejects.toBeInstanceOf(RetryableError);
                await h.recover();
            }
            await recordings.attach(ref, [file]);
            await recordings.attach(ref, [file]);
            if (h.recordingsHeld)
                expect(await h.recordingsHeld(start.callId)).toEqual([file]);
        });
        it('maps each operator\'s CRM user to the extension, and an unknown user to none', async () => {
            for (const extension of h.extensions) {
                const userId = h.userIds[extension];
                expect(userId, `harness names the CRM user of ${extension}`).toBeDefined();
                expect(await h.adapter.extensionOfUser(userId ?? '')).toBe(extension);
            }
            expect(await h.adapter.extensionOfUser('no-such-user-4711')).toBeNull();
        });
        it('takes a call with no known operator (and no default user set): registered, finished, its call-back task made', async (ctx) => {
            const { start, ref } = await register({ extension: null });
            await h.adapter.finishCall(ref, { ...aFinish(start, null), talkDurationSec: 0, disposition: 'missed', answeredAtMs: null });
            expect(await h.countCalls(start.callId)).toBe(1);
            expect(await h.countFinishes(start.callId)).toBe(1);
            if (!h.adapter.tasks)
                return ctx.skip(`${name} has no tasks part`);
            await h.adapter.tasks.create(ref, { callId: start.callId, phone: start.phone ?? aPhone(), responsibleExtension: null, entity: ref.entity, dueAtMs: Date.now() + 3_600_000, title: `Call back ${start.phone}` });
            expect(await h.countTasks(start.callId)).toBe(1);
        });
        it('shows and hides the call card', async (ctx) => {
            const card = h.adapter.card;
            if (!card)
                return ctx.skip(`${name} has no card part`);
            const { ref } = await register();
            await card.show(ref, [...h.extensions]);
            if (h.cardsShown)
                expect([...(await h.cardsShown(ref.callId))].sort()).toEqual([...h.extensions].sort());
            await card.hide(ref, [h.extensions[1]]);
            await card.hide(ref, [h.extensions[1]]);
            if (h.cardsShown)
                expect(await h.cardsShown(ref.callId)).toEqual([h.extensions[0]]);
        });
        it('shows the card to showTo as it registers the call, and a retried registration changes nothing', async (ctx) => {
            const card = h.adapter.card;
            if (!card)
                return ctx.skip(`${name} has no card part`);
            const { start, ref } = await register({ showTo: [...h.extensions] });
            if (h.cardsShown)
                expect([...(await h.cardsShown(ref.callId))].sort()).toEqual([...h.extensions].sort());
            expect(await h.adapter.registerCall(start)).toEqual(ref);
            expect(await h.countCalls(start.callId)).toBe(1);
            if (h.cardsShown)
                expect([...(await h.cardsShown(ref.callId))].sort()).toEqual([...h.extensions].sort());
            await card.hide(ref, [h.extensions[1]]);
            if (h.cardsShown)
                expect(await h.cardsShown(ref.callId)).toEqual([h.extensions[0]]);
        });
        it('makes the responsible of a call the owner of its client', async (ctx) => {
            const responsible = h.adapter.responsible;
            if (!responsible)
                return ctx.skip(`${name} has no responsible part`);
            const phone = aPhone();
            const entity = await h.adapter.createEntity({ kind: 'contact', phone, title: 'No name', responsibleExtension: h.extensions[0], contact: null, source: 'inbound' });
            const ref = await h.adapter.registerCall(aStart(phone, h.extensions[0], { entity }));
            await responsible.set(ref, h.extensions[1]);
            expect((await responsible.find(phone))?.extension).toBe(h.extensions[1]);
        });
        it('fails with PermanentError on bad credentials, naming no secret', async (ctx) => {
            skipUnless(ctx, 'bad-credentials');
            await h.breakCredentials();
            const err = await h.adapter.findByPhone(aPhone()).catch((e) => e);
            expect(err).toBeInstanceOf(PermanentError);
            expectNoSecret(err, h.secrets);
            await h.recover();
        });
        it.for(['5xx', 'rate-limit'])('fails with RetryableError on %s, naming no secret, then works again', async (kind, ctx) => {
            skipUnless(ctx, kind);
            const { start, ref } = await register();
            await h.failNext(kind);
            const err = await h.adapter.finishCall(ref, aFinish(start, h.extensions[0])).catch((e) => e);
            expect(err).toBeInstanceOf(RetryableError);
            expectNoSecret(err, h.secrets);
            await h.recover();
            await h.adapter.finishCall(ref, aFinish(start, h.extensions[0]));
            expect(await h.countFinishes(start.callId)).toBe(1);
        });
    });
}
