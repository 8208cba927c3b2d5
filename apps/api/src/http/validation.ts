import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { controlCharacterProblems, droppedKeys, FieldProblem, fieldProblems, prototypeKeyPaths, RuleViolationError } from '@bro/platform';

/**
 * The one validation pipe, global, so no route can forget it (ADR 0016):
 * - before the DTO rules, control characters and lone surrogates anywhere in a body,
 *   query or path parameter (DTO or not, so FHIR's raw Bundle too) are a 400 naming
 *   the field;
 * - the DTO rules: whitelist, unknown fields refused, 400 naming every bad field;
 * - after them, a key the transformation dropped without a word (`constructor`,
 *   `toString`, … — Nest and class-transformer skip them) is refused rather than
 *   silently lost: 400 among a DTO's fields, 422 in a free-form map such as the wheel,
 *   where any other unknown key is a 422 of the domain as well; in a body no DTO
 *   describes (FHIR), every such key is a 400.
 * Never a submitted value in the answer.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return super.transform(value, metadata);
    const root = metadata.data ?? '';
    const bad = controlCharacterProblems(value, root);
    if (bad.length > 0) throw invalid(bad);
    // A DTO is an object: an array would be turned into one instance per item (20,000 tiny items, a second of CPU).
    if (metadata.type === 'body' && this.toValidate(metadata) && value != null && (typeof value !== 'object' || Array.isArray(value))) {
      throw invalid([{ field: 'body', problems: ['body must be a JSON object'], codes: ['invalid_type'] }]);
    }
    const suspicious = prototypeKeyPaths(value);
    const transformed: unknown = await super.transform(value, metadata);
    if (suspicious.length === 0) return transformed;
    // A body no DTO describes (FHIR's Bundle) has no use for such keys, and code that
    // calls value.toString() or hasOwnProperty() on it would meet them: all refused.
    const dropped =
      transformed === value
        ? suspicious.map((p) => ({ field: [root, ...p].filter(Boolean).join('.'), inMap: false }))
        : droppedKeys(transformed, suspicious, root);
    const unknownFields = dropped.filter((d) => !d.inMap);
    if (unknownFields.length > 0)
      throw invalid(
        unknownFields.map((d) => ({
          field: d.field,
          problems: [`property ${d.field.split('.').pop()} should not exist`],
          codes: ['unknown_field'],
        })),
      );
    if (dropped.length > 0)
      throw new RuleViolationError(`${dropped[0].field} is not an allowed key`, { field: dropped[0].field, code: 'unknown_field' });
    return transformed;
  }
}

function invalid(details: FieldProblem[]): BadRequestException {
  return new BadRequestException({ message: `The request is invalid: ${details.map((d) => d.field).join(', ')}`, details });
}

export function validationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // The value is read only to tell a missing field (`required`) from a wrong one; fieldProblems never echoes it.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => invalid(fieldProblems(errors)),
  });
}
