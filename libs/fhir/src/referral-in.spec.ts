import type { Patient } from '@medplum/fhirtypes';
import { addressProtected } from './referral-in';

describe('addressProtected (DK Core name-and-address protection)', () => {
  const patient = (security: NonNullable<Patient['meta']>['security']): Patient => ({ resourceType: 'Patient', meta: { security } });
  const V3 = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

  it('reads the security label R (and the stricter V) of v3-Confidentiality', () => {
    expect(addressProtected(patient([{ system: V3, code: 'R', display: 'Restricted' }]))).toBe(true);
    expect(addressProtected(patient([{ system: V3, code: 'V' }]))).toBe(true);
    expect(addressProtected(patient([{ system: 'http://hl7.org/fhir/v3/Confidentiality', code: 'R' }]))).toBe(true);
    // DK Core's current example (Patient/Confidential) writes the label without a system.
    expect(addressProtected(patient([{ code: 'R', display: 'Restricted' }]))).toBe(true);
  });

  it('is not marked by other labels, another system or none', () => {
    expect(addressProtected({ resourceType: 'Patient' })).toBe(false);
    expect(addressProtected(patient([{ system: V3, code: 'N' }]))).toBe(false);
    expect(addressProtected(patient([{ system: 'http://example.org/other', code: 'R' }]))).toBe(false);
    expect(addressProtected(patient([{ system: V3, code: 'r' }]))).toBe(false);
  });
});
