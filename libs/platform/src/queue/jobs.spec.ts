import { checkJobHandlers, JOB_NAMES, JOBS, jobId, QUEUE_NAMES } from './jobs';

/** Periodic runs nobody enqueues: the day's reminders and offer checks; the next run does what one missed. */
const DAILY_RUNS: readonly string[] = ['appointment.remind', 'community.offer-checks'];

describe('the job registry', () => {
  it('puts every job on a known queue; work that must happen retries', () => {
    for (const name of JOB_NAMES) {
      expect(QUEUE_NAMES).toContain(JOBS[name].queue);
      if (!name.endsWith('.sweep') && !name.startsWith('maintenance.') && !DAILY_RUNS.includes(name))
        expect(JOBS[name].options.attempts).toBeGreaterThan(1);
    }
  });

  it('is sound when each job has exactly one handler', () => {
    expect(checkJobHandlers([...JOB_NAMES])).toEqual([]);
  });

  it('names a job without a handler, one with two, and a handler for no job', () => {
    expect(checkJobHandlers([])).toEqual(JOB_NAMES.map((n) => `job ${n} has no handler`));
    expect(checkJobHandlers([...JOB_NAMES, JOB_NAMES[0]])).toContain(`job ${JOB_NAMES[0]} has 2 handlers`);
    expect(checkJobHandlers([...JOB_NAMES, 'matching.guess'])).toContain('handler for unknown job matching.guess');
  });

  it('makes deterministic job ids that BullMQ accepts (no colon)', () => {
    const id = jobId('matching.match', '8f1c0d2e-0000-4000-8000-000000000000');
    expect(id).toBe('matching.match.8f1c0d2e-0000-4000-8000-000000000000');
    expect(id).not.toContain(':');
  });
});

describe('the schedules in the registry', () => {
  it('schedules exactly the periodic jobs: the sweeps, the maintenance runs and the reminders nobody enqueues', () => {
    const scheduled = JOB_NAMES.filter((n) => JOBS[n].schedule !== undefined);
    expect(scheduled.sort()).toEqual(
      JOB_NAMES.filter(
        (n) => n.endsWith('.sweep') || DAILY_RUNS.includes(n) || (n.startsWith('maintenance.') && n !== 'maintenance.forget-case'),
      ).sort(),
    );
    for (const name of scheduled) expect(JOBS[name].options.attempts).toBeLessThanOrEqual(3);
  });
});
