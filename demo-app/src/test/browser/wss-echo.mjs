// A Chromium tab exchanges text and binary messages with the demo's /echo over wss://,
// trusting exactly the key of the server's certificate (no certificate error is ignored
// otherwise). The demo runs with TLS on its WebSocket port; the page itself is the demo's
// plain HTTP page, whose host the server admits as an origin.
// Usage: node wss-echo.mjs <base-url> <wss-port> <certificate.pem>
import { readFileSync } from 'node:fs';
import { X509Certificate, createHash } from 'node:crypto';
import { chromium } from 'playwright-core';

const [base, port, certificate] = process.argv.slice(2);
if (!base || !port || !certificate) {
  throw new Error('Usage: node wss-echo.mjs <base-url> <wss-port> <certificate.pem>');
}
const spki = new X509Certificate(readFileSync(certificate)).publicKey.export({ type: 'spki', format: 'der' });
const pin = createHash('sha256').update(spki).digest('base64');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--ignore-certificate-errors-spki-list=' + pin] });
const page = await (await browser.newContext()).newPage();
await page.goto(base);

const outcome = await page.evaluate(async (wssPort) => {
  const url = `wss://${location.hostname}:${wssPort}/echo`;
  const texts = ['hello over wss', 'é – ünïcödé ✓', 'x'.repeat(70000)];
  const binary = [0, 1, 2, 253, 254, 255];
  return await new Promise((resolve) => {
    const seen = [];
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    const timer = setTimeout(() => resolve({ seen, error: 'timed out' }), 20000);
    socket.onopen = () => {
      texts.forEach((text) => socket.send(text));
      socket.send(new Uint8Array(binary));
    };
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') {
        seen.push(event.data === texts[seen.length] ? 'text ok' : 'text WRONG');
      }
      else {
        seen.push('binary ' + Array.from(new Uint8Array(event.data)).join(','));
      }
      if (seen.length === texts.length + 1) {
        socket.close(1000, 'done');
      }
    };
    socket.onclose = (event) => {
      clearTimeout(timer);
      resolve({ seen, code: event.code, clean: event.wasClean });
    };
  });
}, port);
console.log('wss echo: ' + JSON.stringify(outcome));
await browser.close();
const expected = ['text ok', 'text ok', 'text ok', 'binary 0,1,2,253,254,255'];
if (JSON.stringify(outcome.seen) !== JSON.stringify(expected) || outcome.code !== 1000 || !outcome.clean) {
  throw new Error('Expected every message back and a clean close 1000, but got ' + JSON.stringify(outcome));
}
