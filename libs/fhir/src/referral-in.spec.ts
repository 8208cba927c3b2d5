import type { Patient } from '@medplum/fhirtypes';
import { addressProtected as protectedAt, currentAddress, currentName, looksLikeCpr } from './referral-in';

const now = new Date('2026-11-27T12:00:00Z');
const addressProtected = (at: Date, p: Patient) => protectedAt(p, at);

describe('addressProtected (DK Core name-and-address protection)', () => {
  const patient = (security: NonNullable<Patient['meta']>['security']): Patient => ({ resourceType: 'Patient', meta: { security } });
  const V3 = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

  it('reads the security label R (and the stricter V) of v3-Confidentiality', () => {
    expect(addressProtected(now, patient([{ system: V3, code: 'R', display: 'Restricted' }]))).toBe(true);
    expect(addressProtected(now, patient([{ system: V3, code: 'V' }]))).toBe(true);
    expect(addressProtected(now, patient([{ system: 'http://hl7.org/fhir/v3/Confidentiality', code: 'R' }]))).toBe(true);
    // DK Core's current example (Patient/Confidential) writes the label without a system.
    expect(addressProtected(now, patient([{ code: 'R', display: 'Restricted' }]))).toBe(true);
  });

  it('is not marked by other labels, another system or none', () => {
    expect(addressProtected(now, { resourceType: 'Patient' })).toBe(false);
    expect(addressProtected(now, patient([{ system: V3, code: 'N' }]))).toBe(false);
    expect(addressProtected(now, patient([{ system: 'http://example.org/other', code: 'R' }]))).toBe(false);
    expect(addressProtected(now, patient([{ system: V3, code: 'r' }]))).toBe(false);
  });
});

describe('the eHealth name-and-address protection period', () => {
  const url = 'http://ehealth.sundhed.dk/fhir/StructureDefinition/ehealth-nameandaddressprotection';
  it('marks the citizen while the period runs, not after it ended', () => {
    expect(protectedAt({ resourceType: 'Patient', extension: [{ url, valuePeriod: { start: '2020-01-01' } }] }, now)).toBe(true);
    expect(
      protectedAt({ resourceType: 'Patient', extension: [{ url, valuePeriod: { start: '2020-01-01', end: '2021-01-01' } }] }, now),
    ).toBe(false);
  });
});

describe('the current name and address (period and use)', () => {
  it('takes the official name in force, not an old or ended one, nor a nickname', () => {
    const name = currentName(
      [
        { use: 'old', family: 'Gammel' },
        { use: 'nickname', given: ['Bibbe'] },
        { use: 'official', family: 'Ended', period: { end: '2025-01-01' } },
        { use: 'official', family: 'Future', period: { start: '2027-01-01' } },
        { use: 'official', family: 'Berggren', given: ['Birgit'], period: { start: '2025-01-01' } },
      ],
      now,
    );
    expect(name?.family).toBe('Berggren');
  });

  it('takes the home address in force, physical before postal, not an old, billing or ended one', () => {
    const address = currentAddress(
      [
        { use: 'billing', line: ['Fakturavej 1'] },
        { use: 'home', line: ['Flyttet fra 2'], period: { end: '2026-06-01' } },
        { use: 'home', type: 'postal', line: ['Postboks 3'] },
        { use: 'temp', line: ['Sommerhus 4'] },
        { use: 'home', type: 'physical', line: ['Testvej 1'], period: { start: '2026-06-01' } },
      ],
      now,
    );
    expect(address?.line).toEqual(['Testvej 1']);
  });
});

describe('looksLikeCpr (what is never echoed back)', () => {
  it.each(['0703921234', '070392-1234', 'Patient?identifier=urn:oid:1.2.208.176.1.2|0703921234', 'urn:uuid:0703921234-aaaa'])(
    'finds %s',
    (t) => expect(looksLikeCpr(t)).toBe(true),
  );
  it.each(['urn:uuid:4b6a1f0e-3c2d-4f5e-9a8b-1c2d3e4f5a6b', 'Patient/pat-1', '12345678901234', '3213921234'])('passes %s', (t) =>
    expect(looksLikeCpr(t)).toBe(false),
  );
});
