import { ucla3Score, who5Score } from '@bro/casework';
import { RuleViolationError } from '@bro/platform';
import type { FollowUpKind } from './dto/follow-up.dto';

/**
 * Measuring after closing (SHINE-style, ADR 0018): WHO-5 and UCLA-3 asked again by a
 * short phone call 3 and 9 months after the first conversation, so the council report
 * can say whether a change lasts. They are follow-ups of their own kinds, and unlike
 * every other follow-up they outlive the closing of the case.
 */
export const MEASUREMENT_KINDS = ['measurement_3m', 'measurement_9m'] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];
export const MEASUREMENT_RESULTS = ['measured', 'declined', 'unreachable'] as const;
export type MeasurementResult = (typeof MEASUREMENT_RESULTS)[number];

export function isMeasurement(kind: string): kind is MeasurementKind {
  return (MEASUREMENT_KINDS as readonly string[]).includes(kind);
}

/**
 * Whether a case should have its 3- and 9-month measurements: once the first
 * conversation is held, while the case runs or after it closed with an outcome — not
 * when it was cancelled or rejected, not once the citizen withdrew the consent to the
 * referral (the case is erased or restricted), and not without the consent to
 * statistics, since measuring after closing serves the evaluation only.
 */
export function wantsMeasurements(c: {
  status: string;
  firstHeldAt: Date | null;
  referralConsent: boolean;
  statisticsConsent: boolean;
  restricted: boolean;
}): boolean {
  return (
    c.firstHeldAt !== null &&
    c.status !== 'cancelled' &&
    c.status !== 'rejected' &&
    c.referralConsent &&
    c.statisticsConsent &&
    !c.restricted
  );
}

export interface MeasurementAnswer {
  result: MeasurementResult;
  who5: number[] | null;
  who5Score: number | null;
  ucla3: number[] | null;
  ucla3Score: number | null;
}

/**
 * What completing a follow-up records: for a measurement, the answers (scored as at a
 * conversation) or that the citizen declined or could not be reached — never nothing,
 * so a refusal is told apart from a measurement not yet made; the measurement at closing
 * with or without them; for any other kind, nothing (answers there are a 422).
 */
export function measurementAnswer(
  kind: FollowUpKind,
  input: { result?: MeasurementResult; who5?: number[]; ucla3?: number[] },
): MeasurementAnswer | null {
  const answered = input.who5 !== undefined || input.ucla3 !== undefined;
  // The measurement at closing may carry the answers (or a refusal), taken on the closing
  // call or after (issue 15); completed without them, it is a task done, as before.
  if (kind === 'outcome_measurement' && !answered && input.result === undefined) return null;
  if (!isMeasurement(kind) && kind !== 'outcome_measurement') {
    if (answered || input.result !== undefined)
      throw new RuleViolationError('result, who5 and ucla3 are for measurement follow-ups only', { field: 'result' });
    return null;
  }
  const result = input.result ?? (answered ? 'measured' : undefined);
  if (!result)
    throw new RuleViolationError('A measurement is completed with the answers (who5, ucla3) or with result "declined" or "unreachable"', {
      field: 'result',
    });
  if (result !== 'measured') {
    if (answered) throw new RuleViolationError(`A measurement with result "${result}" takes no answers`, { field: 'result' });
    return { result, who5: null, who5Score: null, ucla3: null, ucla3Score: null };
  }
  if (!answered) throw new RuleViolationError('A measurement with result "measured" needs who5 or ucla3', { field: 'who5' });
  return {
    result,
    who5: input.who5 ?? null,
    who5Score: input.who5 ? who5Score(input.who5) : null,
    ucla3: input.ucla3 ?? null,
    ucla3Score: input.ucla3 ? ucla3Score(input.ucla3) : null,
  };
}
