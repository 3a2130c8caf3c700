#!/usr/bin/env node
// The page (build/wasm/web) in a real browser: headless Chromium, driven by puppeteer-core, opens
// it from file:// with every request that is not a file of the page failed and counted, chooses
// examples/cohort.csv in the file input, and checks that the tiers shown are those the
// WebAssembly risk-check gives on the command line (tests/wasm proves those equal the native
// tool's); that the summary's counts agree; that a bad file shows the tool's own message and no
// table; that one plan prints (HTML to PDF) and downloads as Word; and that Welsh changes the
// words of the page and the actions, not the tiers; that axe-core finds no WCAG 2.2 A or AA
// violation in five of the page's states, the plan shown to print included; and that Tab reaches
// every control and Space chooses a learner. Any console error or page error fails it (a
// Content-Security-Policy violation is one).
//   node tests/browser/page-test.js BUILD_DIR [--screenshot FILE]
// Exit 77 (skipped) without chromium or puppeteer-core (scripts/setup --wasm installs both).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const build = path.resolve(process.argv[2] || 'build/wasm');
const screenshotAt = process.argv.indexOf('--screenshot');
const screenshot = screenshotAt > 0 ? path.resolve(process.argv[screenshotAt + 1]) : null;
const source = path.resolve(__dirname, '../..');
const cohort = path.join(source, 'examples/cohort.csv');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

let puppeteer;
try {
  puppeteer = require('puppeteer-core');
} catch {
  console.log('skipped: no puppeteer-core (scripts/setup --wasm runs npm ci in tests/browser)');
  process.exit(77);
}
if (!fs.existsSync(chromium)) {
  console.log(`skipped: no ${chromium} (apt-get install chromium)`);
  process.exit(77);
}
const pageUrl = `file://${path.join(build, 'web/index.html')}`;
if (!fs.existsSync(path.join(build, 'web/index.html'))) {
  console.error(`no page at ${pageUrl}: cmake --build --preset wasm`);
  process.exit(1);
}

const problems = [];
function check(ok, what) {
  if (!ok) problems.push(what);
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
}

// What the WebAssembly risk-check says on the command line, learner by learner.
function reference(lang, file = cohort) {
  const out = execFileSync(path.join(build, 'node-bin/risk-check'),
                           [file, '--format', 'json', '--lang', lang], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  return JSON.parse(out.toString());
}

// Only the page's own files may be asked for; anything else (http, https, ws, ...) is failed.
async function guard(page, name) {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('file://')) {
      request.continue();
    } else {
      problems.push(`${name}: a request that is not a file of the page: ${url.slice(0, 200)}`);
      request.abort();
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`${name}: console ${message.type()}: ${message.text().slice(0, 500)}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`${name}: page error: ${String(error.message).slice(0, 500)}`));
}

// An automated WCAG 2.2 A and AA audit (axe-core, from tests/browser/package-lock.json) of what the
// page shows now, frames included: each violation fails the test, named by rule and element. It
// finds what a machine can (names, labels, contrast, structure, ARIA), not all that a screen
// reader user meets; the page's keyboard path is checked on its own (tabStops).
const axeSource = (() => {
  try {
    return fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  } catch {
    return null;
  }
})();
async function audit(page, what) {
  if (!axeSource) {
    check(false, `${what}: axe-core is installed (npm ci in tests/browser)`);
    return;
  }
  // Each frame on its own (the plan shown to print is one): axe's messages between frames do not
  // pass between documents opened from file://.
  const violations = [];
  for (const frame of page.frames()) {
    if (frame.url() === 'about:blank') continue;  // the preview before any document is shown
    await frame.evaluate(axeSource);  // through the debugger, not a script tag the policy would refuse
    violations.push(...await frame.evaluate(async () => {
      const results = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        iframes: false,
        preload: false,  // axe would fetch page.css again, which the page's own policy forbids
      });
      return results.violations.map((violation) =>
        `${violation.id} (${violation.impact}) at ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
    }));
  }
  check(violations.length === 0, `${what}: no WCAG 2.2 A or AA violation axe-core can find${violations.length ? `: ${violations.join('; ')}` : ''}`);
}

// The controls the Tab key reaches, in order, from the page's first link (skip to the page): the
// first 300 stops.
async function tabStops(page) {
  await page.focus('a.skip');
  const stops = ['skip'];
  for (let i = 0; i < 300; i += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      return element.id || (element.type === 'checkbox' ? 'a learner\'s checkbox' : element.tagName.toLowerCase());
    });
    if (stop === null || stop === stops[0]) break;  // round the page and back to the start
    stops.push(stop);
  }
  return stops;
}

// Does what starts a run of the tools, and waits for the page to finish it.
async function waitForRun(page, action) {
  const before = await page.$eval('body', (body) => Number(body.dataset.runs || 0));
  await action();
  await page.waitForFunction((count) => Number(document.body.dataset.runs || 0) > count, { timeout: 300000 }, before);
}

// Every learner the table shows, every page of it: id -> {tier, actions}.
async function shownLearners(page) {
  await page.select('#tier-filter', 'all');
  const shown = new Map();
  for (;;) {
    const rows = await page.$$eval('#learners tbody tr', (trs) => trs.map((tr) => ({
      id: tr.dataset.id, tier: tr.dataset.tier, tierText: tr.cells[4].textContent, actions: tr.cells[6].textContent,
    })));
    for (const row of rows) shown.set(row.id, row);
    if (await page.$eval('#next', (button) => button.disabled)) break;
    await page.click('#next');
  }
  return shown;
}

(async () => {
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-page-'));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-domain-reliability', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await guard(page, 'page');
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pageUrl, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
    const untranslated = await page.evaluate(() => {
      const english = Object.keys(window.waymarkText.en);
      return Object.entries(window.waymarkText).flatMap(([lang, words]) =>
        english.filter((key) => !(key in words)).map((key) => `${lang}: ${key}`));
    });
    check(untranslated.length === 0, `every word of the page is in every language (${untranslated.join(', ')})`);
    await audit(page, 'the page as it opens');

    // A bad file: the tool's own message, exit status 65, and no table.
    const bad = path.join(downloads, 'bad.csv');
    fs.writeFileSync(bad, 'id,attendance_pct\nX1,140\n');
    await waitForRun(page, async () => (await page.$('#file')).uploadFile(bad));
    const alert = await page.$eval('#alert', (element) => (element.hidden ? '' : element.textContent));
    check(/risk-check/.test(alert) && /65/.test(alert) && /bad\.csv:2/.test(alert),
          `a bad file shows risk-check's own message and exit status 65 (${alert.replace(/\s+/g, ' ').slice(0, 160)})`);
    check(await page.$eval('#learners-section', (element) => element.hidden), 'a bad file shows no learners');
    await audit(page, 'the page showing a tool\'s error');

    // examples/cohort.csv: the tiers shown are the tool's, learner for learner.
    let started = Date.now();
    await waitForRun(page, async () => (await page.$('#file')).uploadFile(cohort));
    const scoredIn = Date.now() - started;
    check(await page.$eval('#alert', (element) => element.hidden), 'examples/cohort.csv is scored without an error');
    const expected = reference('en');
    const shown = await shownLearners(page);
    check(shown.size === expected.length, `the table shows every learner (${shown.size} of ${expected.length})`);
    const wrong = expected.filter((record) => !shown.has(record.id) || shown.get(record.id).tier !== record.tier);
    check(wrong.length === 0, `every learner's tier is risk-check's (${wrong.length} differ${wrong.length ? `: ${wrong[0].id}` : ''})`);
    const counts = { universal: 0, targeted: 0, intensive: 0 };
    for (const record of expected) counts[record.tier] += 1;
    const allRow = await page.$eval('#summary tbody tr', (tr) => [...tr.cells].map((cell) => cell.textContent));
    check(allRow[1] === String(expected.length) && allRow[2] === String(counts.universal) &&
          allRow[3] === String(counts.targeted) && allRow[4] === String(counts.intensive),
          `the summary's counts are the tool's (${allRow.join(' | ')})`);
    const groups = await page.$$eval('#summary tbody tr', (trs) => trs.length);
    check(groups > 1, `the summary is by year group (${groups} rows)`);
    console.log(`scored ${expected.length} learners in the page in ${scoredIn} ms`);
    await audit(page, 'the page showing the summary and the learners');

    // From the keyboard alone: every control is reached with Tab, and Space chooses a learner.
    await page.select('#tier-filter', 'targeted,intensive');  // back to the first of the table's pages
    const stops = await tabStops(page);
    const wanted = ['lang', 'file', 'group-by', 'tier-filter', 'search', 'a learner\'s checkbox', 'next',
                    'choose-shown', 'kind', 'plans-html', 'contracts-html', 'plans-docx', 'contracts-docx'];
    const unreached = wanted.filter((stop) => !stops.includes(stop));
    check(unreached.length === 0, `Tab reaches every control (${unreached.length ? `not ${unreached.join(', ')}` : `${stops.length} stops`})`);
    await page.focus('#learners tbody tr input[type=checkbox]');
    await page.keyboard.press('Space');
    check((await page.$eval('#chosen', (element) => element.textContent)).includes('1'), 'Space on a learner\'s checkbox chooses them');
    await page.click('#clear-chosen');

    // A workbook (.xlsx, its table below a title): the same tiers, in the same order, as the tool's.
    const workbook = path.join(source, 'tests/inputs/mis-export.xlsx');
    await waitForRun(page, async () => (await page.$('#file')).uploadFile(workbook));
    check(await page.$eval('#alert', (element) => element.hidden), 'an .xlsx workbook is scored without an error');
    const workbookTiers = [...(await shownLearners(page)).values()].map((row) => row.tier).join(' ');
    const workbookExpected = reference('en', workbook).map((record) => record.tier).join(' ');
    check(workbookTiers === workbookExpected, `the workbook's tiers are the tool's (${workbookTiers})`);
    const warned = await page.$eval('#messages', (pre) => pre.textContent);
    check(/reading the first of 2 sheets/.test(warned), 'the tool\'s warnings about the workbook are shown');
    await waitForRun(page, async () => (await page.$('#file')).uploadFile(cohort));
    if (screenshot) {  // the README's: the cohort as scored, before any document is made
      const filter = await page.$eval('#tier-filter', (select) => select.value);
      await page.select('#tier-filter', 'targeted,intensive');
      await page.screenshot({ path: screenshot, clip: { x: 0, y: 0, width: 1280, height: 1100 } });
      await page.select('#tier-filter', filter);
    }

    // One plan, printed: the HTML the page shows to print, as a PDF.
    const learner = expected.find((record) => record.tier === 'intensive');
    await page.type('#search', learner.id);
    await page.click(`#learners tbody tr[data-id="${learner.id}"] input[type=checkbox]`);
    check((await page.$eval('#chosen', (element) => element.textContent)).includes('1'), 'one learner chosen');
    await waitForRun(page, () => page.click('#plans-html'));
    const plan = await page.$eval('#preview', (frame) => frame.srcdoc);
    check(plan.startsWith('<!DOCTYPE html>') && plan.includes(learner.given_name) && plan.includes('@media print'),
          `the plan of ${learner.id} is shown to print, with its print stylesheet`);
    const frame = await (await page.$('#preview')).contentFrame();
    const heading = frame ? await frame.$eval('h1', (h1) => h1.textContent) : '';
    check(heading.includes(learner.given_name), `the plan shows in the page (${heading})`);
    await audit(page, 'the page showing a plan to print');
    const printed = await browser.newPage();
    await guard(printed, 'print');
    await printed.setContent(plan, { waitUntil: 'load' });
    const pdf = await printed.pdf({ format: 'A4' });
    check(Buffer.from(pdf).subarray(0, 5).toString() === '%PDF-' && pdf.length > 5000, `the plan prints to PDF (${pdf.length} bytes)`);
    await printed.close();

    // The same plan as Word, downloaded: a zip (PK) of the document's parts.
    const session = await page.createCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.click('#plans-docx');
    const docx = path.join(downloads, 'plans.docx');
    for (let waited = 0; waited < 60000 && !fs.existsSync(docx); waited += 200) await new Promise((r) => setTimeout(r, 200));
    const bytes = fs.existsSync(docx) ? fs.readFileSync(docx) : Buffer.alloc(0);
    check(bytes.subarray(0, 2).toString() === 'PK' && bytes.includes(Buffer.from('word/document.xml')),
          `the plan downloads as Word (${bytes.length} bytes)`);

    await page.$eval('#search', (input) => { input.value = ''; input.dispatchEvent(new Event('input')); });

    // Welsh: the page's words and the actions' titles change, the tiers do not.
    const englishActions = shown.get(learner.id).actions;
    started = Date.now();
    await waitForRun(page, () => page.select('#lang', 'cy'));
    check(await page.$eval('#alert', (element) => element.hidden), 'Welsh is scored without an error');
    const title = await page.$eval('h1', (h1) => h1.textContent);
    check(title.includes('cymorth'), `the page speaks Welsh (${title})`);
    const welsh = await shownLearners(page);
    const welshExpected = reference('cy');
    const welshWrong = welshExpected.filter((record) => !welsh.has(record.id) || welsh.get(record.id).tier !== record.tier);
    check(welshWrong.length === 0 && welsh.size === welshExpected.length, 'in Welsh every learner keeps the tool\'s tier');
    const welshActions = welsh.get(learner.id).actions;
    const wantedTitle = welshExpected.find((record) => record.id === learner.id).recommended_actions[0].title;
    check(welshActions !== englishActions && welshActions.includes(wantedTitle),
          `the actions are the tool's Welsh titles (${welshActions.slice(0, 80)})`);
    check(welsh.get(learner.id).tierText === 'dwys', `the tier is named in Welsh (${welsh.get(learner.id).tierText})`);
    await audit(page, 'the page in Welsh');
  } finally {
    await browser.close();
    fs.rmSync(downloads, { recursive: true, force: true });
  }
  for (const problem of problems) console.error(`problem: ${problem}`);
  process.exit(problems.length ? 1 : 0);
})().catch((error) => {
  console.error(`page test failed: ${String(error && error.stack || error).slice(0, 2000)}`);
  process.exit(1);
});
