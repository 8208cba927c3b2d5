import { newLinkToken, OfferCheckService } from '@bro/community';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { caller, referralBody } from '../kit';
import { bootStack, expectAccessible, shot, signedIn, BOOT_TIMEOUT } from './browser-kit';

/**
 * The community side in a browser (issue 16): the brobygger sends a plan step to the
 * offer's host from the case page, with the citizen's consent shown; the host opens the
 * link on a 390 px phone without logging in, sees the first name and nothing else about
 * the citizen, and answers; the answer shows on the case. The offer-check page too.
 * Each public screen is checked with axe-core at 390 px.
 */
describe('the hand-off page on a phone (browser)', () => {
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let ds: DataSource;
  let call: ReturnType<typeof caller>;
  const errors: Error[][] = [];

  beforeAll(async () => {
    stack = await bootStack();
    browser = stack.browser;
    ds = stack.api.get(DataSource);
    call = caller(stack.api);
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(() => {
    for (const list of errors) expect(list.map(String)).toEqual([]);
  });

  /** A phone without a session: what a host has when they tap the link in the mail. */
  async function phone(): Promise<{ context: BrowserContext; page: Page }> {
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
    return { context, page };
  }

  const user = (username: string) => ({ username });
  let link = '';
  let caseId = '';
  let offerId = '';

  it('brobygger: sends the plan step to the host from the case page, with the consent shown', async () => {
    const [m] = await ds.query("SELECT municipality_id AS id FROM app_user WHERE username = 'koordinator.mette'");
    const [anna] = await ds.query("SELECT b.id FROM brobygger b JOIN app_user u ON u.id = b.user_id WHERE u.username = 'brobygger.anna'");
    const body = referralBody({ postcode: '4000' });
    const created = await call(user('laege.holm'), 'POST', '/v1/referrals', {
      ...body,
      citizen: { ...body.citizen, name: 'Karen Marie Skov' },
      consent: { referral: true, referrerFeedback: 'status', shareWithHost: true, sms: false, method: 'verbal' },
    });
    expect(created.status).toBe(201);
    caseId = created.body.id;
    await call(user('koordinator.mette'), 'POST', `/v1/referrals/${caseId}/assign`, { brobyggerId: anna.id });
    const [org] = await ds.query("INSERT INTO organisation (municipality_id, name) VALUES ($1, 'Roskilde Vandrelaug') RETURNING id", [
      m.id,
    ]);
    const offer = await call(user('koordinator.mette'), 'POST', '/v1/offers', {
      organisationId: org.id,
      name: 'Søndagsvandring',
      category: 'exercise',
      location: { name: 'Roskilde Station', city: 'Roskilde' },
    });
    offerId = offer.body.id;
    const host = await call(user('koordinator.mette'), 'POST', `/v1/offers/${offerId}/hosts`, {
      name: 'Birthe Hansen',
      phone: '+4520304050',
    });
    const plan = await call(user('brobygger.anna'), 'PUT', `/v1/referrals/${caseId}/plan`, {
      goals: ['Gå en tur med andre'],
      steps: [{ description: 'Prøve søndagsvandringen', offerId, hostId: host.body.id }],
    });
    expect(plan.status).toBe(200);

    const { page, errors: e } = await signedIn(browser, stack.base, 'brobygger.anna');
    errors.push(e);
    await page.goto(`/sager/${caseId}`);
    await page.getByText('Borgeren har givet samtykke til, at vært og følgeven må kende fornavnet.').waitFor();
    await page.getByRole('button', { name: 'Send til vært' }).click();
    await page.getByLabel('Første besøg (dato og tid)').fill('2030-05-05T10:00');
    await page.getByLabel(/Kort besked/).fill('Kommer gerne lidt før');
    await expectAccessible(page, 'the hand-off form on the case page');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Send link' }).click();
    const shown = page.getByTestId('handover-link');
    await shown.waitFor();
    link = (await shown.textContent())!.match(/https?:\/\/\S+\/v\/[A-Za-z0-9_-]{43}/)?.[0] ?? '';
    expect(link).not.toBe('');
    await shot(page, 'h1-brobygger-sent');
  });

  it('host: opens the link on a phone without logging in, sees the first name only, and answers', async () => {
    const { context, page } = await phone();
    await page.goto(`/v/${link.split('/v/')[1]}`);
    await page.getByRole('heading', { name: 'Ny deltager: Karen' }).waitFor();
    const text = await page.locator('body').innerText();
    for (const secret of ['Marie Skov', 'Skov', 'Algade', '+4520123456', 'Ensomhed', 'notesentinel7f3a'])
      expect({ secret, shown: text.includes(secret) }).toEqual({ secret, shown: false });
    await page.getByText('Søndagsvandring (Roskilde Vandrelaug)').waitFor();
    await page.getByText('Kommer gerne lidt før').waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'the hand-off page (390 px)');
    await shot(page, 'h2-host-page-phone');

    await page.getByRole('button', { name: 'Send svar' }).click();
    await page.getByRole('alert').getByText('Vælg et svar, før du sender.').waitFor();
    await expectAccessible(page, 'the hand-off page with an error (390 px)');
    await page.getByLabel('Deltageren kom', { exact: true }).check();
    await page.getByRole('button', { name: 'Send svar' }).click();
    await page.getByRole('status').getByText('Tak! Brobyggeren har fået dit svar.').waitFor();
    await expectAccessible(page, 'the hand-off page answered (390 px)');
    await shot(page, 'h3-host-answered-phone');
    await context.close();

    const [step] = (await ds.query('SELECT steps FROM plan WHERE referral_id = $1', [caseId]))[0].steps;
    expect(step.status).toBe('attended');
  });

  it('brobygger: sees the answer on the case', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'brobygger.anna');
    errors.push(e);
    await page.goto(`/sager/${caseId}`);
    await page.getByTestId('handover-row').getByText('Deltageren kom').waitFor();
  });

  it('a link that has ended says so in plain Danish', async () => {
    const { context, page } = await phone();
    await page.goto(`/v/${'A'.repeat(43)}`);
    await page.getByRole('alert').getByText('Linket findes ikke').waitFor();
    await expectAccessible(page, 'an unknown link (390 px)');
    await context.close();
  });

  it('host: answers the offer check on a phone', async () => {
    await ds.query("UPDATE offer SET last_verified_at = now() - interval '7 months' WHERE id = $1", [offerId]);
    await stack.worker.get(OfferCheckService).run();
    // The seed's SMTP is off: the message is stored without its link; the token is made here as the check made it.
    const [{ id: checkId }] = await ds.query('SELECT id FROM offer_check WHERE offer_id = $1', [offerId]);
    const { token, hash } = newLinkToken();
    await ds.query('UPDATE offer_check SET token_hash = $2 WHERE id = $1', [checkId, hash]);
    const { context, page } = await phone();
    await page.goto(`/tjek/${token}`);
    await page.getByRole('heading', { name: 'Kører Søndagsvandring stadig?' }).waitFor();
    await expectAccessible(page, 'the offer check (390 px)');
    await page.getByLabel('Ja, det kører').check();
    await page.getByLabel(/Ledige pladser/).fill('4');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('status').getByText('Tak! Oplysningerne er opdateret.').waitFor();
    await expectAccessible(page, 'the offer check answered (390 px)');
    await shot(page, 'h4-offer-check-phone');
    await context.close();
    expect((await ds.query('SELECT free_places FROM offer WHERE id = $1', [offerId]))[0].free_places).toBe(4);
  });

  it('coordinator: hosts on the offer, følgevenner and the figures per association in administration (desktop and 390 px)', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'koordinator.mette');
    errors.push(e);
    await page.goto('/administration');
    await page.getByRole('button', { name: 'Værter for Søndagsvandring' }).click();
    const hosts = page.getByRole('region', { name: 'Værter for Søndagsvandring' });
    await hosts.getByText('Birthe Hansen').waitFor();
    await hosts.getByLabel('Navn').fill('Ole Vært');
    await hosts.getByRole('button', { name: 'Tilføj vært' }).click();
    await hosts.getByRole('alert').getByText('Angiv e-mail eller telefon').waitFor();
    await hosts.getByLabel('E-mail').fill('ole@vandrelaug.example.dk');
    await hosts.getByRole('button', { name: 'Tilføj vært' }).click();
    await hosts.getByText('Ole Vært').waitFor();

    await page.locator('#companion-name').fill('Jens Madsen');
    await page.locator('#companion-availability').fill('Hverdage efter kl. 14');
    await page.getByRole('button', { name: 'Tilføj følgeven' }).click();
    await page.getByTestId('companion-row').getByText('Jens Madsen').waitFor();
    await page.getByRole('table').filter({ hasText: 'Roskilde Vandrelaug' }).getByText('Roskilde Vandrelaug').first().waitFor();
    await expectAccessible(page, 'administration with hosts and følgevenner (desktop)');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, 'administration with hosts and følgevenner (390 px)');
    await shot(page, 'h5-admin-phone');
  });
});
