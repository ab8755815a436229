/**
 * A person's first look: GraphiQL in headless Chromium (Debian's package, driven by playwright-core) opens with the
 * example query, names the upstream in its title, loads no asset from the network, and runs the query.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { DISCOVERY_QUERY } from '../../src/server/example-query.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { assertPresent, skipWhenMissing } from '../helpers/skips.js';

const CHROMIUM = '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? undefined : `no ${CHROMIUM} (install Debian's chromium package)`;
let h: Harness;
let browser: Browser | undefined;

before(async () => {
  h = await startHarness({ defaultQuery: true });
  if (!missing) {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }
});
after(async () => {
  await browser?.close();
  await h.close();
});

describe('when GraphiQL is opened in a browser', () => {
  it('then it shows the discovery query, runs it, and fetches nothing from outside', { timeout: 90_000, skip: skipWhenMissing(missing) }, async () => {
    assertPresent(missing);
    const page = await browser!.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('http://127.0.0.1') && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(h.url, { waitUntil: 'load' });
    assert.match(await page.title(), /upstream: test sandbox/);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.replace(/\u00a0/g, ' ').includes('query ActiveSessionsEverywhere'), null, { timeout: 30_000 });
    const expected = (await h.query(DISCOVERY_QUERY)).data.sessions.edges[0].node.sessionId as string;
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('sessionId'), null, { timeout: 30_000 });
    const response = ((await page.locator('.graphiql-response').textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.ok(!response.includes('"errors"'), response.slice(0, 500));
    assert.ok(response.includes(expected), 'the first active session is shown');
    assert.deepEqual(foreign, []);
  });
});
