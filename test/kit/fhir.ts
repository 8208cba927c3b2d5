import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { validCpr } from './factories';

const DK = join(__dirname, '..', 'fixtures', 'fhir', 'dk');

/** A fixture resource (test/fixtures/fhir/dk), fresh each time. */
export function dkFixture(name: 'Patient-pat-1' | 'ServiceRequest-sr-1' | 'Task-task-1' | 'Consent-consent-1'): any {
  return JSON.parse(readFileSync(join(DK, `${name}.json`), 'utf8'));
}

export type FeedbackLevel = 'none' | 'status' | 'summary';

/**
 * The fixtures as the transaction Bundle a GP system sends: a fresh CPR and
 * ServiceRequest.identifier each time, the feedback level set in the Consent's
 * nested provisions (none → deny Task and Communication, status → permit Task,
 * summary → permit both).
 */
export function fhirReferralBundle(options: { cpr?: string; identifier?: string; feedback?: FeedbackLevel } = {}) {
  const patient = dkFixture('Patient-pat-1');
  patient.identifier[0].value = options.cpr ?? validCpr();
  const request = dkFixture('ServiceRequest-sr-1');
  request.identifier[0].value = options.identifier ?? `urn:uuid:${randomUUID()}`;
  const consent = dkFixture('Consent-consent-1');
  const feedback = options.feedback ?? 'status';
  const [task, communication] = consent.provision.provision;
  task.type = feedback === 'none' ? 'deny' : 'permit';
  task.code[0].coding[0].code = feedback;
  communication.type = feedback === 'summary' ? 'permit' : 'deny';
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: 'Patient/pat-1', resource: patient, request: { method: 'POST', url: 'Patient' } },
      { fullUrl: 'ServiceRequest/sr-1', resource: request, request: { method: 'POST', url: 'ServiceRequest' } },
      { fullUrl: 'Consent/consent-1', resource: consent, request: { method: 'POST', url: 'Consent' } },
    ],
  };
}
