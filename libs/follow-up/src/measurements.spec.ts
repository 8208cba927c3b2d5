import { measurementAnswer, wantsMeasurements } from './measurements';

describe('wantsMeasurements', () => {
  const base = {
    status: 'completed',
    firstHeldAt: new Date('2026-03-02T09:00:00Z'),
    referralConsent: true,
    statisticsConsent: true,
    restricted: false,
  };

  it('measures once the first conversation is held, while the case runs and after it closed', () => {
    expect(wantsMeasurements(base)).toBe(true);
    expect(wantsMeasurements({ ...base, status: 'active' })).toBe(true);
    expect(wantsMeasurements({ ...base, status: 'on_hold' })).toBe(true);
  });

  it('does not measure before a first conversation, for a cancelled or rejected case, or without consent', () => {
    expect(wantsMeasurements({ ...base, firstHeldAt: null })).toBe(false);
    expect(wantsMeasurements({ ...base, status: 'cancelled' })).toBe(false);
    expect(wantsMeasurements({ ...base, status: 'rejected' })).toBe(false);
    expect(wantsMeasurements({ ...base, referralConsent: false })).toBe(false);
    expect(wantsMeasurements({ ...base, statisticsConsent: false })).toBe(false);
    expect(wantsMeasurements({ ...base, restricted: true })).toBe(false);
  });
});

describe('measurementAnswer', () => {
  it('scores the answers of a measurement, as at a conversation', () => {
    expect(measurementAnswer('measurement_3m', { who5: [3, 3, 4, 3, 3], ucla3: [2, 1, 2] })).toEqual({
      result: 'measured',
      who5: [3, 3, 4, 3, 3],
      who5Score: 64,
      ucla3: [2, 1, 2],
      ucla3Score: 5,
    });
    expect(measurementAnswer('measurement_9m', { ucla3: [3, 3, 3] })).toMatchObject({ result: 'measured', who5Score: null, ucla3Score: 9 });
  });

  it('records a refusal or an unreached citizen as such, without answers', () => {
    expect(measurementAnswer('measurement_3m', { result: 'declined' })).toEqual({
      result: 'declined',
      who5: null,
      who5Score: null,
      ucla3: null,
      ucla3Score: null,
    });
    expect(measurementAnswer('measurement_9m', { result: 'unreachable' })?.result).toBe('unreachable');
  });

  it('refuses a measurement completed with nothing, a result that contradicts the answers, or invalid answers (422)', () => {
    const fails = (kind: Parameters<typeof measurementAnswer>[0], input: Parameters<typeof measurementAnswer>[1]) => {
      try {
        measurementAnswer(kind, input);
      } catch (err) {
        return (err as { statusCode?: number }).statusCode;
      }
      return 'accepted';
    };
    expect(fails('measurement_3m', {})).toBe(422);
    expect(fails('measurement_3m', { result: 'measured' })).toBe(422);
    expect(fails('measurement_3m', { result: 'declined', who5: [1, 1, 1, 1, 1] })).toBe(422);
    expect(fails('measurement_3m', { who5: [1, 1, 1] })).toBe(422);
    expect(fails('measurement_3m', { ucla3: [0, 1, 2] })).toBe(422);
    // Other kinds take no answers, and need none.
    expect(fails('review', { who5: [1, 1, 1, 1, 1] })).toBe(422);
    expect(fails('custom', { result: 'declined' })).toBe(422);
    expect(measurementAnswer('follow_up_call', {})).toBeNull();
  });

  it('takes the final measurement at closing with the answers or a refusal, or as a task done without them (issue 15)', () => {
    expect(measurementAnswer('outcome_measurement', {})).toBeNull();
    expect(measurementAnswer('outcome_measurement', { who5: [5, 5, 5, 5, 5] })).toMatchObject({ result: 'measured', who5Score: 100 });
    expect(measurementAnswer('outcome_measurement', { result: 'declined' })?.result).toBe('declined');
    expect(() => measurementAnswer('outcome_measurement', { result: 'measured' })).toThrow();
  });
});
