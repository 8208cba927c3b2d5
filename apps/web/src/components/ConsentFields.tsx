import { ConsentMethod, FEEDBACK_LEVELS, FeedbackLevel } from '@bro/case-kernel';
import { useTranslation } from 'react-i18next';
import { describedBy, FieldError, RequiredMark } from './FormErrors';

export interface ReferralConsent {
  referral: boolean;
  referrerFeedback: FeedbackLevel;
  shareWithHost: boolean;
  sms: boolean;
  method: ConsentMethod;
}

/**
 * The citizen's consents on the referral form, each explained in plain Danish: the
 * GP reads to the citizen what "status" and "summary" mean before ticking.
 */
export function ConsentFields({
  value,
  onChange,
  error,
}: {
  value: ReferralConsent;
  onChange: (next: ReferralConsent) => void;
  /** Shown under the referral consent (`consent-referral-error`): it is the one consent the form cannot be sent without. */
  error?: string;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof ReferralConsent>(key: K, v: ReferralConsent[K]) => onChange({ ...value, [key]: v });
  return (
    <fieldset className="consent">
      <legend>{t('consent.title')}</legend>
      <label className="check">
        <input
          type="checkbox"
          id="consent-referral"
          required
          checked={value.referral}
          onChange={(e) => set('referral', e.target.checked)}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy('consent-referral', error, value.referral ? undefined : 'consent-referral-required')}
        />
        {t('consent.referral')}
        <RequiredMark />
      </label>
      {!value.referral && (
        <p id="consent-referral-required" className="hint">
          {t('consent.referralRequired')}
        </p>
      )}
      <FieldError id="consent-referral" message={error} />
      <fieldset>
        <legend>{t('consent.feedbackLegend')}</legend>
        {FEEDBACK_LEVELS.map((level) => (
          <div key={level} className="radio-explained">
            <label>
              <input
                type="radio"
                name="referrerFeedback"
                value={level}
                checked={value.referrerFeedback === level}
                onChange={() => set('referrerFeedback', level)}
                aria-describedby={`feedback-help-${level}`}
              />
              {t(`consent.feedback.${level}`)}
            </label>
            <p id={`feedback-help-${level}`} className="hint">
              {t(`consent.feedbackHelp.${level}`)}
            </p>
          </div>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={value.shareWithHost} onChange={(e) => set('shareWithHost', e.target.checked)} />
        {t('consent.shareWithHost')}
      </label>
      <label className="check">
        <input type="checkbox" checked={value.sms} onChange={(e) => set('sms', e.target.checked)} />
        {t('consent.sms')}
      </label>
      <label>
        {t('consent.method')}
        <select value={value.method} onChange={(e) => set('method', e.target.value as ReferralConsent['method'])}>
          {(['verbal', 'written', 'digital'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`consent.methods.${m}`)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
