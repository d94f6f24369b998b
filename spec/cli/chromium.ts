/**
 * Debian's /usr/bin/chromium driven by playwright-core, headless and offline, for the picture tests. Without
 * chromium the tests are skipped with a message locally and fail under CI=true (scripts/packages.sh installs
 * it; `chromiumGuard` adds the failing test).
 */
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

/** Debian's chromium; CAPSFLOW_CHROMIUM names another (and lets the guard itself be tried) */
export const CHROMIUM = process.env.CAPSFLOW_CHROMIUM ?? '/usr/bin/chromium';
const ci = process.env.CI === 'true' || process.env.CI === '1';
export const chromiumAvailable = existsSync(CHROMIUM);

/** In CI a missing chromium is a failure, never a skip; locally a warning naming the file. */
export function chromiumGuard(file: string): void {
  if (!chromiumAvailable && !ci) console.warn(`${file}: SKIPPED: ${CHROMIUM} not found (apt-get install chromium; scripts/oracles.sh does)`);
  describe.runIf(!chromiumAvailable && ci)('chromium in CI', () => {
    it('is installed', () => {
      expect.fail(`${CHROMIUM} is missing: scripts/oracles.sh must install the chromium package (scripts/packages.sh)`);
    });
  });
}

/** A fresh persistent profile, no background traffic, offline. */
export function launch(profile: string, viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    offline: true,
    viewport,
    deviceScaleFactor: 1,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new page that records console errors and warnings, page errors and any request but `url` itself. */
export async function watchedPage(context: BrowserContext, url: string): Promise<{ page: Page; problems: string[] }> {
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

export interface DrawnText {
  readonly text: string;
  /** rendered box in CSS pixels (getBoundingClientRect) */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface GraphView {
  /** the zoom the page's script set (1 = Graphviz's size) */
  readonly zoom: number;
  /** the graph box's visible width and the SVG's rendered width, CSS pixels */
  readonly boxWidth: number;
  readonly svgWidth: number;
  readonly svgHeight: number;
  /** every SVG text node as rendered */
  readonly texts: readonly DrawnText[];
}

/** What the page shows of its graph, measured in the rendered page. */
export function graphView(page: Page): Promise<GraphView> {
  // runs in the page: the DOM types are spelled out here, the spec project has no DOM lib
  interface Rect {
    left: number;
    top: number;
    width: number;
    height: number;
  }
  interface Node {
    textContent: string | null;
    clientWidth: number;
    dataset: Record<string, string | undefined>;
    getBoundingClientRect(): Rect;
    querySelector(s: string): Node;
    querySelectorAll(s: string): Iterable<Node>;
  }
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { getElementById(id: string): Node } }).document;
    const box = doc.getElementById('graph');
    const svg = box.querySelector('svg');
    const r = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map((t) => {
      const b = t.getBoundingClientRect();
      return { text: t.textContent ?? '', left: b.left - r.left, top: b.top - r.top, width: b.width, height: b.height };
    });
    return { zoom: Number(box.dataset.zoom), boxWidth: box.clientWidth, svgWidth: r.width, svgHeight: r.height, texts };
  });
}
