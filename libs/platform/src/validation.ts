import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayUnique,
  buildMessage,
  IsArray,
  IsISO8601,
  IsUUID,
  Matches,
  ValidateBy,
  ValidateIf,
  ValidationError,
  ValidationOptions,
} from 'class-validator';

/** A Danish or international phone number as people type it: 8–16 digits, spaces allowed, optional leading +. */
export const IsPhone = () =>
  Matches(/^\+?[0-9 ]{8,16}$/, {
    message: '$property must be 8–16 digits, optionally with a leading +',
    context: { code: 'invalid_phone' },
  });

/**
 * The areas someone works in (a brobygger, a følgeven): at most 50 distinct ids. Given in
 * reverse because `applyDecorators` applies in order and stacked decorators bottom-up —
 * the problems come out as they did when each DTO stacked them itself.
 */
export const IsAreaIdList = () => applyDecorators(IsUUID('all', { each: true }), ArrayUnique(), ArrayMaxSize(50), IsArray());

/** Languages someone speaks: at most 20 distinct two-letter ISO 639-1 codes. */
export const IsLanguageList = () =>
  applyDecorators(
    Matches(/^[a-z]{2}$/, { each: true, message: 'each language must be a two-letter ISO 639-1 code' }),
    ArrayUnique(),
    ArrayMaxSize(20),
    IsArray(),
  );

/**
 * The stable machine codes of a field problem (ADR 0025), so a client shows its own
 * language instead of the English `problems`. Documented in docs/error-codes.md; add
 * codes freely, never rename one.
 */
export const FIELD_PROBLEM_CODES = [
  'required',
  'too_long',
  'too_short',
  'too_small',
  'too_large',
  'invalid_type',
  'invalid_choice',
  'invalid_date',
  'invalid_id',
  'invalid_format',
  'invalid_phone',
  'invalid_postcode',
  'invalid_email',
  'invalid_url',
  'invalid_characters',
  'duplicate',
  'unknown_field',
  'invalid',
] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

/** class-validator's constraint names → codes; a decorator may name its own with `context: { code }`. */
const CONSTRAINT_CODES: Record<string, FieldProblemCode> = {
  isDefined: 'required',
  isNotEmpty: 'required',
  maxLength: 'too_long',
  arrayMaxSize: 'too_long',
  minLength: 'too_short',
  arrayMinSize: 'too_short',
  min: 'too_small',
  max: 'too_large',
  isString: 'invalid_type',
  isInt: 'invalid_type',
  isNumber: 'invalid_type',
  isBoolean: 'invalid_type',
  isArray: 'invalid_type',
  isObject: 'invalid_type',
  nestedValidation: 'invalid_type',
  isIn: 'invalid_choice',
  isEnum: 'invalid_choice',
  isIso8601: 'invalid_date',
  isDateTimeInRange: 'invalid_date',
  isUuid: 'invalid_id',
  matches: 'invalid_format',
  isTimeZone: 'invalid_format',
  isEmail: 'invalid_email',
  isUrl: 'invalid_url',
  arrayUnique: 'duplicate',
  whitelistValidation: 'unknown_field',
};

export interface FieldProblem {
  field: string;
  /** English, for people reading the raw answer. */
  problems: string[];
  /** The same problems as stable codes (FIELD_PROBLEM_CODES); a missing or empty value is just `required`. */
  codes: FieldProblemCode[];
}

const isMissing = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * Flattens class-validator errors into `{ field: 'citizen.address.postcode', problems, codes }`
 * (values are never echoed): the REST 400 details and the FHIR OperationOutcome issues.
 * The error's value is read only to tell a missing field (`required`) from a wrong one.
 */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: problemTexts(e), codes: problemCodes(e) }] : [];
    return [...own, ...fieldProblems(e.children ?? [], field)];
  });
}

/** A missing field is just missing: "must be an object" or "must be a string" beside it says nothing more. */
function problemTexts(e: ValidationError): string[] {
  const constraints = e.constraints ?? {};
  if (isMissing(e.value) && constraints.isDefined && !constraints.whitelistValidation) return [constraints.isDefined];
  return Object.values(constraints);
}

function problemCodes(e: ValidationError): FieldProblemCode[] {
  const names = Object.keys(e.constraints ?? {});
  if (isMissing(e.value) && !names.includes('whitelistValidation')) return ['required'];
  const codes = names.map(
    (name) => (e.contexts?.[name] as { code?: FieldProblemCode } | undefined)?.code ?? CONSTRAINT_CODES[name] ?? 'invalid',
  );
  return [...new Set(codes)];
}

/**
 * C0 control characters other than tab, LF and CR. PostgreSQL refuses NUL in text and
 * jsonb (a 500 if it got that far); the rest have no place in what people type and
 * can forge log lines or terminal output.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
export const CONTROL_CHARACTER_PROBLEM = 'must not contain control characters (U+0000–U+001F other than tab, CR and LF)';

/** A lone UTF-16 surrogate (`"\ud800"` in JSON) has no UTF-8 form, and PostgreSQL's jsonb refuses its escape (a 500). */
export const LONE_SURROGATE_PROBLEM = 'must be well-formed Unicode (no lone surrogate)';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const textProblem = (text: string): string | null =>
  CONTROL_CHARACTER.test(text) ? CONTROL_CHARACTER_PROBLEM : LONE_SURROGATE.test(text) ? LONE_SURROGATE_PROBLEM : null;

const join = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

/**
 * Every string (and object key) in a request body or query holding a control
 * character or a lone surrogate, as field problems. Iterative, so a deep value cannot exhaust the stack
 * (the JSON parser bounds the depth anyway).
 */
export function controlCharacterProblems(value: unknown, root = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length > 0) {
    const [node, path] = pending.pop()!;
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) problems.push({ field: path || 'body', problems: [`${path || 'body'} ${problem}`], codes: ['invalid_characters'] });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => pending.push([item, join(path, String(i))]));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        const problem = textProblem(key);
        if (problem) {
          // The key itself is bad: name where it sits, never the key (it is input).
          problems.push({
            field: path || 'body',
            problems: [`${path || 'body'} holds a field name that ${problem}`],
            codes: ['invalid_characters'],
          });
        } else {
          pending.push([item, join(path, key)]);
        }
      }
    }
  }
  return problems.reverse();
}

/** Keys that Nest's ValidationPipe strips (`constructor`, `prototype`, `__proto__`) or class-transformer skips (`toString`, `valueOf`, …). */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * Where a request holds a key named like a member of Object.prototype, as key paths.
 * Read before validation: the pipe then deletes some of them from the value in place.
 */
export function prototypeKeyPaths(value: unknown): string[][] {
  const paths: string[][] = [];
  const pending: [unknown, string[]][] = [[value, []]];
  while (pending.length > 0) {
    const [node, path] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, item] of Object.entries(node)) {
      if (PROTOTYPE_KEYS.has(key)) paths.push([...path, key]);
      pending.push([item, [...path, key]]);
    }
  }
  return paths;
}

export interface DroppedKey {
  field: string;
  /** The key sat in a free-form map (e.g. the wheel), not among a DTO's fields. */
  inMap: boolean;
}

/**
 * The keys of `paths` that did not survive the transformation into the DTO. With
 * unknown fields refused, those are the keys dropped without a word, so input would
 * be silently changed: each is reported instead.
 */
export function droppedKeys(transformed: unknown, paths: string[][], root = ''): DroppedKey[] {
  const dropped: DroppedKey[] = [];
  for (const path of paths) {
    let node: unknown = transformed;
    for (const key of path.slice(0, -1)) node = hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    if (typeof node !== 'object' || node === null || hasOwn(node, path[path.length - 1])) continue; // kept, or its parent already gone
    const proto: unknown = Object.getPrototypeOf(node);
    dropped.push({ field: [root, ...path].filter(Boolean).join('.'), inMap: proto === Object.prototype || proto === null });
  }
  return dropped;
}

const hasOwn = (node: unknown, key: string): boolean =>
  typeof node === 'object' && node !== null && Object.prototype.hasOwnProperty.call(node, key);

/** The years a date in Bro's API may fall in; anything else (year 0, 275760, …) is a typing or encoding error. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2199;

/**
 * An ISO 8601 date or date-time (strict: a real calendar date) whose year lies in
 * EARLIEST_YEAR–LATEST_YEAR. `@IsISO8601` alone lets year 0 through, which
 * PostgreSQL and JavaScript disagree about.
 */
export const IsDateTime = (options?: ValidationOptions): PropertyDecorator =>
  applyDecorators(
    IsISO8601({ strict: true }, options),
    ValidateBy(
      {
        name: 'isDateTimeInRange',
        validator: {
          validate: (value: unknown) => typeof value !== 'string' || inYearRange(value),
          defaultMessage: buildMessage((each) => `${each}$property must lie in the years ${EARLIEST_YEAR}–${LATEST_YEAR}`, options),
        },
      },
      options,
    ),
  );

function inYearRange(value: string): boolean {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return true; // not a date at all: @IsISO8601 says so
  const year = at.getUTCFullYear();
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/**
 * For a field a PATCH may leave out but never set to null (the column is NOT NULL):
 * `@IsOptional()` lets null through as "absent", and the update then writes it (a
 * 500). Leaving the field out skips its rules; null is checked by them, and refused.
 */
export const IsOmittable = (options?: ValidationOptions): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined, options);
