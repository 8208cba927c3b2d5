import type { OperationOutcome } from '@medplum/fhirtypes';
import type { FhirIssue } from './fhir-validator';

/**
 * A failure to answer as an OperationOutcome under /fhir. Diagnostics name elements
 * and rules, never submitted values.
 */
export class FhirError extends Error {
  constructor(
    readonly statusCode: 400 | 404 | 409 | 422 | 500,
    readonly issues: FhirIssue[],
  ) {
    super(issues.map((i) => i.diagnostics).join('; '));
    this.name = 'FhirError';
  }

  static of(statusCode: FhirError['statusCode'], code: string, diagnostics: string, expression?: string): FhirError {
    return new FhirError(statusCode, [{ severity: 'error', code, diagnostics, expression: expression ? [expression] : [] }]);
  }
}

export function operationOutcome(issues: FhirIssue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity,
      code: i.code as OperationOutcome['issue'][number]['code'],
      diagnostics: i.diagnostics,
      ...(i.expression.length ? { expression: i.expression } : {}),
    })),
  };
}
