import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { caller, referralBody, waitFor } from '../kit';
import { bootStack, expectAccessible, shot, signedIn, BOOT_TIMEOUT } from './browser-kit';

/**
 * Appointments in the browser (issue 17): Anna books a conversation from the case page,
 * sees it in her week, and prints "Min samtale og min plan" for the citizen. Each screen
 * is checked with axe-core at desktop width and at a 390 px phone.
 */
describe('the web app in a browser (appointments)', () => {
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let ds: DataSource;
  const errors: Error[][] = [];
  let id = '';

  beforeAll(async () => {
    stack = await bootStack();
    browser = stack.browser;
    ds = stack.api.get(DataSource);
    const call = caller(stack.api);
    const created = await call({ username: 'laege.holm' }, 'POST', '/v1/referrals', { ...referralBody(), note: 'Booking i browseren' });
    id = created.body.id as string;
    const [anna] = await ds.query("SELECT b.id FROM brobygger b JOIN app_user u ON u.id = b.user_id WHERE u.username = 'brobygger.anna'");
    await waitFor('the referral matched or waiting', async () => {
      const [r] = await ds.query('SELECT status FROM referral WHERE id = $1', [id]);
      return r.status !== 'submitted';
    });
    const [r] = await ds.query('SELECT assignee_id FROM referral WHERE id = $1', [id]);
    if (r.assignee_id !== anna.id) {
      if (r.assignee_id) await call({ username: 'koordinator.mette' }, 'POST', `/v1/referrals/${id}/unassign`, {});
      expect((await call({ username: 'koordinator.mette' }, 'POST', `/v1/referrals/${id}/assign`, { brobyggerId: anna.id })).status).toBe(
        200,
      );
    }
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(() => {
    for (const list of errors) expect(list.map(String)).toEqual([]);
  });

  async function checkScreen(page: Page, what: string, name: string) {
    await expectAccessible(page, `${what} (desktop)`);
    await shot(page, `${name}-desktop`);
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, `${what} (390 px)`);
    await shot(page, `${name}-phone`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** Tuesday of next week at 10:00, as a datetime-local value. */
  function nextTuesday(): string {
    const d = new Date();
    d.setDate(d.getDate() + ((7 - ((d.getDay() + 6) % 7)) % 7 || 7) + 1);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
  }

  it('brobygger: books from the case page, sees the week, prints the plan', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'brobygger.anna');
    errors.push(e);
    await page.goto(`/sager/${id}`);
    await page.getByRole('heading', { name: 'Aftaler' }).waitFor();
    await page.getByLabel('Tidspunkt').fill(nextTuesday());
    await page.getByLabel('Mødested').selectOption({ label: 'Havehuset (tilgængeligt)' });
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByText('Samtalen er booket.').waitFor();
    await page.getByText('Havehuset · ').first().waitFor();
    await checkScreen(page, 'the case page with a booked appointment', 'a1-case-booked');

    // The same time again: the clash is named, in Danish.
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByText(/Du har allerede en aftale/).waitFor();

    await page.getByRole('link', { name: 'Aftaler' }).click();
    await page.getByRole('heading', { name: /Mine aftaler/ }).waitFor();
    await page.getByRole('button', { name: /Næste uge/ }).click();
    await page.getByRole('link', { name: 'Inger Jensen' }).waitFor();
    await checkScreen(page, 'the week view', 'a2-week');

    await page.goto(`/sager/${id}`);
    await page.getByRole('link', { name: 'Udskriv til borgeren' }).click();
    await page.getByRole('heading', { name: 'Min samtale og min plan' }).waitFor();
    await page.getByText('Vores næste aftale').waitFor();
    await page.getByText(/Havehuset/).waitFor();
    await checkScreen(page, 'the citizen’s copy', 'a3-print');
  });
});
