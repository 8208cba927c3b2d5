import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { seed } from '../../apps/api/src/cli/seed';
import { webAppRoot } from '../../apps/api/src/http/web-app';
import { bootApi, bootWorker } from '../kit';

export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'browser');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The real api (listening on a port, serving the built app) and worker on this
 * file's fresh database with the demo data, and Debian's Chromium driven by
 * playwright-core.
 */
/**
 * A beforeAll that boots the stack: an api, a worker, the demo seed and Chromium. Alone
 * that takes seconds; in the full run, beside the other files, once over a minute.
 */
export const BOOT_TIMEOUT = 150_000;

export async function bootStack(env: Record<string, string> = {}) {
  if (!webAppRoot()) throw new Error('The web app is not built: run `npm run build:web` first (npm test does)');
  const api = await bootApi(env);
  const worker = await bootWorker({ ...env, WORKER_PORT: '0' });
  await seed(api.get(DataSource));
  await api.listen(0, '127.0.0.1');
  const base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Playwright gives each launch a fresh, empty profile of its own.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return { api, worker, base, browser, stop: () => stopStack(api, worker, browser) };
}

async function stopStack(api: NestFastifyApplication, worker: NestFastifyApplication, browser: Browser) {
  await browser.close();
  await worker.close();
  await api.close();
}

/** A signed-in tab for one demo user (dev mode: the sign-in page calls the dev-token endpoint). */
export async function signedIn(
  browser: Browser,
  base: string,
  username: string,
): Promise<{ context: BrowserContext; page: Page; errors: Error[] }> {
  const context = await browser.newContext({
    baseURL: base,
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: Error[] = [];
  page.on('pageerror', (err) => errors.push(err));
  await page.goto('/');
  await page.getByLabel('Brugernavn').fill(username);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByRole('button', { name: 'Log ud' }).waitFor();
  return { context, page, errors };
}

/** axe-core in the page: WCAG 2.1 A and AA rules; serious and critical findings fail the test. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    // Runs in the page (DOM types are not in the server's tsconfig).
    const page = globalThis as any;
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return (result.violations as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length) throw new Error(`axe: ${what} has serious accessibility violations:\n${JSON.stringify(serious, null, 2)}`);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Reloads until the text shows: the worker assigns and schedules in the background. */
export async function reloadUntil(page: Page, check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(300);
    await page.reload();
    await page.waitForLoadState('networkidle');
  }
}
