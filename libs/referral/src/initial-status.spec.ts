import { ConflictError } from '@bro/platform';
import { assertTransition } from './referral-status';
import { AWAITING_ASSIGNMENT_STATUSES, canTransition, INITIAL_STATUSES, LIFECYCLE, REFERRAL_STATUSES } from '@bro/case-kernel';

describe('the case kernel lifecycle', () => {
  it('lets a referral be born only submitted, held as a possible duplicate, or awaiting consent (a public referral)', () => {
    expect(INITIAL_STATUSES).toEqual(['submitted', 'possible_duplicate', 'awaiting_consent']);
    for (const to of REFERRAL_STATUSES) expect(canTransition(null, to)).toBe(INITIAL_STATUSES.includes(to));
  });

  it('calls a case awaiting assignment only while it is an open case of its own that can still be assigned', () => {
    expect([...AWAITING_ASSIGNMENT_STATUSES]).toEqual(['submitted', 'unassigned']);
    for (const s of AWAITING_ASSIGNMENT_STATUSES) {
      expect(LIFECYCLE[s].closed).toBe(false);
      expect(LIFECYCLE[s].ownCase).toBe(true);
      expect(canTransition(s, 'assigned')).toBe(true);
    }
  });
});

describe('assertTransition from no status', () => {
  it('allows the first statuses and answers 409 for any other', () => {
    expect(() => assertTransition(null, 'submitted')).not.toThrow();
    expect(() => assertTransition(null, 'possible_duplicate')).not.toThrow();
    expect(() => assertTransition(null, 'assigned')).toThrow(ConflictError);
  });
});
