import { fireEvent, render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsentFields, ReferralConsent } from './ConsentFields';

const CONSENT: ReferralConsent = { referral: false, referrerFeedback: 'none', shareWithHost: false, sms: false, method: 'verbal' };

describe('the consent texts on the referral form', () => {
  afterEach(() => void i18n.changeLanguage('da'));

  it('explains each feedback level in plain Danish, tied to its choice', () => {
    render(<ConsentFields value={CONSENT} onChange={() => {}} />);
    const status = screen.getByLabelText('Status');
    const help = document.getElementById(status.getAttribute('aria-describedby')!)!;
    expect(help.textContent).toContain('når der har været en samtale');
    expect(help.textContent).toContain('Aldrig hvad der er talt om');
    const summary = screen.getByLabelText('Status og et kort resumé');
    expect(document.getElementById(summary.getAttribute('aria-describedby')!)!.textContent).toContain('borgeren har godkendt');
    const none = screen.getByLabelText('Kun at henvisningen er modtaget');
    expect((none as HTMLInputElement).checked).toBe(true);
    expect(document.getElementById(none.getAttribute('aria-describedby')!)!.textContent).toContain('Intet om forløbet');
  });

  it('says what sharing with a host means, and that the referral cannot go without consent', () => {
    render(<ConsentFields value={CONSENT} onChange={() => {}} />);
    expect(screen.getByLabelText(/Fornavn og telefonnummer må gives til en vært/).closest('label')!.textContent).toContain(
      'aldrig CPR eller helbredsoplysninger',
    );
    expect(screen.getByText('Uden borgerens samtykke kan henvisningen ikke sendes.')).toBeTruthy();
  });

  it('reports each change', () => {
    const onChange = vi.fn();
    render(<ConsentFields value={CONSENT} onChange={onChange} />);
    fireEvent.click(screen.getByLabelText('Status og et kort resumé'));
    expect(onChange).toHaveBeenLastCalledWith({ ...CONSENT, referrerFeedback: 'summary' });
    fireEvent.click(screen.getByLabelText(/Borgeren har givet samtykke til at blive henvist/));
    expect(onChange).toHaveBeenLastCalledWith({ ...CONSENT, referral: true });
  });

  it('has the same texts in English', async () => {
    await i18n.changeLanguage('en');
    render(<ConsentFields value={CONSENT} onChange={() => {}} />);
    expect(screen.getByLabelText('Status and a short summary')).toBeTruthy();
    expect(screen.getByText(/Never what was talked about/)).toBeTruthy();
  });
});
