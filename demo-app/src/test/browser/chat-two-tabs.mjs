// Two browser tabs join the demo's chat and talk to each other, through Debian's Chromium
// (playwright-core drives it; no browser download). Usage: node chat-two-tabs.mjs <base-url> [screenshot.png]
import { chromium } from 'playwright-core';
const base = process.argv[2] || 'http://localhost:8080/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const context = await browser.newContext({ viewport: { width: 720, height: 520 } });
const alice = await context.newPage();
const bob = await context.newPage();
for (const [page, name] of [[alice, 'Alice'], [bob, 'Bob']]) {
  await page.goto(base);
  await page.fill('#name', name);
  await page.click('#join button');
  await page.waitForSelector('#status.online', { timeout: 15000 });
}
await alice.fill('#text', 'Hi Bob, this is Alice');
await alice.press('#text', 'Enter');
await bob.waitForSelector('text=Hi Bob, this is Alice');
await bob.fill('#text', 'Hello Alice!');
await bob.press('#text', 'Enter');
await alice.waitForSelector('text=Hello Alice!');
await alice.screenshot({ path: process.argv[3] || 'alice.png' });
const bobSees = await bob.locator('#log').innerText();
console.log('bob sees:\n' + bobSees);
if (!bobSees.includes('Alice: Hi Bob, this is Alice') && !bobSees.includes('Alice:Hi Bob, this is Alice')) {
  throw new Error('Bob did not get Alice\'s message');
}
await browser.close();
