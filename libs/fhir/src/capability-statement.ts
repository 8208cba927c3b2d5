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
          'Status out: poll Task by _lastUpdated or by focus. Everything a referrer sees is cut to the citizen’s feedback consent. ' +
          'Unknown search parameters are ignored unless Prefer: handling=strict. Reads carry ETag (meta.versionId) and Last-Modified.',
        security: { description: 'OAuth2 bearer token (OIDC), the same as the REST API' },
        resource: [
          {
            type: 'Task',
            versioning: 'versioned',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              { name: '_id', type: 'token', documentation: 'the Task id (= the ServiceRequest id), comma-separated' },
              {
                name: 'patient',
                type: 'reference',
                documentation:
                  'the Patient reference the sender used in its ServiceRequest.subject; search links carry it as an opaque hashed: value, valid for the same user',
              },
              { name: 'status', type: 'token', documentation: 'Task.status, comma-separated' },
              { name: 'code', type: 'token', documentation: '[system|]code of Task.code (fulfill)' },
              {
                name: 'requester',
                type: 'reference',
                documentation: 'the requester reference the sender used; opaque (hashed:) in search links, as patient',
              },
              { name: 'focus', type: 'reference', documentation: 'ServiceRequest/<id>' },
              { name: '_lastUpdated', type: 'date', documentation: '[gt|ge|lt|le|eq]<instant or date>, may be repeated' },
              { name: '_count', type: 'number', documentation: 'page size, at most 100 (default 50); total and a next link' },
              { name: '_offset', type: 'number', documentation: 'where the page starts (the next link carries it)' },
            ],
          },
          { type: 'ServiceRequest', interaction: [{ code: 'read' }], versioning: 'versioned' },
        ],
        interaction: [{ code: 'transaction' }],
      },
    ],
  };
}
