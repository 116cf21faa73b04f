// Two browser tabs join one room of the demo's chat page and talk to each other, while a third
// tab in another room hears nothing of it, through Debian's Chromium (playwright-core drives it;
// no browser download). Usage: node chat-two-tabs.mjs <base-url> [screenshot.png]
import { chromium } from 'playwright-core';
const base = process.argv[2] || 'http://localhost:8080/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const room = 'tabs-' + Date.now().toString(36);
const context = await browser.newContext({ viewport: { width: 720, height: 520 } });

async function join(name, roomName) {
  const page = await context.newPage();
  await page.goto(base);
  await page.fill('#room', roomName);
  await page.fill('#name', name);
  await page.click('#join button');
  await page.waitForSelector('#status.online', { timeout: 15000 });
  await page.waitForSelector(`#log li.notice:has-text("You joined #${roomName} as ${name}")`);
  return page;
}

async function say(page, line) {
  await page.fill('#text', line);
  await page.press('#text', 'Enter');
}

const alice = await join('Alice', room);
const bob = await join('Bob', room);
await alice.waitForSelector('#log li.notice:has-text("Bob joined")');
await alice.waitForSelector('#members:has-text("2 members")');
const carol = await join('Carol', room + '-other');

await say(alice, 'Hi Bob, this is Alice');
await bob.waitForSelector('#log li:has-text("Hi Bob, this is Alice")');
await say(bob, 'Hello Alice!');
await alice.waitForSelector('#log li:has-text("Hello Alice!")');
// Said in the other room after both lines: had a line of Alice's room reached Carol, it came first.
await say(carol, 'Anyone here?');
await carol.waitForSelector('#log li:has-text("Anyone here?")');
await alice.screenshot({ path: process.argv[3] || 'alice.png' });

const bobSees = await bob.locator('#log').innerText();
const carolSees = await carol.locator('#log').innerText();
console.log('bob sees:\n' + bobSees + '\ncarol sees:\n' + carolSees);
if (!bobSees.includes('Alice: Hi Bob, this is Alice') && !bobSees.includes('Alice:Hi Bob, this is Alice')) {
  throw new Error('Bob did not get Alice\'s message');
}
if (carolSees.includes('Hi Bob') || carolSees.includes('Hello Alice')) {
  throw new Error('Carol, in another room, got a line of Alice\'s room');
}

await bob.click('#leave');
await alice.waitForSelector('#log li.notice:has-text("Bob left")');
await alice.waitForSelector('#members:has-text("1 member")');
await browser.close();
