import { Browser } from 'playwright-core';
import { caller, http, referralBody, validCpr } from '../kit';
import { bootStack, expectAccessible, shot, signedIn, BOOT_TIMEOUT } from './browser-kit';

/**
 * The coordinator's decisions on public referrals from the queue row (issues 21, ADR
 * 0030/0033): reject spam in one click — asked first, since it is erased at once — and
 * join a referral made without a CPR number to a citizen Bro knows, found by CPR. At
 * desktop width and on a 390 px phone, with axe.
 */
describe('the web app in a browser (open doors: spam and joining a citizen)', () => {
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  const errors: Error[][] = [];
  const KNOWN = 'Inger Jensen';
  const cpr = validCpr();

  const publicReferral = (name: string) =>
    http(stack.api, 'POST', '/v1/public/referrals', {
      body: {
        postcode: '4000',
        referrer: { kind: 'relative', name: 'Hanne' },
        citizen: { name, phone: '+4520112233', address: { street: 'Algade 3', postcode: '4000', city: 'Roskilde' } },
        reasons: ['loneliness'],
        citizenKnows: true,
      },
    });

  beforeAll(async () => {
    stack = await bootStack();
    browser = stack.browser;
    const call = caller(stack.api);
    expect((await call({ username: 'laege.holm' }, 'POST', '/v1/referrals', referralBody({ cpr }))).status).toBe(201);
    for (const name of ['Spam Spamsen', 'Inger J.', 'Ole Olsen']) expect((await publicReferral(name)).status).toBe(202);
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(() => {
    for (const list of errors) expect(list.map(String)).toEqual([]);
  });

  it('rejects spam from the queue row after a question, and joins a CPR-less referral to the known citizen', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'koordinator.mette');
    errors.push(e);
    await page.goto('/koer/awaitingConsent');
    const spamRow = page.getByTestId('awaiting-consent-row').filter({ hasText: 'Spam Spamsen' });
    await spamRow.waitFor();
    await expectAccessible(page, 'the awaiting-consent queue with coordinator actions');
    await shot(page, 'open-doors-queue-desktop');

    // One click, then the question (focus on the confirming button); "Fortryd" goes back.
    await spamRow.getByRole('button', { name: 'Afvis som spam' }).click();
    await spamRow.getByText('Henvisningen afvises som spam og slettes med det samme').waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Ja, afvis og slet');
    await expectAccessible(page, 'the spam question');
    await spamRow.getByRole('button', { name: 'Ja, afvis og slet' }).click();
    await spamRow.waitFor({ state: 'detached' });

    // Join "Inger J." to the known Inger Jensen: a wrong CPR is told, an unknown one finds nobody.
    const row = page.getByTestId('awaiting-consent-row').filter({ hasText: 'Inger J.' });
    await row.getByRole('button', { name: 'Samme borger som …' }).click();
    await row.getByLabel('CPR-nummer på den kendte borger').fill('12');
    await row.getByRole('button', { name: 'Find borgeren' }).click();
    await row.getByText('Skriv et CPR-nummer med 10 cifre').waitFor();
    await row.getByLabel('CPR-nummer på den kendte borger').fill(validCpr());
    await row.getByRole('button', { name: 'Find borgeren' }).click();
    await row.getByText('Ingen borger med det CPR-nummer i kommunen.').waitFor();
    await row.getByLabel('CPR-nummer på den kendte borger').fill(cpr);
    await row.getByRole('button', { name: 'Find borgeren' }).click();
    await row.getByText(`Fundet: ${KNOWN}`).waitFor();
    await expectAccessible(page, 'the join form with a found citizen');
    await shot(page, 'open-doors-join-desktop');
    await row.getByRole('button', { name: 'Det er samme borger' }).click();
    await row.getByText('Det kan ikke fortrydes').waitFor();
    await row.getByRole('button', { name: 'Ja, samme borger' }).click();
    await row.waitFor({ state: 'detached' });
    // Held as a possible duplicate of Inger Jensen's open case, for the coordinator to decide as any other.
    await page.goto('/koer/possibleDuplicates');
    await page.getByTestId('possible-duplicate-row').filter({ hasText: KNOWN }).waitFor();
    await page.context().close();
  });

  it('fits a 390 px phone: the queue row with its actions and the join form open', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'koordinator.mette');
    errors.push(e);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/koer/awaitingConsent');
    const row = page.getByTestId('awaiting-consent-row').filter({ hasText: 'Ole Olsen' });
    await row.getByRole('button', { name: 'Samme borger som …' }).click();
    await row.getByLabel('CPR-nummer på den kendte borger').waitFor();
    await expectAccessible(page, 'the awaiting-consent queue on a phone');
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'open-doors-queue-phone');
    // The case page offers the same decision.
    await row.getByRole('link', { name: 'Ole Olsen' }).click();
    await page.getByRole('button', { name: 'Samme borger som …' }).waitFor();
    await expectAccessible(page, 'a public referral’s case page on a phone (coordinator)');
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().close();
  });
});
