// A Chromium tab signs in to the demo's /private endpoint from the chat page: a token from
// /api/token, carried as the subprotocol "bearer.<token>" next to "demo.v1", which the server
// selects. Without a token, or with one lacking the role /admin needs, the browser gets no
// connection. Through Debian's Chromium (playwright-core drives it; no browser download).
// Usage: node private-carrier.mjs <base-url> [screenshot.png]
import { chromium } from 'playwright-core';
const base = process.argv[2] || 'http://localhost:8080/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await (await browser.newContext({ viewport: { width: 720, height: 520 } })).newPage();
await page.goto(base);

await page.fill('#private-user', 'Dana');
await page.click('#private button');
await page.waitForSelector('#private-status.online', { timeout: 15000 });
const status = await page.locator('#private-status').innerText();
console.log('private panel: ' + status);
if (status !== 'signed in as Dana (demo.v1)') {
  throw new Error('Expected to be signed in as Dana with demo.v1, but the panel says: ' + status);
}
await page.screenshot({ path: process.argv[3] || 'private.png' });

// What the browser's own WebSocket makes of the refusals: no connection, code 1006.
const refused = await page.evaluate(async () => {
  const info = await (await fetch('/ws-info')).json();
  const url = (path) => `ws://${location.hostname}:${info.port}${path}`;
  const attempt = (path, protocols) => new Promise((resolve) => {
    const socket = new WebSocket(url(path), protocols);
    socket.onopen = () => { resolve('opened'); socket.close(); };
    socket.onclose = (event) => resolve(event.code);
  });
  const token = await (await fetch('/api/token?user=Eve')).text();
  return {
    noToken: await attempt('/private', ['demo.v1']),
    noRole: await attempt('/admin', ['demo.v1', 'bearer.' + token]),
    admin: await attempt('/admin', ['demo.v1', 'bearer.' + await (await fetch('/api/token?user=Ann&role=ADMIN')).text()])
  };
});
console.log('refusals: ' + JSON.stringify(refused));
if (refused.noToken !== 1006 || refused.noRole !== 1006 || refused.admin !== 'opened') {
  throw new Error('Unexpected outcome: ' + JSON.stringify(refused));
}
await browser.close();
