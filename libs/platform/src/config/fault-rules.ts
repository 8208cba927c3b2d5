import { isJobName, JobName } from '../queue/jobs';

/**
 * The test-only fault hook's rules (FAULT_INJECTION, ADR 0011), parsed here so that a
 * bad value stops the process like any other setting. Production refuses the hook
 * altogether (app-config.ts).
 */
export type FaultRule =
  { kind: 'transient'; times: number } | { kind: 'permanent' } | { kind: 'stall'; ms: number } | { kind: 'delay'; ms: number };

const RULE = /^(?:transient:(\d{1,2})|permanent|stall:(\d{1,6})|delay:(\d{1,6}))$/;

/** Parses `<job name>=<rule>,…`; throws naming the first bad part. */
export function parseFaultRules(spec: string): Map<JobName, FaultRule> {
  const rules = new Map<JobName, FaultRule>();
  for (const part of spec.split(',').map((p) => p.trim())) {
    const [name, rule = ''] = part.split('=');
    if (!isJobName(name)) throw new Error(`FAULT_INJECTION: unknown job "${name}"`);
    const m = RULE.exec(rule);
    if (!m) throw new Error(`FAULT_INJECTION: bad rule "${rule}" (transient:<n>, permanent, stall:<ms> or delay:<ms>)`);
    if (m[1]) rules.set(name, { kind: 'transient', times: Number(m[1]) });
    else if (m[2]) rules.set(name, { kind: 'stall', ms: Number(m[2]) });
    else if (m[3]) rules.set(name, { kind: 'delay', ms: Number(m[3]) });
    else rules.set(name, { kind: 'permanent' });
  }
  return rules;
}

export function faultRuleProblems(spec: string): string[] {
  try {
    parseFaultRules(spec);
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}
