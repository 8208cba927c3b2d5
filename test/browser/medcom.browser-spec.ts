import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { caller, createUser, referralBody, validCpr } from '../kit';
import { careCommunicationExample } from '../kit/medcom';
import { bootStack, expectAccessible, shot, signedIn, BOOT_TIMEOUT } from './browser-kit';

/**
 * MedCom in the web app (issue 18, ADR 0028): the case page's "Beskeder fra lægen" with
 * the GP's message (line breaks kept, the attachment a download) and the brobygger's
 * reply (confirmed before it leaves the municipality); the coordinators' "Indbakke
 * (MedCom)" where a message no case was found for is attached by the case search.
 * Desktop and 390 px, each checked with axe-core.
 */
describe('MedCom thread and inbox (browser)', () => {
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let ds: DataSource;
  let call: ReturnType<typeof caller>;
  const us = { sor: '265001000016001', gln: '5790002650000', name: 'Roskilde Kommune, Social henvisning' };
  let caseId = '';
  let cpr = '';

  beforeAll(async () => {
    stack = await bootStack();
    browser = stack.browser;
    ds = stack.api.get(DataSource);
    call = caller(stack.api);
    const user = (username: string) => ({ username });
    const [m] = await ds.query("SELECT municipality_id AS id FROM app_user WHERE username = 'koordinator.mette'");
    const [gp] = await ds.query("SELECT organisation FROM app_user WHERE username = 'laege.holm'");
    const [anna] = await ds.query("SELECT b.id FROM brobygger b JOIN app_user u ON u.id = b.user_id WHERE u.username = 'brobygger.anna'");
    expect((await call(user('koordinator.mette'), 'PATCH', '/v1/municipality', { medcom: us })).status).toBe(200);
    await call(user('koordinator.mette'), 'PUT', '/v1/medcom/clinics', {
      organisation: gp.organisation,
      sor: '265161000016000',
      gln: '5790000209354',
    });
    cpr = validCpr();
    const body = referralBody({ cpr, postcode: '4000' });
    const created = await call(user('laege.holm'), 'POST', '/v1/referrals', {
      ...body,
      citizen: { ...body.citizen, name: 'Karen Marie Skov' },
      consent: { referral: true, referrerFeedback: 'summary', method: 'verbal' },
    });
    expect(created.status).toBe(201);
    caseId = created.body.id;
    await call(user('koordinator.mette'), 'POST', `/v1/referrals/${caseId}/assign`, { brobyggerId: anna.id });
    const gateway = await createUser(ds, m.id, 'gateway');
    const text = 'Kære brobygger\nKaren har det bedre.\nHvordan går det med forløbet?';
    expect((await call(gateway, 'POST', '/medcom', careCommunicationExample({ cpr, receiver: us, text, attachment: true }))).status).toBe(
      200,
    );
    // A message about a citizen without a case: the coordinators' inbox.
    expect((await call(gateway, 'POST', '/medcom', careCommunicationExample({ cpr: validCpr(), receiver: us }))).status).toBe(200);
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await stack?.stop();
  });

  it('brobygger: reads the GP’s message and replies after confirming, at desktop and 390 px', async () => {
    const { context, page, errors } = await signedIn(browser, stack.base, 'brobygger.anna');
    await page.goto(`/sager/${caseId}`);
    const panel = page.getByTestId('medcom-panel');
    await panel.getByRole('heading', { name: 'Beskeder fra lægen' }).waitFor();
    const message = panel.getByTestId('medcom-message').first();
    await message.getByText('Karen har det bedre.').waitFor();
    // Line breaks kept: the segment renders on three lines.
    const lines = await message.locator('p', { hasText: 'Kære brobygger' }).evaluate((p) => (p as { innerText: string }).innerText);
    expect(lines.split('\n')).toHaveLength(3);
    expect(await message.getByRole('link').first().getAttribute('href')).toMatch(/\/messages\/.+\/attachments\/0$/);

    await message.getByRole('button', { name: 'Svar lægen' }).click();
    // Empty: the error summary, nothing sent.
    await page.getByRole('button', { name: 'Send svar' }).click();
    await page.getByRole('alert').getByText('Skriv et svar.').waitFor();
    await expectAccessible(page, 'the MedCom reply form with an error');
    await shot(page, 'medcom-reply-error-desktop');
    await page.getByLabel('Dit svar').fill('Tak for beskeden.\nForløbet er godt i gang.');
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await page.getByRole('button', { name: 'Send svar' }).click();
    await panel.getByText('Forløbet er godt i gang.').waitFor();
    expect(asked).toContain('uden for kommunen');
    await panel.getByText(/Sendt · Svar/).waitFor();
    await expectAccessible(page, 'the case page with the MedCom thread');
    await shot(page, 'medcom-thread-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await panel.getByText('Forløbet er godt i gang.').waitFor();
    await expectAccessible(page, 'the MedCom thread at 390 px');
    await shot(page, 'medcom-thread-390');
    const [row] = await ds.query("SELECT kind, delivery_status AS status FROM medcom_message WHERE referral_id = $1 AND kind = 'reply'", [
      caseId,
    ]);
    expect(row).toEqual({ kind: 'reply', status: 'pending' });
    expect(errors.map(String)).toEqual([]);
    await context.close();
  }, 90_000);

  it('coordinator: attaches an inbox message to a case found by the search, at desktop and 390 px', async () => {
    const { context, page, errors } = await signedIn(browser, stack.base, 'koordinator.mette');
    await page.getByRole('link', { name: 'Indbakke (MedCom)' }).click();
    await page.getByRole('heading', { name: 'Indbakke (MedCom)', level: 1 }).waitFor();
    const row = page.getByTestId('medcom-inbox-row');
    await row.first().waitFor();
    await expectAccessible(page, 'the MedCom inbox');
    await shot(page, 'medcom-inbox-desktop');
    // On a phone: the row, the case search and its result, then the attach.
    await page.setViewportSize({ width: 390, height: 844 });
    await row.first().getByRole('button', { name: 'Knyt til sag' }).click();
    await page.getByLabel('Søg').fill(cpr);
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByRole('button', { name: 'Knyt hertil' }).first().waitFor();
    await expectAccessible(page, 'the MedCom inbox with the case search at 390 px');
    await shot(page, 'medcom-inbox-390');
    await page.getByRole('button', { name: 'Knyt hertil' }).first().click();
    await page.getByText('Beskeden er knyttet til sagen.').waitFor();
    await page.getByText('Indbakken er tom.').waitFor();
    const [{ n }] = await ds.query("SELECT count(*)::int AS n FROM medcom_message WHERE referral_id = $1 AND direction = 'in'", [caseId]);
    expect(n).toBe(2);
    expect(errors.map(String)).toEqual([]);
    await context.close();
  }, 90_000);
});
