import { Browser } from 'playwright-core';
import { validCpr } from '../kit';
import { bootStack, expectAccessible, reloadUntil, shot, signedIn, BOOT_TIMEOUT } from './browser-kit';

/**
 * "Mulig dublet" in Chromium (ADR 0014): a GP of another clinic refers a citizen whose
 * case is open; the coordinator finds the referral on the dashboard tile, reads it next
 * to the open case, confirms it after speaking with the citizen, and accepts the phone
 * number the second clinic reported — at desktop width and on a 390 px phone, checked
 * with axe-core.
 */
describe('possible duplicates in the web app (browser)', () => {
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  const cpr = validCpr();

  beforeAll(async () => {
    stack = await bootStack();
    browser = stack.browser;
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await stack?.stop();
  });

  async function refer(username: string, name: string, phone: string): Promise<{ id: string }> {
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${stack.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, string>>);
    const { accessToken } = await post('/v1/auth/dev-token', { username });
    return (await post(
      '/v1/referrals',
      {
        citizen: { cpr, name, phone, address: { street: 'Algade 9', postcode: '4000', city: 'Roskilde' } },
        reasons: ['loneliness'],
        consent: { referral: true, referrerFeedback: 'status', method: 'verbal' },
      },
      accessToken,
    )) as { id: string };
  }

  it('coordinator: finds the held referral on the dashboard, confirms it, and accepts the reported phone number', async () => {
    const first = await refer('laege.holm', 'Karen Dalby', '+4522222222');
    const held = await refer('laege.berg', 'Karen Dalby', '+4533333333');
    expect(held.id).not.toBe(first.id);

    const { page, errors } = await signedIn(browser, stack.base, 'koordinator.mette');
    const tile = page.getByTestId('queue-possibleDuplicates');
    await reloadUntil(page, async () => (await tile.locator('.count').textContent()) === '1', 'the possible-duplicate tile');
    await expectAccessible(page, 'the dashboard with a possible duplicate');
    await tile.click();
    const row = page.getByTestId('possible-duplicate-row');
    await row.getByText(/Fra Lægerne i Viby/).waitFor();
    await expectAccessible(page, 'the possible-duplicate queue');
    await shot(page, 'dup-1-queue');

    await row.getByRole('link', { name: 'Karen Dalby' }).click();
    await page
      .getByRole('note')
      .getByText(/En anden klinik har henvist en borger med en åben sag/)
      .waitFor();
    await expectAccessible(page, 'a possible duplicate');
    await shot(page, 'dup-2-held');

    // The same page on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, 'a possible duplicate on a phone');
    await shot(page, 'dup-2-held-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByLabel('Note (kun til kommunen)').fill('Talt med borgeren');
    await page.getByRole('button', { name: 'Gem afgørelsen' }).click();
    await page.getByText('Bekræftet som dublet', { exact: false }).waitFor();
    await page.getByRole('heading', { level: 1 }).getByText('Knyttet til en sag').waitFor();

    await page.getByRole('link', { name: 'Den åbne sag' }).click();
    const details = page.getByTestId('reported-details');
    await details.getByText(/^Oplyst af Lægerne i Viby /).waitFor();
    await details.getByText('+4533333333').waitFor();
    await page
      .getByText(/Fra Lægerne i Viby/)
      .first()
      .waitFor(); // listed with the case's linked referrals
    await expectAccessible(page, 'the case with a linked referral and reported details');
    await shot(page, 'dup-3-case');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, 'the case with reported details on a phone');
    await shot(page, 'dup-3-case-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await details.getByRole('button', { name: 'Brug oplysningerne' }).click();
    await details.waitFor({ state: 'detached' });
    await page.locator('dd', { hasText: '+4533333333' }).first().waitFor();
    expect(errors.map(String)).toEqual([]);
  });
});
