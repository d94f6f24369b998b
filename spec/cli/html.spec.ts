/**
 * The --html page in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core, a fixed
 * 1280×800 window): it opens offline with no console error and no request; for every `capsflow negotiate`
 * example of the README (and a 12-element chain) the graph shows every element, and its text, measured in
 * the rendered page after the page's first view (fit to the width), is readable. Screenshots go to
 * test-results/. Without chromium: skipped with a message locally, a failure in CI.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import negotiateCommand from '../../src/cli/commands/negotiate.js';
import { renderHtml } from '../../src/cli/render.js';
import { shellWords } from '../../src/negotiation/launch/launchv.js';
import { negotiate } from '../../src/negotiation/index.js';
import { chromiumAvailable, chromiumGuard, graphView, launch, watchedPage } from './chromium.js';
import { fakeIo } from './fake-io.js';
import { notNegotiated, violation } from './results.js';

const ROOT = resolve(import.meta.dirname, '../..');
const outDir = resolve('test-results');
/** the smallest text height, in CSS pixels, the graph may show in its first view */
const READABLE_PX = 10;

chromiumGuard('spec/cli/html.spec.ts');

/**
 * The README's `npx capsflow negotiate …` examples as argv words (shell quotes removed, "$NAME" from the
 * README's last `$ NAME='…'` line before the example, `| head` and comments dropped; --compare left out: it
 * runs GStreamer and draws nothing; its own --html/--svg/--dot replaced by the test's page).
 */
function readmeExamples(): { line: string; args: string[] }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const vars = new Map<string, string>();
  const out: { line: string; args: string[] }[] = [];
  for (const m of readme.matchAll(/^\$ (?:([A-Z][A-Z0-9_]*)='([^']*)'|npx capsflow negotiate (.*))$/gm)) {
    if (m[1] !== undefined) {
      vars.set(m[1], m[2]!);
      continue;
    }
    const line = m[3]!.replace(/\s+#.*$/, '').replace(/\s*\|\s*head.*$/, '');
    const words = shellWords(line.replace(/"\$([A-Z][A-Z0-9_]*)"/g, (all, name: string) => (vars.has(name) ? `'${vars.get(name)!}'` : all)));
    if (!words.ok) throw new Error(`README line does not split: ${line}`);
    // the test writes its own page: the example's own picture options go
    const args = words.words.filter((w, i, all) => w !== '--compare' && !['--html', '--svg', '--dot'].includes(w) && !['--html', '--svg', '--dot'].includes(all[i - 1] ?? ''));
    out.push({ line: m[0]!, args });
  }
  return out;
}

/** the elements capsflow's --json answer lists for the same argv (the names the picture must show) */
async function elementsOf(args: readonly string[], cwd: string): Promise<string[]> {
  const io = fakeIo({ cwd });
  await negotiateCommand(['--json', ...args.filter((a) => a !== '--json')], io);
  return (JSON.parse(io.out()) as { elements: { name: string }[] }).elements.map((e) => e.name);
}

const TWELVE =
  'videotestsrc ! video/x-raw,format=I420,width=640,height=480 ! queue ! videoconvert ! videoscale ! video/x-raw,width=320,height=240 ! videoflip method=rotate-180 ! videobalance ! queue ! videoconvert ! identity ! fakesink';

describe.runIf(chromiumAvailable)('the --html page in headless Chromium', () => {
  let context: BrowserContext;
  let profile: string;
  let dir: string;

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'capsflow-chromium-'));
    dir = mkdtempSync(join(tmpdir(), 'capsflow-html-'));
    // the README's camera.txt: a published gst-device-monitor-1.0 output (fixtures/devices/README.md)
    copyFileSync(join(ROOT, 'fixtures/devices/printnanny-154-brio.txt'), join(dir, 'camera.txt'));
    context = await launch(profile);
  });

  afterAll(async () => {
    await context?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string) {
    const url = pathToFileURL(file).href;
    const { page, problems } = await watchedPage(context, url);
    await page.goto(url, { waitUntil: 'load' });
    return { page, problems };
  }

  /** the picture of `args`: every element drawn inside the graph, its text readable, all of its width shown */
  async function checkPicture(name: string, args: readonly string[], elements: readonly string[]): Promise<void> {
    const { page, problems } = await open(join(dir, `${name}.html`));
    const view = await graphView(page);
    await page.screenshot({ path: join(outDir, `${name}.png`) });
    expect(problems).toEqual([]);
    expect(view.zoom, 'the page script set the first view').toBeGreaterThan(0);
    // fit to the width: the whole width of the graph is in the box
    expect(view.svgWidth).toBeLessThanOrEqual(view.boxWidth + 1);
    const heights = view.texts.filter((t) => t.text.trim() !== '').map((t) => t.height);
    expect(heights.length).toBeGreaterThan(elements.length);
    expect(Math.min(...heights), `smallest text in ${args.join(' ')}`).toBeGreaterThanOrEqual(READABLE_PX);
    console.log(`${name}: zoom ${view.zoom.toFixed(2)}, ${Math.round(view.svgWidth)}×${Math.round(view.svgHeight)} px, smallest text ${Math.min(...heights).toFixed(1)} px`);
    for (const e of elements) {
      const drawn = view.texts.filter((t) => t.text === e);
      expect(drawn.length, `${e} drawn`).toBeGreaterThan(0);
      for (const t of drawn) {
        expect(t.width).toBeGreaterThan(0);
        expect(t.left).toBeGreaterThanOrEqual(0);
        expect(t.left + t.width).toBeLessThanOrEqual(view.svgWidth + 1);
        expect(t.top + t.height).toBeLessThanOrEqual(view.svgHeight + 1);
      }
    }
    await page.close();
  }

  const examples = readmeExamples();
  it('finds the README examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(examples.map((e, i) => [i + 1, e.line, e.args] as const))('README example %i: %s', async (i, _line, args) => {
    const io = fakeIo({ cwd: dir });
    const file = join(dir, `readme-${i}.html`);
    rmSync(file, { force: true });
    const status = await negotiateCommand(['--html', file, ...args], io);
    if (status === 2) {
      // bad input (a misspelt element, an element no registry has): no picture, a clear error
      expect(existsSync(file)).toBe(false);
      expect(io.err()).toContain(`capsflow negotiate: no picture written (${file}): the input is wrong`);
      return;
    }
    const elements = await elementsOf(args, dir);
    expect(elements.length).toBeGreaterThan(0);
    await checkPicture(`readme-${i}`, args, elements);
  }, 60_000);

  it('a 12-element chain: a column, not a strip; readable in its first view', async () => {
    const io = fakeIo({ cwd: dir });
    expect(await negotiateCommand(['--html', 'twelve.html', TWELVE], io)).toBe(0);
    await checkPicture('twelve', [TWELVE], negotiate(TWELVE).elements.map((e) => e.name));
  }, 60_000);

  it('zooms with its buttons and keeps the text under the zoom', async () => {
    const io = fakeIo({ cwd: dir });
    expect(await negotiateCommand(['--html', 'zoom.html', TWELVE], io)).toBe(0);
    const { page, problems } = await open(join(dir, 'zoom.html'));
    const before = await graphView(page);
    await page.click('button[data-zoom="in"]');
    const bigger = await graphView(page);
    expect(bigger.zoom).toBeCloseTo(before.zoom * 1.25, 5);
    expect(bigger.svgWidth).toBeCloseTo(before.svgWidth * 1.25, 0);
    await page.click('button[data-zoom="fit"]');
    const fit = await graphView(page);
    expect(fit.svgWidth).toBeLessThanOrEqual(fit.boxWidth + 1);
    await page.click('button[data-zoom="1"]');
    expect((await graphView(page)).zoom).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a failure draws the whole pipeline: every element, the links never reached dashed, the conflict', async () => {
    const pipeline = 'videotestsrc ! video/x-raw,format=RGBA ! tee name=t t. ! queue ! video/x-raw,format=NV12 ! fakesink t. ! queue ! fakesink';
    const io = fakeIo({ cwd: dir });
    expect(await negotiateCommand(['--html', 'failed.html', pipeline], io)).toBe(1);
    await checkPicture('failed', [pipeline], ['videotestsrc0', 't', 'queue0', 'queue1', 'fakesink0', 'fakesink1', 'capsfilter0', 'capsfilter1', 'src_0', 'src_1']);
    const { page } = await open(join(dir, 'failed.html'));
    const texts = (await graphView(page)).texts.map((t) => t.text);
    expect(texts.filter((t) => t === '(not reached)').length).toBe(6);
    expect(texts).toContain('EMPTY: format');
    await page.close();
  }, 60_000);

  it('shows the graph and the violation, with no console error and no request; the violation message once', async () => {
    writeFileSync(join(dir, 'html-violation.html'), await renderHtml(violation, { pipeline: 'v4l2src ! queue ! videoflip method=rotate-180 ! waylandsink' }));
    const { page, problems } = await open(join(dir, 'html-violation.html'));
    const svgText = (await page.locator('.pipeline-graph svg').textContent()) ?? '';
    for (const e of violation.elements) expect(svgText).toContain(e.name);
    const row = page.locator('table.violations tbody tr');
    await expect(row.count()).resolves.toBe(1);
    expect(await row.textContent()).toContain('maps-protected-memory');
    expect(await row.textContent()).toContain('videoflip0');
    expect(await page.locator('h1').textContent()).toContain('negotiated, 1 policy violation(s)');
    for (const caption of ['Pads and caps', 'Allocation', 'Memory probes', 'Importers']) {
      await expect(page.locator('caption', { hasText: caption }).count()).resolves.toBe(1);
    }
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body.split(violation.violations[0]!.message).length - 1).toBe(1);
    await page.screenshot({ path: join(outDir, 'html-violation.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a failed negotiation shows the failing element and the conflict', async () => {
    writeFileSync(join(dir, 'html-not-negotiated.html'), await renderHtml(notNegotiated));
    const { page, problems } = await open(join(dir, 'html-not-negotiated.html'));
    expect(await page.locator('.pipeline-graph svg').textContent()).toContain('FAILED: not-negotiated');
    expect(await page.locator('p.conflict').textContent()).toBe('format: RGBA (capsfilter0) vs NV12 (capsfilter1) at capsfilter1.sink');
    await page.screenshot({ path: join(outDir, 'html-not-negotiated.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('capsflow negotiate --memory v4l2src0=sealed-memfd --html of a real run: graph and violation shown once, no console error', async () => {
    const io = fakeIo({ cwd: dir });
    const pipeline = 'v4l2src ! queue ! videoflip method=rotate-180 ! waylandsink';
    expect(await negotiateCommand(['--memory', 'v4l2src0=sealed-memfd', '--html', 'report.html', pipeline], io)).toBe(1);
    const { page, problems } = await open(join(dir, 'report.html'));
    const svgText = (await page.locator('.pipeline-graph svg').textContent()) ?? '';
    for (const name of ['v4l2src0', 'queue0', 'videoflip0', 'waylandsink0', 'GstVideoFlip', 'method=rotate-180']) expect(svgText).toContain(name);
    expect(svgText).toContain('VIOLATION: rejects-dmabuf');
    const row = (await page.locator('table.violations tbody tr').textContent()) ?? '';
    expect(row).toContain('videoflip0');
    const message = row.slice(row.indexOf('videoflip0 (videoflip)'));
    expect(((await page.locator('body').textContent()) ?? '').split(message.slice(0, 80)).length - 1).toBe(1);
    await page.screenshot({ path: join(outDir, 'html-real-violation.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('no picture for input that does not parse', () => {
  it.each([
    ['videotestsrc ! ! fakesink'],
    ['videotestsrc ! videoconvrt ! fakesink'],
  ])('%s: exit 2, the error, and no file written', async (pipeline) => {
    const dir = mkdtempSync(join(tmpdir(), 'capsflow-nopic-'));
    try {
      const io = fakeIo({ cwd: dir });
      expect(await negotiateCommand(['--dot', 'p.dot', '--svg', 'p.svg', '--html', 'p.html', pipeline], io)).toBe(2);
      for (const f of ['p.dot', 'p.svg', 'p.html']) expect(existsSync(join(dir, f))).toBe(false);
      expect(io.err()).toContain(`capsflow negotiate: no picture written (${join(dir, 'p.dot')}, ${join(dir, 'p.svg')}, ${join(dir, 'p.html')}): the input is wrong`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
