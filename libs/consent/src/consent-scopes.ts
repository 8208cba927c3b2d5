import type { ConsentScope, FeedbackLevel } from '@bro/case-kernel';

/** The consents in force for one citizen. */
export interface ConsentState {
  referral: boolean;
  referrerFeedback: FeedbackLevel;
  shareWithHost: boolean;
  sms: boolean;
  statistics: boolean;
}

/** Defaults where the citizen has said nothing: no feedback beyond "received", statistics yes. */
export const DEFAULT_CONSENT: ConsentState = {
  referral: false,
  referrerFeedback: 'none',
  shareWithHost: false,
  sms: false,
  statistics: true,
};

const KEY_OF_SCOPE: Record<ConsentScope, keyof ConsentState> = {
  referral: 'referral',
  referrer_feedback: 'referrerFeedback',
  share_with_host: 'shareWithHost',
  sms: 'sms',
  statistics: 'statistics',
};

/** Folds consent rows (newest last) into the state in force. */
export function consentState(rows: { scope: ConsentScope; value: string }[]): ConsentState {
  const state: ConsentState = { ...DEFAULT_CONSENT };
  for (const { scope, value } of rows) {
    if (scope === 'referrer_feedback') state.referrerFeedback = value as FeedbackLevel;
    else (state[KEY_OF_SCOPE[scope]] as boolean) = value === 'true';
  }
  return state;
}
