import { Matches, ValidationError } from 'class-validator';

/** A Danish or international phone number as people type it: 8–16 digits, spaces allowed, optional leading +. */
export const IsPhone = () => Matches(/^\+?[0-9 ]{8,16}$/, { message: '$property must be 8–16 digits, optionally with a leading +' });

export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * Flattens class-validator errors into `{ field: 'citizen.address.postcode', problems }`
 * (values are never echoed): the REST 400 details and the FHIR OperationOutcome issues.
 */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...fieldProblems(e.children ?? [], field)];
  });
}
