import { MILESTONES, FEEDBACK_LEVELS, REFERRAL_STATUSES, type ReferralStatus } from '@bro/case-kernel';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referrerView } from '@bro/consent';
import { OUTCOMES } from '@bro/referral';
import { capabilityStatement } from './capability-statement';
import { FhirValidator } from './fhir-validator';
import { feedbackLevel } from './referral-in';
import { caseTaskFacts, referrerTaskFacts, toServiceRequest, toTask } from './resources-out';
import { broSystems } from './systems';

const systems = broSystems('https://bro.roskilde.dk/fhir');
const sender = {
  identifiers: [{ system: 'urn:ietf:rfc:3986', value: 'urn:uuid:4b6a1f0e-3c2d-4f5e-9a8b-1c2d3e4f5a6b' }],
  requester: { reference: 'PractitionerRole/gp-1' },
  subject: 'Patient/pat-1',
};

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'fhir');
const fixture = (path: string) => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));
const owner = { code: '265', name: 'Roskilde Kommune' };

describe('FhirValidator (base R4 with required bindings and the CPR pattern)', () => {
  const validator = new FhirValidator();
  beforeAll(() => validator.onModuleInit());

  it.each(['dk/Patient-pat-1.json', 'dk/ServiceRequest-sr-1.json', 'dk/Task-task-1.json', 'dk/Consent-consent-1.json'])(
    'accepts the fixture %s',
    (path) => expect(validator.validate(fixture(path))).toEqual([]),
  );

  it('accepts the HL7 Gravity examples', () => {
    for (const resource of fixture('gravity/gravity-examples.json')) expect(validator.validate(resource)).toEqual([]);
  });

  const task = () => fixture('dk/Task-task-1.json');
  it.each([
    ['missing status', (t: any) => delete t.status, 'Task.status'],
    ['bogus status (a required binding)', (t: any) => (t.status = 'bogus'), 'Task.status'],
    ['wrong type', (t: any) => (t.authoredOn = 5), 'Task.authoredOn'],
    ['unknown element', (t: any) => (t.colour = 'blue'), 'Task.colour'],
    ['array for a single value', (t: any) => (t.status = ['requested']), 'Task.status'],
    ['bogus code inside a datatype', (t: any) => (t.identifier = [{ use: 'bogus', value: 'x' }]), 'Task.identifier[0].use'],
    [
      'an invalid date inside a nested datatype',
      (t: any) => (t.restriction = { recipient: [], period: { start: 'x' } }),
      'Task.restriction.period.start',
    ],
  ])('rejects a Task with %s, naming the element', (_, mutate, element) => {
    const t = task();
    mutate(t);
    const issues = validator.validate(t);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.flatMap((i) => i.expression)).toContain(element);
  });

  it('refuses resource types Bro does not support, also inside a Bundle', () => {
    expect(validator.validate({ resourceType: 'Observation', status: 'final', code: { text: 'x' } } as any)).not.toEqual([]);
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: { resourceType: 'Observation' }, request: { method: 'POST', url: 'Observation' } }],
    };
    expect(validator.validate(bundle as any)).not.toEqual([]);
  });

  it('checks required bindings inside Bundle entries and nested backbone elements', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: { ...task(), status: 'bogus' }, request: { method: 'POST', url: 'Task' } }],
    };
    expect(validator.validate(bundle as any).flatMap((i) => i.expression)).toEqual(['Bundle.entry[0].resource.status']);
    const consent = fixture('dk/Consent-consent-1.json');
    consent.provision.provision[0].type = 'maybe';
    expect(validator.validate(consent).flatMap((i) => i.expression)).toContain('Consent.provision.provision[0].type');
  });

  it('checks a resource’s own invariants inside a Bundle as on its own (ppc-1 on Consent)', () => {
    const consent = fixture('dk/Consent-consent-1.json');
    delete consent.policy;
    delete consent.policyRule;
    expect(validator.validate(consent).map((i) => i.diagnostics)).toEqual([expect.stringContaining('ppc-1')]);
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: consent, request: { method: 'POST', url: 'Consent' } }],
    };
    const issues = validator.validate(bundle as any);
    expect(issues.map((i) => [i.code, i.expression])).toEqual([['invariant', ['Bundle.entry[0].resource']]]);
    expect(issues[0].diagnostics).toContain('ppc-1');
  });

  it.each(['123', '3213921234', '0713921234', '07039212345', '070392-1234'])('rejects the CPR %s by the DK Core pattern', (cpr) => {
    const patient = fixture('dk/Patient-pat-1.json');
    patient.identifier[0].value = cpr;
    expect(validator.validate(patient).map((i) => i.expression)).toEqual([['Patient.identifier[0].value']]);
  });

  it('maps every case status and closing outcome to a Task and ServiceRequest that validate', () => {
    for (const status of REFERRAL_STATUSES) {
      for (const outcome of status === 'completed' ? OUTCOMES : [null]) {
        const facts = caseTaskFacts(
          {
            id: '0b3a6f5e-1d2c-4b5a-8f9e-0a1b2c3d4e5f',
            status,
            outcome,
            createdAt: new Date('2026-11-20T10:00:00Z'),
            updatedAt: new Date(),
            reasons: ['loneliness'],
          },
          status === 'completed' ? 'Borgeren går nu i en gåklub.' : undefined,
          owner,
          systems,
          status === 'submitted' ? undefined : sender,
        );
        expect({ status, outcome, issues: validator.validate(toTask(facts, systems)) }).toEqual({ status, outcome, issues: [] });
        expect({ status, outcome, issues: validator.validate(toServiceRequest(facts, systems)) }).toEqual({ status, outcome, issues: [] });
      }
    }
  });

  it('maps every referrer view (each milestone, closing category and feedback level) to a Task that validates', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h));
    const statuses: ReferralStatus[] = ['assigned', 'contacted', 'active', 'on_hold', 'completed'];
    for (const level of FEEDBACK_LEVELS) {
      for (const closing of [null, ...OUTCOMES, 'rejected', 'cancelled']) {
        for (let upTo = 0; upTo <= statuses.length; upTo++) {
          const history = statuses.slice(0, upTo).map((status, i) => ({ status, at: at(i + 1) }));
          const closed = upTo === statuses.length;
          const view = referrerView(
            {
              id: '0b3a6f5e-1d2c-4b5a-8f9e-0a1b2c3d4e5f',
              createdAt: at(0),
              history,
              closingCategory: closed ? closing : null,
              summary: 'Borgeren går nu i en gåklub.',
              summaryApprovedByCitizen: true,
            },
            level,
          );
          const t = toTask(referrerTaskFacts(view, owner, systems, upTo % 2 ? sender : undefined), systems);
          expect({ level, closing, upTo, issues: validator.validate(t) }).toEqual({ level, closing, upTo, issues: [] });
          if (level === 'none') expect(t.status).toBe('requested');
          expect(MILESTONES).toContain(t.businessStatus?.coding?.[0].code);
          expect(t.output !== undefined).toBe(level === 'summary');
        }
      }
    }
  });

  it('reads the feedback level from the Consent’s nested provisions', () => {
    const consent = fixture('dk/Consent-consent-1.json');
    expect(feedbackLevel(consent.provision)).toBe('status');
    consent.provision.provision[1].type = 'permit';
    expect(feedbackLevel(consent.provision)).toBe('summary');
    consent.provision.provision[0].type = 'deny';
    expect(feedbackLevel(consent.provision)).toBe('none');
  });

  it('emits a CapabilityStatement that validates', () => {
    expect(validator.validate(capabilityStatement(new Date().toISOString()))).toEqual([]);
  });
});
