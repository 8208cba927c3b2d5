import type { CapabilityStatement } from '@medplum/fhirtypes';

/** Exactly what /fhir supports; kept beside the controller's routes (a test compares the two). */
export function capabilityStatement(date: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Bro',
    kind: 'instance',
    software: { name: 'Bro' },
    implementation: { description: 'Bro: social henvisning — closed-loop referral (HL7 Gravity SDOH Clinical Care pattern)' },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Bearer tokens as for /v1 (role referrer with the clinic as organisation, or coordinator). ' +
          'Referral in: POST a transaction Bundle of Patient (CPR urn:oid:1.2.208.176.1.2), ServiceRequest and Consent. ' +
          'Status out: poll Task by _lastUpdated or by focus. Everything a referrer sees is cut to the citizen’s feedback consent.',
        security: { description: 'OAuth2 bearer token (OIDC), the same as the REST API' },
        resource: [
          {
            type: 'Task',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              { name: 'focus', type: 'reference', documentation: 'ServiceRequest/<id>' },
              { name: '_lastUpdated', type: 'date', documentation: 'gt<instant> or ge<instant>' },
              { name: '_count', type: 'number', documentation: 'page size, at most 100 (default 50)' },
            ],
          },
          { type: 'ServiceRequest', interaction: [{ code: 'read' }] },
        ],
        interaction: [{ code: 'transaction' }],
      },
    ],
  };
}
