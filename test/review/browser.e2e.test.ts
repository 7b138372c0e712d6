import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { minitf, REPO, removeDir, shown } from '../e2e/helpers.js';
import { launch, noBrowser } from './browser.js';
import { buildReview, renderHtml } from '../../src/review/index.js';
import { largePlan, schemas, SECRET as FIXTURE_SECRET } from './fixture.js';

/** Screenshots the tests keep (git-ignored); README's is refreshed with MINITF_UPDATE_SCREENSHOT=1. */
export const ARTIFACTS = join(REPO, 'test-artifacts');
export const README_SCREENSHOT = join(REPO, 'docs', 'images', 'plan-review.png');

const SECRET = 'Sup3r-S3cret-42';
const MAIN = `
variable "password" {
  type      = string
  sensitive = true
}
variable "release" {
  type    = string
  default = "v1"
}
resource "terraform_data" "db" {
  input = { password = var.password, size = 10 }
}
resource "terraform_data" "web" {
  count            = 3
  input            = "web-\${count.index}"
  triggers_replace = var.release
}
resource "terraform_data" "svc" {
  for_each = toset(["api", "worker"])
  input    = "\${each.key}-\${terraform_data.db.id}"
}
resource "terraform_data" "extra" {
  count = var.release == "v1" ? 0 : 2
  input = "extra-\${count.index}"
}
module "app" {
  source = "./app"
  name   = "app-\${var.release}"
}
output "db_password" {
  value     = var.password
  sensitive = true
}
output "release" {
  value = var.release
}
`;
const APP = 'variable "name" {\n  type = string\n}\nresource "terraform_data" "site" {\n  input = var.name\n}\n';

const why = noBrowser();
if (why) console.warn(`[skipped] the plan review browser tests: ${why}`);

describe.skipIf(why !== undefined)('show -html in headless Chromium', () => {
  let dir = '';
  let browser: Browser;
  let page: Page;
  let html = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'minitf-review-browser-'));
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'main.tf'), MAIN);
    writeFileSync(join(dir, 'app', 'main.tf'), APP);
    let r = await minitf(dir, ['apply', '-auto-approve', `-var=password=${SECRET}`]);
    expect(r.code, shown(r)).toBe(0);
    // Every kind of change: update in place (db, module.app…site), replace (web[*]), create (extra[*]), destroy (svc["worker"]).
    writeFileSync(join(dir, 'main.tf'), MAIN.replace('size = 10', 'size = 20').replace('"api", "worker"', '"api"'));
    r = await minitf(dir, ['plan', `-var=password=${SECRET}`, '-var=release=v2', '-out=tfplan']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Plan: 5 to add, 2 to change, 4 to destroy.');
    r = await minitf(dir, ['show', '-html', 'tfplan']);
    expect(r.code, shown(r)).toBe(0);
    html = r.stdout;
    writeFileSync(join(dir, 'plan.html'), html);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on('request', (q) => requests.push(q.url()));
    await page.goto(pathToFileURL(join(dir, 'plan.html')).href);
    await page.waitForSelector('body[data-ready=true]');
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) removeDir(dir);
  });

  const rows = () => page.locator('#list .row');

  test('the file and the page never hold the sensitive value', async () => {
    expect(html).not.toContain(SECRET);
    expect(html).toContain('(sensitive value)');
    await page.click('#expand-all');
    expect(await page.locator('#list pre').count()).toBe(8);
    expect(await page.content()).not.toContain(SECRET);
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('Sup3r');
    await page.click('#collapse-all');
  });

  test('the summary counts match the plan', async () => {
    await expect.poll(() => page.textContent('#summary')).toBe('Plan: 5 to add, 2 to change, 4 to destroy.');
    const counts = await page.locator('header .count').allInnerTexts();
    expect(counts.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['+ 2 to create', '~ 2 to update in-place', '-/+ 3 to replace', '- 1 to destroy']);
    expect(await rows().count()).toBe(8);
    expect(await page.textContent('#status')).toBe('Showing all 8 changes.');
    // Grouped by module: the root module's changes, then module.app's.
    expect(await page.locator('#list .group .mod').allInnerTexts()).toEqual(['root module', 'module.app']);
  });

  test('a resource expands to the terminal renderer\'s diff, by mouse and by keyboard', async () => {
    const toggle = page.locator('button.toggle', { hasText: 'terraform_data.db' });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    const text = await page.locator('#list .row', { has: toggle }).locator('pre').innerText();
    const terminal = await minitf(dir, ['show', 'tfplan']);
    const block = /  # terraform_data\.db will be updated in-place\n[\s\S]*?\n    }\n/.exec(terminal.stdout)![0];
    expect(text.trimEnd()).toBe(block.trimEnd());
    expect(text).toContain('~ size     = 10 -> 20');
    await toggle.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
  });

  test('filters by action and by text, and both at once', async () => {
    await page.click('button.chip[data-action=replace]');
    expect(await rows().count()).toBe(3);
    expect(await page.textContent('#status')).toBe('Showing 3 of 8 changes.');
    await page.click('button.chip[data-action=delete]');
    expect(await rows().count()).toBe(4);
    await page.fill('#search', 'worker');
    expect(await page.locator('#list .addr').allInnerTexts()).toEqual(['terraform_data.svc["worker"]']);
    await page.click('button.chip[data-action=replace]');
    await page.click('button.chip[data-action=delete]');
    await page.fill('#search', 'site');
    expect(await page.locator('#list .addr').allInnerTexts()).toEqual(['module.app.terraform_data.site']);
    // Words match the diff text too.
    await page.fill('#search', '"web-1"');
    expect(await page.locator('#list .addr').allInnerTexts()).toEqual(['terraform_data.web[1]']);
    await page.press('#search', 'Escape');
    expect(await rows().count()).toBe(8);
  });

  test('the graph colours resources by action and a node filters the list', async () => {
    expect(await page.locator('#graph-box g.node.act-replace').getAttribute('data-id')).toBe('terraform_data.web');
    expect(await page.locator('#graph-box g.node.act-update').count()).toBe(2);
    await page.locator('#graph-box g.node[data-id="terraform_data.web"]').click();
    expect(await rows().count()).toBe(3);
    await page.click('#node-filter button');
    expect(await rows().count()).toBe(8);
  });

  test('light and dark colours follow prefers-color-scheme; a screenshot is kept', async () => {
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await bg()).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await bg()).toBe('rgb(13, 17, 23)');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('button.toggle', { hasText: 'terraform_data.web[0]' }).click();
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'plan-review.png');
    await page.screenshot({ path: file, fullPage: false });
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    if (process.env.MINITF_UPDATE_SCREENSHOT === '1') copyFileSync(file, README_SCREENSHOT);
  });
});

describe.skipIf(why !== undefined)('a 5,000-change page in headless Chromium', () => {
  test('draws the list in chunks as it scrolls, and filters over every change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minitf-review-large-'));
    const file = join(dir, 'plan.html');
    const html = renderHtml(buildReview(largePlan(5_000), { schemas }));
    expect(html).not.toContain(FIXTURE_SECRET);
    writeFileSync(file, html);
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-ready=true]');
      expect(await page.textContent('#status')).toBe('Showing all 5000 changes.');
      const drawn = () => page.locator('#list .row').count();
      expect(await drawn()).toBe(200);
      await page.locator('#list .more').scrollIntoViewIfNeeded();
      await expect.poll(drawn).toBe(400);
      // The last change is found by the search although it was never drawn.
      await page.fill('#search', 'r49[4999]');
      expect(await page.locator('#list .addr').allInnerTexts()).toEqual(['module.m9.x_box.r49[4999]']);
      await page.fill('#search', '');
      await page.click('button.chip[data-action=replace]');
      expect(await page.textContent('#status')).toBe('Showing 715 of 5000 changes.');
    } finally {
      await browser.close();
      removeDir(dir);
    }
  }, 120_000);
});
