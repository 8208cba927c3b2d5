import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { caller, referralBody, validCpr, waitFor } from '../kit';
import { bootStack, expectAccessible, shot, signedIn, BOOT_TIMEOUT } from './browser-kit';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/**
 * The rest of issue 15's working day in Chromium, against the real api and worker, at
 * desktop width and on a 390 px phone with axe: the brobygger's own follow-ups ("Mine
 * opfølgninger") from the menu, done with a confirmation and undo; the bell's "Ny borger
 * tildelt"; the citizen's access log (names and roles) and data export on the case page;
 * the wheel's chunk fetched only where something was measured; every table labelling its
 * cells on a phone; offers created, edited and paused and a user deactivated on a phone.
 */
describe('the working day: own follow-ups, notifications, the citizen’s rights, tables on a phone (browser)', () => {
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let call: ReturnType<typeof caller>;
  const errors: Error[][] = [];
  const KAREN = { name: 'Karen Bjerre', cpr: validCpr() };
  const POUL = { name: 'Poul Dam', cpr: validCpr() };
  const ids: Record<string, string> = {};
  const gp = { username: 'laege.holm' };
  const anna = { username: 'brobygger.anna' };
  const masked = (cpr: string) => `${cpr.slice(0, 6)}-****`;

  beforeAll(async () => {
    stack = await bootStack();
    browser = stack.browser;
    call = caller(stack.api);
    const ds = stack.api.get(DataSource);
    // Two citizens of Anna's area (4040), referred by Dr. Holm and assigned by the worker.
    for (const [key, c] of [
      ['karen', KAREN],
      ['poul', POUL],
    ] as const) {
      const body = referralBody({ cpr: c.cpr, postcode: '4040' });
      body.citizen.name = c.name;
      const res = await call(gp, 'POST', '/v1/referrals', body);
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
      await waitFor(
        'assigned',
        async () => (await ds.query("SELECT 1 FROM referral WHERE id = $1 AND status = 'assigned'", [res.body.id])).length > 0,
      );
    }
    // A follow-up of Anna's own choosing on Karen's case, due tomorrow.
    const custom = await call(anna, 'POST', '/v1/follow-ups', {
      referralId: ids.karen,
      kind: 'custom',
      dueAt: new Date(Date.now() + 26 * 3600_000).toISOString(),
    });
    expect(custom.status).toBe(201);
    ids.custom = custom.body.id;
    // Poul is reached and has a first conversation with the wheel and the scores.
    expect((await call(anna, 'POST', `/v1/referrals/${ids.poul}/contact-attempts`, { outcome: 'reached' })).status).toBe(201);
    const conversation = await call(anna, 'POST', `/v1/referrals/${ids.poul}/conversations`, {
      heldAt: new Date(Date.now() - 3600_000).toISOString(),
      durationMinutes: 45,
      location: 'Biblioteket',
      kind: 'first',
      wheel: { health: 6, mood: 4, relations: 3 },
      whatMatters: 'At se mine børnebørn',
      who5: [2, 1, 2, 1, 2],
      ucla3: [3, 3, 2],
    });
    expect(conversation.status).toBe(201);
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(() => {
    for (const list of errors) expect(list.map(String)).toEqual([]);
  });

  async function expectNotWider(page: Page, what: string) {
    const { scroll, client } = await page.evaluate(() => {
      const doc = (globalThis as any).document;
      return { scroll: doc.documentElement.scrollWidth, client: doc.documentElement.clientWidth };
    });
    expect({ what, wider: scroll > client }).toEqual({ what, wider: false });
  }

  /** axe and the width at desktop, then at 390 px (left there), with a screenshot of each. */
  async function bothSizes(page: Page, what: string, name: string) {
    await page.setViewportSize(DESKTOP);
    await expectAccessible(page, what);
    await expectNotWider(page, what);
    await shot(page, `day-${name}`);
    await page.setViewportSize(PHONE);
    await expectAccessible(page, `${what} (390 px)`);
    await expectNotWider(page, `${what} (390 px)`);
    await shot(page, `day-${name}-phone`);
  }

  /**
   * At 390 px every table's header row is hidden, and every cell under a named column
   * shows that name before its content (CSS generated from data-label); the table keeps
   * its roles. Returns how many tables were checked.
   */
  async function expectLabelledCells(page: Page, what: string): Promise<number> {
    const report = await page.evaluate(() => {
      const w = globalThis as any;
      const out: { tables: number; problems: string[] } = { tables: 0, problems: [] };
      for (const table of w.document.querySelectorAll('main table')) {
        out.tables += 1;
        const head = table.querySelector('thead tr');
        if (!head) continue;
        const names = [...head.children].map((th: any) => th.textContent.trim());
        // Hidden for the eye only: clipped away, still in the accessibility tree.
        const style = w.getComputedStyle(head);
        if (style.position !== 'absolute' || !style.clip.startsWith('rect(0px'))
          out.problems.push(`header row visible in table ${out.tables}`);
        if (table.getAttribute('role') !== 'table') out.problems.push(`table ${out.tables} lost its role`);
        for (const row of table.querySelectorAll('tbody tr')) {
          [...row.children].forEach((cell: any, i: number) => {
            if (!names[i] || cell.tagName !== 'TD') return;
            const before = w.getComputedStyle(cell, '::before').content as string;
            if (!before.includes(names[i]))
              out.problems.push(`"${cell.textContent.trim().slice(0, 30)}" shows no "${names[i]}" (${before})`);
          });
        }
      }
      return out;
    });
    expect({ what, problems: report.problems.slice(0, 5) }).toEqual({ what, problems: [] });
    return report.tables;
  }

  /** The JS files the page has fetched so far. */
  const scriptsOf = (page: Page) =>
    page.evaluate(() =>
      ((globalThis as any).performance.getEntriesByType('resource') as { name: string; initiatorType: string }[])
        .map((e) => e.name)
        .filter((n) => n.endsWith('.js'))
        .map((n) => n.split('/').pop()!),
    );

  it('brobygger: "Ny borger tildelt" in the bell; Mine opfølgninger from the menu names each citizen; done after a confirmation, with undo', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'brobygger.anna');
    errors.push(e);
    // The bell counts what is new since it was last opened: at least the two assignments.
    const bell = page.getByRole('button', { name: /^Notifikationer, \d+ ulæste$/ });
    await bell.waitFor();
    await bell.click();
    const panel = page.locator('#bell-panel');
    expect(await panel.getByRole('link', { name: 'Ny borger tildelt' }).count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(page, 'the bell with new citizens');
    await shot(page, 'day-bell');
    // Opened: nothing unread any more, also after a reload.
    await bell.click();
    await page.getByRole('button', { name: 'Notifikationer', exact: true }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Notifikationer', exact: true }).waitFor();

    // Mine opfølgninger, from the menu.
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mine opfølgninger' }).click();
    await page.getByRole('heading', { name: 'Mine opfølgninger', level: 1 }).waitFor();
    expect(await page.title()).toBe('Mine opfølgninger · Bro');
    const karen = page.getByTestId('follow-up-upcoming').filter({ hasText: 'Egen opfølgning' }).filter({ hasText: KAREN.name });
    await karen.getByRole('link', { name: KAREN.name }).waitFor();
    await karen.getByText(masked(KAREN.cpr)).waitFor();
    await karen.getByText(/Frist/).waitFor();
    // The rows name no brobygger: they are all hers.
    expect(await page.getByTestId('follow-up-upcoming').filter({ hasText: 'Brobygger:' }).count()).toBe(0);
    await bothSizes(page, 'Mine opfølgninger', 'my-follow-ups');

    // On the phone: done asks first, then can be taken back.
    await karen.getByRole('button', { name: 'Udført' }).click();
    const question = page.getByRole('group', { name: `Markér "Egen opfølgning" for ${KAREN.name} som udført?` });
    await question.waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Ja, udført');
    await expectAccessible(page, 'the confirmation (390 px)');
    await question.getByRole('button', { name: 'Ja, udført' }).click();
    await page.getByText(`"Egen opfølgning" for ${KAREN.name} er markeret som udført.`).waitFor();
    await shot(page, 'day-my-follow-ups-undo-phone');
    await page.getByRole('button', { name: 'Fortryd' }).click();
    await karen.getByRole('link', { name: KAREN.name }).waitFor();
    const ds = stack.api.get(DataSource);
    expect((await ds.query('SELECT status FROM follow_up WHERE id = $1', [ids.custom]))[0].status).toBe('open');

    // Done for real: sent when the moment to undo has passed.
    await karen.getByRole('button', { name: 'Udført' }).click();
    await page.getByRole('button', { name: 'Ja, udført' }).click();
    await waitFor(
      'the follow-up done',
      async () => (await ds.query('SELECT status FROM follow_up WHERE id = $1', [ids.custom]))[0].status === 'done',
    );
    await karen.waitFor({ state: 'detached' });

    // The phone menu reaches it too.
    await page.goto('/borgere');
    await page.getByRole('heading', { name: 'Mine borgere', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Mine opfølgninger' }).click();
    await page.getByRole('heading', { name: 'Mine opfølgninger', level: 1 }).waitFor();
    await page.context().close();
  }, 120_000);

  it('brobygger: a new case fetches no drawing code; a measured one fetches the wheel, never the charts', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'brobygger.anna');
    errors.push(e);
    await page.goto(`/sager/${ids.karen}`);
    await page.getByRole('heading', { name: KAREN.name, level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    const plain = await scriptsOf(page);
    expect(plain.filter((s) => /^(Outcomes|Wheel|BarChart)-/.test(s))).toEqual([]);

    await page.goto(`/sager/${ids.poul}`);
    await page.getByRole('heading', { name: 'Trivsel: første måling og seneste', level: 2 }).waitFor();
    await page.getByTestId('scale-WHO-5 trivselsindeks').getByText('Niveau 32').waitFor();
    await page.waitForLoadState('networkidle');
    const measured = await scriptsOf(page);
    expect(measured.some((s) => s.startsWith('Outcomes-'))).toBe(true);
    expect(measured.filter((s) => s.startsWith('BarChart-'))).toEqual([]);
    await bothSizes(page, 'a case with the wheel', 'case-wheel');
    await page.context().close();
  });

  it('coordinator: the access log names who did what and their role; the export downloads after a confirmation', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'koordinator.mette');
    errors.push(e);
    await page.goto(`/sager/${ids.karen}`);
    await page.getByRole('heading', { name: KAREN.name, level: 1 }).waitFor();
    const rights = page.getByRole('region', { name: 'Borgerens rettigheder' });
    await rights.getByRole('button', { name: 'Vis adgangslog' }).click();
    const rows = page.getByTestId('access-log-row');
    await rows.first().waitFor();
    const text = await page.locator('#access-log').innerText();
    expect(text).toContain('Dr. Peter Holm');
    expect(text).toContain('Henviser');
    expect(text).toContain('Oprettede henvisningen');
    expect(text).toContain('Anna Kristensen');
    expect(text).toContain('Brobygger');
    expect(text).toContain('Mette Lund');
    expect(text).toContain('Åbnede sagen');
    expect(text).toContain('Bro (automatisk)');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no ids
    await page
      .getByTestId('access-log-total')
      .getByText(/^Viser 1–\d+ af \d+, nyeste først$/)
      .waitFor();
    await bothSizes(page, 'the access log', 'access-log');
    expect(await expectLabelledCells(page, 'the access log')).toBe(1);

    // The export: asks first (the file holds the CPR number), then downloads a file named by date only.
    await page.setViewportSize(DESKTOP);
    await rights.getByRole('button', { name: 'Hent dataudtræk' }).click();
    await rights.getByRole('group', { name: /^Hent alt, Bro har om borgeren, som en fil\?/ }).waitFor();
    await expectAccessible(page, 'the export confirmation');
    const [download] = await Promise.all([page.waitForEvent('download'), rights.getByRole('button', { name: 'Ja, hent filen' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^bro-dataudtraek-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(JSON.stringify(exported)).toContain(KAREN.name);
    await rights.getByText('Dataudtrækket er hentet.').waitFor();
    // Both are in the log now.
    const ds = stack.api.get(DataSource);
    const actions = await ds.query(
      "SELECT DISTINCT action FROM audit_log a JOIN referral r ON r.citizen_id = a.citizen_id WHERE r.id = $1 AND a.action IN ('citizen.export', 'citizen.access-log')",
      [ids.karen],
    );
    expect(actions.map((a: { action: string }) => a.action).sort()).toEqual(['citizen.access-log', 'citizen.export']);
    // A brobygger has neither.
    const b = (await signedIn(browser, stack.base, 'brobygger.anna')).page;
    await b.goto(`/sager/${ids.karen}`);
    await b.getByRole('heading', { name: KAREN.name, level: 1 }).waitFor();
    expect(await b.getByRole('region', { name: 'Borgerens rettigheder' }).count()).toBe(0);
    await b.context().close();
    await page.context().close();
  }, 120_000);

  it('coordinator on a phone: every table labels its cells; offers are created, edited and paused; a user is deactivated and back', async () => {
    const { page, errors: e } = await signedIn(browser, stack.base, 'koordinator.mette');
    errors.push(e);
    await page.setViewportSize(PHONE);
    await page.goto('/administration');
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await page.getByTestId('user-row').first().waitFor();
    await page.getByTestId('offer-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await expectLabelledCells(page, 'Administration')).toBeGreaterThanOrEqual(4);
    await expectAccessible(page, 'Administration (390 px)');
    await expectNotWider(page, 'Administration (390 px)');

    // A new offer: the required fields say so in Danish, then it is created.
    await page.getByRole('button', { name: 'Nyt tilbud' }).click();
    const form = page.getByRole('form', { name: 'Nyt tilbud' });
    await form.waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('offer-form-h');
    await form.getByRole('button', { name: 'Opret tilbuddet' }).click();
    expect(await form.getByText('Skal udfyldes.').count()).toBe(3);
    expect(await form.getByLabel('Navn på tilbuddet').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the offer form with errors (390 px)');
    await expectNotWider(page, 'the offer form (390 px)');
    await shot(page, 'day-offer-form-phone');
    await form.getByLabel('Navn på tilbuddet').fill('Strikkeklub i Jyllinge');
    await form.getByLabel('Forening').selectOption({ index: 1 });
    await form.getByLabel('Kategori').selectOption('creative');
    await form.getByLabel('Hvornår (fx torsdage 10–12)').fill('Tirsdage 14–16');
    await form.getByLabel('Frie pladser').fill('6');
    await form.getByLabel('Der kan komme en følgeven med').check();
    await form.getByRole('button', { name: 'Opret tilbuddet' }).click();
    await page.getByText('Tilbuddet er gemt.').waitFor();
    const row = page.getByTestId('offer-row').filter({ hasText: 'Strikkeklub i Jyllinge' });
    await row.waitFor();
    await row.getByText('6', { exact: true }).waitFor();

    // Edit: the form opens filled in; only the change is sent.
    await row.getByRole('button', { name: 'Redigér: Strikkeklub i Jyllinge' }).click();
    const edit = page.getByRole('form', { name: 'Redigér Strikkeklub i Jyllinge' });
    expect(await edit.getByLabel('Hvornår (fx torsdage 10–12)').inputValue()).toBe('Tirsdage 14–16');
    await edit.getByLabel('Frie pladser').fill('2');
    await expectAccessible(page, 'the offer edit form (390 px)');
    await edit.getByRole('button', { name: 'Gem ændringerne' }).click();
    await page.getByText('Tilbuddet er gemt.').waitFor();
    await row.getByText('2', { exact: true }).waitFor();

    // Pause and resume.
    await row.getByRole('button', { name: 'Sæt på pause: Strikkeklub i Jyllinge' }).click();
    await row.getByText('På pause', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Genoptag: Strikkeklub i Jyllinge' }).click();
    await row.getByText('På pause', { exact: true }).waitFor({ state: 'detached' });
    await expectNotWider(page, 'the directory after editing (390 px)');

    // Deactivate a user on the phone: asks first, in the row; then back.
    const user = page.getByTestId('user-row').filter({ hasText: 'Dr. Sofie Berg' });
    await user.getByRole('button', { name: 'Deaktivér' }).click();
    await user.getByRole('group', { name: /^Deaktivér Dr\. Sofie Berg\?/ }).waitFor();
    await expectAccessible(page, 'the deactivation question (390 px)');
    await expectNotWider(page, 'the deactivation question (390 px)');
    await shot(page, 'day-deactivate-phone');
    await user.getByRole('button', { name: 'Ja, deaktivér' }).click();
    await user.getByText('Deaktiveret').waitFor();
    await user.getByRole('button', { name: 'Genaktivér' }).click();
    await user.getByRole('button', { name: 'Deaktivér' }).waitFor();
    expect(await user.getByText('Deaktiveret').count()).toBe(0);
    await shot(page, 'day-admin-phone');

    // The other pages with tables, at 390 px.
    for (const [path, heading] of [
      ['/rapport', /Rapport/],
      ['/statistik', 'Statistik'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectLabelledCells(page, path);
      await expectAccessible(page, `${path} (390 px)`);
      await expectNotWider(page, `${path} (390 px)`);
      await shot(page, `day-tables${path.replace('/', '-')}-phone`);
    }
    await page.context().close();
  }, 180_000);
});
