/**
 * The --html page in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): it
 * opens offline with no console error and no request, shows the graph and the violation. Screenshots go to
 * test-results/. Without chromium: skipped with a message locally, a failure in CI.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import negotiateCommand from '../../src/cli/commands/negotiate.js';
import { renderHtml } from '../../src/cli/render.js';
import { fakeIo } from './fake-io.js';
import { notNegotiated, violation } from './results.js';

const CHROMIUM = '/usr/bin/chromium';
const ci = process.env.CI === 'true' || process.env.CI === '1';
const available = existsSync(CHROMIUM);
const outDir = resolve('test-results');

/** Debian's chromium, headless and offline, with a fresh profile and none of its background traffic */
function launch(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    offline: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new page that records console errors and warnings, page errors and any request but `url` itself */
async function watchedPage(context: BrowserContext, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`request: ${r.url()}`);
  });
  return { page, problems };
}

if (!available && !ci) console.warn(`spec/cli/html.spec.ts: SKIPPED: ${CHROMIUM} not found (apt-get install chromium; .ci/run does)`);

describe.runIf(!available && ci)('chromium in CI', () => {
  it('is installed', () => {
    expect.fail(`${CHROMIUM} is missing: .ci/run must install the chromium package`);
  });
});

describe.runIf(available)('the --html page in headless Chromium', () => {
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'capsflow-chromium-'));
    context = await launch(profile);
  });

  afterAll(async () => {
    await context?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  });

  async function open(name: string, html: string) {
    const file = join(outDir, `${name}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const { page, problems } = await watchedPage(context, url);
    const response = await page.goto(url, { waitUntil: 'load' });
    return { page, problems, response, file };
  }

  it('shows the graph and the violation, with no console error and no request', async () => {
    const { page, problems } = await open('html-violation', await renderHtml(violation, { pipeline: 'v4l2src ! queue ! videoflip method=rotate-180 ! waylandsink' }));
    const svg = page.locator('.pipeline-graph svg');
    await expect(svg.count()).resolves.toBe(1);
    const svgText = await svg.textContent();
    for (const e of violation.elements) expect(svgText).toContain(e.name);
    const box = await svg.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    const row = page.locator('table.violations tbody tr');
    await expect(row.count()).resolves.toBe(1);
    expect(await row.textContent()).toContain('maps-protected-memory');
    expect(await row.textContent()).toContain('videoflip0');
    expect(await page.locator('h1').textContent()).toContain('negotiated, 1 policy violation(s)');
    for (const caption of ['Pads and caps', 'Allocation', 'Memory probes', 'Importers']) {
      await expect(page.locator('caption', { hasText: caption }).count()).resolves.toBe(1);
    }
    await page.screenshot({ path: join(outDir, 'html-violation.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a failed negotiation shows the failing element and the conflict', async () => {
    const { page, problems } = await open('html-not-negotiated', await renderHtml(notNegotiated));
    expect(await page.locator('.pipeline-graph svg').textContent()).toContain('FAILED: not-negotiated');
    expect(await page.locator('p.conflict').textContent()).toBe('format: RGBA (capsfilter0) vs NV12 (capsfilter1) at capsfilter1.sink');
    await page.screenshot({ path: join(outDir, 'html-not-negotiated.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe.runIf(available)('the --html page of a real run in headless Chromium', () => {
  it('capsflow negotiate --memory v4l2src0=sealed-memfd --html: graph and violation shown, no console error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capsflow-html-'));
    const profile = mkdtempSync(join(tmpdir(), 'capsflow-chromium-'));
    const context = await launch(profile);
    try {
      const io = fakeIo({ cwd: dir });
      const pipeline = 'v4l2src ! queue ! videoflip method=rotate-180 ! waylandsink';
      expect(await negotiateCommand(['--memory', 'v4l2src0=sealed-memfd', '--html', 'report.html', pipeline], io)).toBe(1);
      const url = pathToFileURL(join(dir, 'report.html')).href;
      const { page, problems } = await watchedPage(context, url);
      await page.goto(url, { waitUntil: 'load' });
      const svgText = (await page.locator('.pipeline-graph svg').textContent()) ?? '';
      for (const name of ['v4l2src0', 'queue0', 'videoflip0', 'waylandsink0']) expect(svgText).toContain(name);
      expect(svgText).toContain('VIOLATION: rejects-dmabuf');
      expect(await page.locator('table.violations tbody tr').textContent()).toContain('videoflip0');
      await page.screenshot({ path: join(outDir, 'html-real-violation.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
