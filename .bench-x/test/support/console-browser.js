import { chromium } from 'playwright-core';
import { consoleUser } from './console-users.js';
/** Debian's Chromium, never a downloaded build (.ci/run installs it with apt-get when missing). */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export function launchChromium() {
    return chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync'],
    });
}
/** Runs in the page before its own scripts: keeps every `pcb:card` detail (browser code, as text: the project's lib has no DOM). */
export const DRAWN_RECORDER = "window.__drawn = []; document.addEventListener('pcb:card', (e) => { window.__drawn.push(e.detail); });";
/** A fresh browser context (own cookies, language) signed in through the form, keyboard only. */
export async function signedInPage(browser, baseUrl, extension, options = {}) {
    const context = await browser.newContext({
        locale: options.locale ?? 'en-US', viewport: { width: options.width ?? 1100, height: 800 },
    });
    const page = await context.newPage();
    await page.addInitScript({ content: DRAWN_RECORDER });
    await page.goto(`${baseUrl}/console`);
    // the form shows once the page has asked for its session (and listens for the submit)
    await page.locator('#login-ext').waitFor({ state: 'visible' });
    await page.locator('#login-ext').focus();
    await page.keyboard.type(extension);
    await page.keyboard.press('Tab');
    await page.keyboard.type(consoleUser(extension).password);
    await page.keyboard.press('Enter');
    await page.locator('#signout').waitFor({ state: 'visible' });
    await page.locator('#status:not(.down)').waitFor({ state: 'visible' });
    return {
        context, page,
        drawn: () => page.evaluate('window.__drawn'),
    };
}
