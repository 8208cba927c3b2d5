import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { bootStack, expectAccessible, reloadUntil, shot, signedIn, BOOT_TIMEOUT } from './browser-kit';

/**
 * Name-and-address protection in the browser (ADR 0015): the GP marks it on the form;
 * the badge "Beskyttet adresse" shows wherever the citizen appears; a brobygger of the
 * area who does not hold the case sees the case but not the address or phone; once
 * the case is assigned to them, they do. Each screen is checked with axe-core at
 * desktop width and at a 390 px phone.
 */
describe('the web app in a browser (address protection)', () => {
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let ds: DataSource;
  const errors: Error[][] = [];
  const NAME = 'Karen Skov';
  const STREET = 'Skjulte Allé 9';
  const PHONE = '+4531415926';
  let id = '';

  beforeAll(async () => {
    stack = await bootStack();
    browser = stack.browser;
    ds = stack.api.get(DataSource);
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(() => {
    for (const list of errors) expect(list.map(String)).toEqual([]);
  });

  /** axe at desktop width and at a 390 px phone, with a screenshot of each. */
  async function checkScreen(page: Page, what: string, name: string) {
    await expectAccessible(page, `${what} (desktop)`);
    await shot(page, `${name}-desktop`);
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, `${what} (390 px)`);
    await shot(page, `${name}-phone`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  const setAnnaAway = (away: boolean) =>
    ds.query(
      `UPDATE brobygger SET absent_from = ${away ? 'current_date - 1, absent_to = current_date + 30' : 'NULL, absent_to = NULL'}
        WHERE user_id = (SELECT id FROM app_user WHERE username = 'brobygger.anna')`,
    );

  it('GP: marks the citizen as protected on the referral form', async () => {
    // Anna is the area's only brobygger and is away: the referral waits in her area's queue.
    await setAnnaAway(true);
    const { page, errors: e } = await signedIn(browser, stack.base, 'laege.holm');
    errors.push(e);
    await page.getByRole('heading', { name: 'Ny social henvisning' }).waitFor();
    await page.getByLabel('CPR-nummer').fill('020245-1234');
    await page.getByLabel('Navn', { exact: true }).fill(NAME);
    await page.getByLabel('Telefon', { exact: true }).fill(PHONE);
    await page.getByLabel('Adresse', { exact: true }).fill(STREET);
    await page.getByLabel('Postnummer', { exact: true }).fill('4040');
    await page.getByLabel('By', { exact: true }).fill('Jyllinge');
    await page.getByLabel('Borgeren har navne- og adressebeskyttelse').check();
    await page.getByText('Så vises adresse og telefon kun for den brobygger, der får forløbet').waitFor();
    await page.getByLabel('Ensomhed', { exact: true }).check();
    await page.getByLabel(/Borgeren har givet samtykke til at blive henvist/).check();
    await checkScreen(page, 'the referral form with the protection marked', 'p1-gp-form');
    await page.getByRole('button', { name: 'Send henvisning' }).click();
    await page.getByText('Henvisningen er sendt.').waitFor();
    [{ id }] = await ds.query(
      "SELECT r.id FROM referral r JOIN app_user u ON u.id = r.referrer_id WHERE u.username = 'laege.holm' ORDER BY r.created_at DESC LIMIT 1",
    );
    expect(
      (await ds.query('SELECT c.address_protected FROM citizen c JOIN referral r ON r.citizen_id = c.id WHERE r.id = $1', [id]))[0],
    ).toEqual({ address_protected: true });
  });

  it('coordinator: sees the badge in the unassigned queue and on the case, with the address', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'koordinator.mette');
    errors.push(e);
    await page.getByRole('heading', { name: 'Overblik' }).waitFor();
    await reloadUntil(page, async () => (await page.getByTestId('queue-unassigned').locator('.count').textContent()) === '1', 'the queue');
    await page.getByTestId('queue-unassigned').click();
    const row = page.getByTestId('unassigned-row').filter({ hasText: NAME });
    await row.getByTestId('address-protected').getByText('Beskyttet adresse').waitFor();
    expect(await row.innerText()).not.toContain(STREET);
    await checkScreen(page, 'the unassigned queue with a protected citizen', 'p2-coordinator-queue');

    await row.getByRole('link', { name: NAME }).click();
    await page.locator('h1').getByText('Beskyttet adresse').waitFor();
    await page.getByText(STREET).waitFor();
    await page.getByText(PHONE).waitFor();
    await checkScreen(page, 'the case of a protected citizen (coordinator)', 'p2-coordinator-case');
  });

  it('brobygger of the area: sees the waiting case without the address or phone; once assigned, with them', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'brobygger.anna');
    errors.push(e);
    await page.goto(`/sager/${id}`);
    await page.locator('h1').getByText('Beskyttet adresse').waitFor();
    expect(await page.getByText('Skjult (navne- og adressebeskyttelse)').count()).toBe(2); // phone and address
    const shown = await page.locator('main').innerText();
    expect([shown.includes(STREET), shown.includes(PHONE)]).toEqual([false, false]);
    await checkScreen(page, 'the area view of a protected citizen', 'p3-brobygger-area-view');

    // Back from leave; the coordinator gives her the case.
    await setAnnaAway(false);
    const coordinator = await signedIn(browser, stack.base, 'koordinator.mette');
    errors.push(coordinator.errors);
    await coordinator.page.goto(`/sager/${id}`);
    // Back at work, Anna may already have been given the waiting case by the matching sweep
    // (it retries waiting areas); otherwise the coordinator gives it to her by hand.
    const assignedAlready = await ds.query(
      `SELECT 1 FROM referral r JOIN brobygger b ON b.id = r.assignee_id JOIN app_user u ON u.id = b.user_id
        WHERE r.id = $1 AND u.username = 'brobygger.anna'`,
      [id],
    );
    if (assignedAlready.length === 0) {
      const annaOption = coordinator.page.getByLabel('Fordel til').locator('option', { hasText: 'Anna Kristensen' });
      await coordinator.page.getByLabel('Fordel til').selectOption((await annaOption.getAttribute('value')) ?? '');
      await coordinator.page.getByRole('button', { name: 'Fordel' }).click();
      await coordinator.page.getByRole('button', { name: 'Ja, fordel' }).click();
    }
    await coordinator.page.locator('h1').getByText('Fordelt').waitFor();
    await coordinator.context.close();

    await page.getByRole('link', { name: 'Mine borgere' }).click();
    const line = page.getByTestId('case-row').filter({ hasText: NAME });
    await line.getByTestId('address-protected').getByText('Beskyttet adresse').waitFor();
    expect(await line.innerText()).not.toContain(STREET);
    await checkScreen(page, 'the caseload with a protected citizen', 'p3-brobygger-caseload');
    await line.getByRole('link', { name: NAME }).click();
    await page.getByText(STREET).waitFor();
    await page.getByText(PHONE).waitFor();
    await page.locator('h1').getByText('Beskyttet adresse').waitFor();

    await page.getByLabel('Sprog').selectOption('en');
    await page.locator('h1').getByText('Protected address').waitFor();
    await checkScreen(page, 'the case of a protected citizen (holder, English)', 'p3-brobygger-case-en');
  });
});
