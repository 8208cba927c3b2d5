import type { TFunction } from 'i18next';
import { ApiError } from './api';
import { SignInError } from './oidc';

/**
 * Danish (or English) for a failure, chosen by the api's machine codes
 * (docs/error-codes.md); the api's English message is never shown.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof SignInError) return error.message;
  const code = error instanceof ApiError ? error.code : 'error';
  return t(`errors.code.${code}`, { defaultValue: t('errors.code.error') });
}

/** The message for one field problem code (`required`, `invalid_cpr`, …). */
export function fieldText(t: TFunction, code: string): string {
  return t(`errors.field.${code}`, { defaultValue: t('errors.field.invalid') });
}

/**
 * The api's field problems mapped onto the form's inputs: `fields` names, for each
 * api field (`citizen.address.postcode`), the input id that shows it. A problem with
 * a field the form does not know falls back to the general text.
 */
export function serverFieldErrors(t: TFunction, error: unknown, fields: Record<string, string>): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [field, code] of Object.entries(error.fieldCodes)) {
    const id = fields[field] ?? fields[field.replace(/\.\d+$/, '')];
    if (id) out[id] ??= fieldText(t, code);
  }
  return out;
}
