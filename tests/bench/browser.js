#!/usr/bin/env node
// tests/bench/browser.sh's driver: opens the page (BUILD/web/index.html) in headless Chromium,
// chooses FILE in its file input and prints, as JSON, how long the page took from the choice to
// the table shown (ms) and how long each run of a tool inside it took (performance.measure).
//   node tests/bench/browser.js BUILD FILE
'use strict';
const path = require('path');
const puppeteer = require(path.resolve(__dirname, '../browser/node_modules/puppeteer-core'));

(async () => {
  const [build, file] = process.argv.slice(2).map((arg) => path.resolve(arg));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    protocolTimeout: 1800000,
  });
  try {
    const page = await browser.newPage();
    await page.goto(`file://${path.join(build, 'web/index.html')}`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]');
    const input = await page.$('#file');
    const started = Date.now();
    await input.uploadFile(file);
    await page.waitForFunction(() => Number(document.body.dataset.runs || 0) > 0, { timeout: 1800000, polling: 100 });
    const total = Date.now() - started;
    const failed = await page.$eval('#alert', (element) => (element.hidden ? '' : element.textContent));
    const runs = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => [m.name, Math.round(m.duration)]));
    console.log(JSON.stringify({ total, runs, failed }));
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(String(error && error.stack || error).slice(0, 2000));
  process.exit(1);
});
