/** The benchmark's open pages: Node EventSource clients and real Chromium pages, each reporting when a ringing card arrives. */
import { chromium } from 'playwright-core';
import { ConsoleSseClient } from '../ami/console-sse-client.js';
/** A Node client of /console/api/events; `onRing` gets the first ringing card of each call, with the time it arrived. */
export function nodePage(baseUrl, cookie, onRing) {
    let ready = () => undefined;
    const opened = new Promise((resolve) => { ready = resolve; });
    const client = new ConsoleSseClient({
        url: `${baseUrl}/console/api/events`, cookie,
        onMessage: (m) => {
            if (m.event === 'snapshot') {
                ready();
                return;
            }
            if (m.event !== 'card')
                return;
            const { card, view } = JSON.parse(m.data);
            if (view === 'ringing')
                onRing(card.callId, Date.now());
        },
    });
    return { ready: opened, close: async () => client.drop() };
}
export function launchBenchChromium() {
    return chromium.launch({
        executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync'],
    });
}
/** A real console page signed in by its cookie; reports the time the card was drawn (live.js's `pcb:card`, after the DOM change). */
export async function chromiumPage(browser, baseUrl, sessionId, onRing) {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'pcb_console', value: sessionId, url: `${baseUrl}/console`, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    await page.exposeFunction('pcbBenchRing', (callId, atMs) => onRing(callId, atMs));
    await page.addInitScript({
        content: "document.addEventListener('pcb:card', (e) => { if (e.detail.view === 'ringing') window.pcbBenchRing(e.detail.callId, e.detail.atMs); });",
    });
    await page.goto(`${baseUrl}/console`);
    const ready = page.locator('#status:not(.down)').waitFor({ state: 'visible' });
    return { ready, close: () => context.close() };
}
