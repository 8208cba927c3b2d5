import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { caller, referralBody, validCpr, waitFor } from '../kit';
import { bootStack, expectAccessible, shot, signedIn, BOOT_TIMEOUT } from './browser-kit';

/**
 * Issue 15 in Chromium, against the real api and worker: find the citizen by name or
 * CPR number on the case list (filters kept in the URL, the CPR never in it); each
 * follow-up row names its citizen; a saved conversation's "Det er vigtigt for mig" is
 * read back on the case page; a closed case is reopened after a confirmation; the GP's
 * cards name the citizen. Every page is checked with axe at desktop width and at 390 px,
 * where nothing may scroll sideways.
 */
describe('work lists in a browser (find the citizen, read back what was said)', () => {
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let call: ReturnType<typeof caller>;
  const errors: Error[][] = [];
  const SOREN = { name: 'Søren Ålund', cpr: validCpr() };
  const INGER = { name: 'Inger Vestergaard', cpr: validCpr() };
  const MATTERS = 'At have nogen at drikke kaffe med om morgenen';
  const ids: Record<string, string> = {};
  const gp = { username: 'laege.holm' };
  const anna = { username: 'brobygger.anna' };
  const mette = { username: 'koordinator.mette' };

  /** The page at desktop width and at 390 px: axe finds nothing serious, and nothing is wider than the phone. */
  async function checkBothSizes(page: Page, what: string, name: string) {
    await expectAccessible(page, what);
    await shot(page, `w-${name}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, `${what} (390 px)`);
    const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    expect({ what, width: width <= 390 }).toEqual({ what, width: true });
    await shot(page, `w-${name}-phone`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  const statusOf = (ds: DataSource, id: string, status: string) =>
    waitFor(
      `referral ${status}`,
      async () => (await ds.query('SELECT 1 FROM referral WHERE id = $1 AND status = $2', [id, status])).length > 0,
    );

  beforeAll(async () => {
    stack = await bootStack();
    browser = stack.browser;
    call = caller(stack.api);
    const ds = stack.api.get(DataSource);
    // Two citizens of Anna's area (4040), referred by Dr. Holm.
    for (const [key, c] of [
      ['soren', SOREN],
      ['inger', INGER],
    ] as const) {
      const body = referralBody({ cpr: c.cpr, postcode: '4040' });
      body.citizen.name = c.name;
      const res = await call(gp, 'POST', '/v1/referrals', body);
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
      await statusOf(ds, res.body.id, 'assigned');
    }
    // Anna reaches Søren and holds the first conversation: what matters to him is saved.
    expect((await call(anna, 'POST', `/v1/referrals/${ids.soren}/contact-attempts`, { outcome: 'reached' })).status).toBe(201);
    const conversation = await call(anna, 'POST', `/v1/referrals/${ids.soren}/conversations`, {
      heldAt: new Date(Date.now() - 3600_000).toISOString(),
      durationMinutes: 60,
      location: 'Havehuset',
      kind: 'first',
      wheel: { health: 6, mood: 4, relations: 3 },
      whatMatters: MATTERS,
      wishes: 'Synge i kor',
      wantToTry: 'Gå med i gåklubben',
      who5: [2, 1, 2, 1, 2],
      ucla3: [3, 3, 2],
    });
    expect(conversation.status).toBe(201);
    // Inger's case closes (she moved): the coordinator will reopen it.
    expect((await call(mette, 'POST', `/v1/referrals/${ids.inger}/close`, { outcome: 'moved' })).status).toBe(200);
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(() => {
    for (const list of errors) expect(list.map(String)).toEqual([]);
  });

  it('coordinator: finds a citizen by a fragment of the name without accents, and by CPR number without it in the URL', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'koordinator.mette');
    errors.push(e);
    await page.getByRole('link', { name: 'Sager' }).click();
    await page.getByRole('heading', { name: 'Sager' }).waitFor();
    await page.getByTestId('case-row').first().waitFor();

    await page.getByLabel('Søg på navn, telefon eller CPR-nummer').fill('soren alund');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByTestId('case-total').getByText('Viser 1–1 af 1').waitFor();
    const row = page.getByTestId('case-row');
    await row.getByRole('link', { name: SOREN.name }).waitFor();
    await row.getByText(`${SOREN.cpr.slice(0, 6)}-****`).waitFor();
    await row.getByText('Anna Kristensen').waitFor();
    expect(page.url()).toContain('q=soren');
    await checkBothSizes(page, 'the case list, searched by name', 'case-list-search');

    // The filters live in the URL: closed cases, then back.
    await page.getByRole('button', { name: 'Nulstil' }).click();
    await page.getByLabel('Status').selectOption('closed');
    await page.getByTestId('case-row').filter({ hasText: INGER.name }).waitFor();
    expect(page.url()).toContain('status=closed');
    expect(await page.getByTestId('case-row').filter({ hasText: SOREN.name }).count()).toBe(0);
    await page.reload();
    await page.getByTestId('case-row').filter({ hasText: INGER.name }).waitFor();

    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Søg på navn, telefon eller CPR-nummer').fill(`${INGER.cpr.slice(0, 6)}-${INGER.cpr.slice(6)}`);
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByRole('heading', { name: `Sager for CPR-nummer ${INGER.cpr.slice(0, 6)}-****` }).waitFor();
    await page.getByTestId('case-row').getByRole('link', { name: INGER.name }).waitFor();
    expect(page.url()).not.toContain(INGER.cpr.slice(6));
    expect(await page.getByLabel('Søg på navn, telefon eller CPR-nummer').inputValue()).toBe(`${INGER.cpr.slice(0, 6)}-****`);
    await expectAccessible(page, 'the case list, searched by CPR number');
    await page.context().close();
  });

  it('brobygger: each follow-up row names its citizen; the case page reads back what was said', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'brobygger.anna');
    errors.push(e);
    // "Mine borgere" leaves closed cases out by default.
    await page.getByRole('heading', { name: 'Mine borgere' }).waitFor();
    await page.getByTestId('case-row').filter({ hasText: SOREN.name }).waitFor();
    expect(await page.getByTestId('case-row').filter({ hasText: INGER.name }).count()).toBe(0);
    await checkBothSizes(page, 'Mine borgere', 'caseload');

    await page.getByRole('link', { name: 'Opfølgninger' }).click();
    const row = page.locator('[data-testid^="follow-up-"]').filter({ hasText: 'Opfølgende opkald' });
    await row.first().waitFor();
    await row.first().getByRole('link', { name: SOREN.name }).waitFor();
    await row
      .first()
      .getByText(`${SOREN.cpr.slice(0, 6)}-****`)
      .waitFor();
    await checkBothSizes(page, 'the follow-ups', 'follow-ups');

    await row.first().getByRole('link', { name: SOREN.name }).click();
    const conversation = page.getByTestId('conversation');
    await conversation.getByText('Det er vigtigt for mig').waitFor();
    await conversation.getByText(MATTERS).waitFor();
    await conversation.getByText('Synge i kor').waitFor();
    await conversation.getByText('Gå med i gåklubben').waitFor();
    // One measurement: a level on its own scale.
    await page.getByTestId('scale-WHO-5 trivselsindeks').getByText('Niveau 32').waitFor();
    await page.getByTestId('scale-UCLA-3 ensomhed').getByText('Niveau 8').waitFor();
    await checkBothSizes(page, 'the case page with a conversation', 'case-conversation');
    await page.context().close();
  });

  it('coordinator: reopens a closed case after saying why and confirming', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'koordinator.mette');
    errors.push(e);
    await page.goto(`/sager/${ids.inger}`);
    await page.locator('h1').getByText('Afsluttet').waitFor();
    await page.getByLabel('Hvorfor genåbnes sagen?').fill('Flyttede alligevel ikke');
    await checkBothSizes(page, 'a closed case with the reopen form', 'case-reopen');
    await page.getByRole('button', { name: 'Genåbn sagen' }).click();
    await page.getByRole('group', { name: 'Genåbn sagen? Den fordeles igen.' }).waitFor();
    await page.getByRole('button', { name: 'Ja, genåbn' }).click();
    await page.locator('h1').getByText('Afsluttet').waitFor({ state: 'detached' });
    await statusOf(stack.api.get(DataSource), ids.inger, 'assigned');
    await page.reload();
    await page.locator('h1').getByText('Fordelt').waitFor();
    expect(await page.getByLabel('Hvorfor genåbnes sagen?').count()).toBe(0);
    await page.context().close();
  });

  it('GP: each card names the citizen as referred, with the reasons', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'laege.holm');
    errors.push(e);
    await page.getByRole('link', { name: 'Mine henvisninger' }).click();
    const cards = page.getByTestId('my-referral');
    await cards.filter({ hasText: SOREN.name }).getByText('Ensomhed, Lav trivsel', { exact: false }).waitFor();
    await cards
      .filter({ hasText: INGER.name })
      .getByText(`${INGER.cpr.slice(0, 6)}-****`)
      .waitFor();
    await checkBothSizes(page, 'Mine henvisninger', 'my-referrals');
    await page.context().close();
  });
});
