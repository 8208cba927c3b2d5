import { Browser } from 'playwright-core';
import { bootStack, expectAccessible, shot, signedIn, BOOT_TIMEOUT } from './browser-kit';

/**
 * The open door in the browser (issue 21, ADR 0030): a daughter refers her father on a
 * 390 px phone without logging in; errors say what to fix; the reply is a reference.
 * The coordinator sees it in the "Afventer første kontakt" tile and queue; a brobygger of
 * the area records the father's consent on the case page. axe on every screen.
 */
describe('the web app in a browser (public referral)', () => {
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  const errors: Error[][] = [];
  const NAME = 'Poul Frandsen';
  let caseUrl = '';

  beforeAll(async () => {
    stack = await bootStack();
    browser = stack.browser;
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(() => {
    for (const list of errors) expect(list.map(String)).toEqual([]);
  });

  it('a relative refers on a phone, without a login: plain errors, then a short reference', async () => {
    const context = await browser.newContext({
      baseURL: stack.base,
      locale: 'da-DK',
      timezoneId: 'Europe/Copenhagen',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const e: Error[] = [];
    errors.push(e);
    page.on('pageerror', (err) => e.push(err));
    await page.goto('/henvis-en-borger');
    await page.getByRole('heading', { name: 'Henvis en borger' }).waitFor();
    await page.getByLabel('Ensomhed').waitFor(); // the reasons came from the public code list
    await expectAccessible(page, 'the public form');
    await shot(page, 'public-referral-empty-phone');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ret de markerede felter' }).waitFor();
    expect(await page.getByText('Vælg mindst én ting.').count()).toBe(1);
    await page.getByLabel('Telefonnummer', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Skriv et telefonnummer med 8 cifre').waitFor();
    await expectAccessible(page, 'the public form with errors');
    await shot(page, 'public-referral-errors-phone');

    await page.getByLabel('Fulde navn').fill(NAME);
    await page.getByLabel('Telefonnummer', { exact: true }).fill('20 11 22 33');
    await page.getByLabel('Adresse').fill('Skomagergade 12');
    await page.getByLabel('Postnummer').fill('4000');
    await page.getByLabel('By').fill('Roskilde');
    // The postcode found the municipality.
    await page.waitForFunction(() => ((globalThis as any).document.querySelector('#municipality') as { value: string }).value !== '');
    expect(await page.locator('#municipality option:checked').textContent()).toContain('Roskilde');
    await page.getByLabel('Ensomhed').check();
    await page.getByLabel('Sorg og tab').check();
    await page.getByLabel('Dit navn').fill('Lone Frandsen');
    await page.getByLabel('Din e-mail').fill('lone@example.dk');
    await page.getByRole('button', { name: 'Send' }).click();
    const reference = (await page.getByTestId('reference').textContent()) ?? '';
    expect(reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await page.getByText('Tak. Vi har modtaget henvisningen.').waitFor();
    await expectAccessible(page, 'the public form, sent');
    await shot(page, 'public-referral-sent-phone');

    // "Henvis dig selv" is the same door for the citizen themself.
    await page.goto('/henvis-dig-selv');
    await page.getByRole('heading', { name: 'Henvis dig selv' }).waitFor();
    await expectAccessible(page, 'the self-referral form');
    await context.close();
  });

  it('the coordinator sees it in the awaiting-consent tile and queue, with only what the first call needs', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'koordinator.mette');
    errors.push(e);
    await page.getByRole('heading', { name: 'Overblik' }).waitFor();
    await page.getByTestId('queue-awaitingConsent').locator('.count').filter({ hasText: '1' }).waitFor();
    await page.getByTestId('queue-awaitingConsent').click();
    const row = page.getByTestId('awaiting-consent-row').filter({ hasText: NAME });
    await row.waitFor();
    await expectAccessible(page, 'the awaiting-consent queue');
    caseUrl = (await row.getByRole('link', { name: NAME }).getAttribute('href')) ?? '';
    await row.getByRole('link', { name: NAME }).click();
    await page.getByTestId('first-contact').waitFor();
    await page.getByText('Afventer samtykke').first().waitFor();
    await expectAccessible(page, 'a public referral awaiting consent (coordinator)');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, 'a public referral awaiting consent (coordinator, 390 px)');
    await shot(page, 'public-referral-case-coordinator-phone');
    await page.context().close();
  });

  it('a brobygger of the area records the consent at first contact, and the case goes on', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'brobygger.anna');
    errors.push(e);
    // "Mine borgere" lists the area's public referrals waiting for a first call.
    await page.getByTestId('awaiting-consent-row').filter({ hasText: NAME }).waitFor();
    await expectAccessible(page, 'the caseload with a public referral awaiting consent');
    await page.goto(caseUrl);
    const panel = page.getByTestId('first-contact');
    await panel.waitFor();
    await page.getByRole('button', { name: 'Registrér samtykke' }).click();
    await page.getByText('Sæt kryds ved samtykket').waitFor();
    await panel.getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Registrér samtykke' }).click();
    await panel.waitFor({ state: 'detached' });
    await expectAccessible(page, 'the case after consent');
    await page.context().close();
  });
});
