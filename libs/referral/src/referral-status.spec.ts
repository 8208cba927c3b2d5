import { canTransition, fhirTaskStatus, LIFECYCLE, nextActions, REFERRAL_STATUSES } from '@bro/case-kernel';
import { ConflictError } from '@bro/platform';
import { assertTransition } from './referral-status';

describe('the referral lifecycle', () => {
  it('lets a submitted referral be routed, and only a completed case be reopened (routed again)', () => {
    expect(canTransition('submitted', 'assigned')).toBe(true);
    expect(canTransition('submitted', 'unassigned')).toBe(true);
    for (const closed of ['rejected', 'cancelled'] as const) {
      for (const to of REFERRAL_STATUSES) expect(canTransition(closed, to)).toBe(false);
    }
    expect(REFERRAL_STATUSES.filter((to) => canTransition('completed', to))).toEqual(['submitted']);
  });

  it('answers an illegal transition with a 409 that names the current status', () => {
    expect(() => assertTransition('completed', 'active')).toThrow(ConflictError);
    expect(() => assertTransition('completed', 'active')).toThrow(/completed/);
  });

  it('only leads to statuses that exist', () => {
    for (const s of REFERRAL_STATUSES) for (const to of LIFECYCLE[s].next) expect(REFERRAL_STATUSES).toContain(to);
  });

  it('maps to FHIR Task.status, refined by the closing outcome', () => {
    expect(fhirTaskStatus('submitted', null)).toBe('requested');
    expect(fhirTaskStatus('assigned', null)).toBe('accepted');
    expect(fhirTaskStatus('on_hold', null)).toBe('on-hold');
    expect(fhirTaskStatus('completed', 'goal_reached')).toBe('completed');
    expect(fhirTaskStatus('completed', 'unreachable')).toBe('failed');
    expect(fhirTaskStatus('completed', 'declined')).toBe('cancelled');
  });

  it('offers only the next steps the lifecycle allows', () => {
    expect(nextActions('assigned')).toEqual(['assign', 'contact_attempt', 'plan', 'hold', 'close']);
    expect(nextActions('contacted')).toEqual(['assign', 'contact_attempt', 'first_conversation', 'plan', 'hold', 'close']);
    expect(nextActions('on_hold')).toEqual(['assign', 'contact_attempt', 'follow_up_conversation', 'plan', 'resume', 'close']);
    expect(nextActions('unassigned')).toEqual(['assign', 'plan']);
    for (const closed of ['rejected', 'cancelled'] as const) expect(nextActions(closed)).toEqual([]);
    expect(nextActions('completed')).toEqual(['reopen']);
  });

  it('keeps a public referral out of matching and casework until consent: routed, declined or spam (ADR 0030)', () => {
    expect(nextActions('awaiting_consent')).toEqual(['first_contact', 'reject_spam']);
    // …or held as a possible duplicate once a coordinator joins its CPR-less citizen to one with an open case (ADR 0033).
    expect(LIFECYCLE.awaiting_consent.next).toEqual(['submitted', 'cancelled', 'rejected', 'possible_duplicate']);
    expect(canTransition(null, 'awaiting_consent')).toBe(true);
    expect(canTransition('awaiting_consent', 'assigned')).toBe(false);
    expect(LIFECYCLE.awaiting_consent.ownCase).toBe(true);
  });

  it('holds a possible duplicate apart from casework: it is decided, then linked, routed or closed (ADR 0014)', () => {
    expect(nextActions('possible_duplicate')).toEqual(['decide_duplicate']);
    expect(nextActions('linked')).toEqual([]);
    expect(LIFECYCLE.possible_duplicate.next).toEqual(['linked', 'submitted', 'rejected', 'cancelled', 'awaiting_consent']);
    for (const held of ['possible_duplicate', 'linked'] as const) {
      expect(canTransition(held, 'assigned')).toBe(false);
      expect(canTransition(held, 'unassigned')).toBe(false);
    }
    // A held referral looks to FHIR like any referral not yet routed.
    expect(fhirTaskStatus('possible_duplicate', null)).toBe(fhirTaskStatus('submitted', null));
  });
});
