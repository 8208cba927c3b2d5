import { FIELD_PROBLEM_CODES } from '@bro/platform';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES } from './http-error.filter';

/**
 * The codes a domain rule's 422 (or 400) puts in `details.code`, naming what is wrong
 * with `details.field`. A rule that names a field but no code answers `rule_violation`
 * (422) or `invalid` (400). Add freely; never rename (clients translate them).
 */
export const RULE_CODES = [
  'consent_required',
  'invalid_cpr',
  'unknown_reference',
  'inactive',
  'self_deactivation',
  'in_future',
  'invalid_date_order',
  'out_of_range',
  'wrong_count',
  'unknown_field',
  'rule_violation',
  'invalid',
] as const;

/** The one error shape, with its codes, as a schema in the OpenAPI document (`ErrorBody`). */
export function addErrorBodySchema(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ErrorBody = {
    type: 'object',
    description:
      'Every failure. `message` and `problems` are English for people; `code`, `codes` and `details.code` are stable machine ' +
      'codes for clients to show their own language (docs/error-codes.md). Never a submitted value.',
    required: ['statusCode', 'error', 'message', 'code'],
    properties: {
      statusCode: { type: 'integer', example: 400 },
      error: { type: 'string', example: 'Bad Request' },
      message: { type: 'string' },
      code: { type: 'string', enum: [...new Set([...Object.values(ERROR_CODES), 'internal_error', 'error'])] },
      details: {
        oneOf: [
          {
            type: 'array',
            description: 'A 400 of the validation pipe: each bad field with its problems',
            items: {
              type: 'object',
              required: ['field', 'problems', 'codes'],
              properties: {
                field: { type: 'string', example: 'citizen.address.postcode' },
                problems: { type: 'array', items: { type: 'string' } },
                codes: {
                  type: 'array',
                  description: 'The problems as codes; a missing or empty value is just `required`',
                  items: { type: 'string', enum: [...FIELD_PROBLEM_CODES] },
                },
              },
            },
          },
          {
            type: 'object',
            description: 'A domain rule (mostly 422): the field it is about and why',
            required: ['field', 'code'],
            properties: { field: { type: 'string', example: 'consent.referral' }, code: { type: 'string', enum: [...RULE_CODES] } },
          },
        ],
      },
    },
  };
}
