import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';

/**
 * How deep a JSON body may nest. Bro's deepest legitimate body, a FHIR transaction
 * Bundle with nested Consent provisions, is about 10 levels; class-transformer and
 * class-validator recurse once per level and exhaust the stack at a few thousand.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * How many values a JSON body may hold (counted as arrays and objects opened plus
 * the commas between items and members). Bro's
 * largest, a plan of 50 steps or a FHIR Bundle, holds a few hundred; each one costs
 * a class instance and its validation, so 20,000 tiny items in 40 KB would cost a
 * second of CPU per request.
 */
export const MAX_JSON_VALUES = 5_000;

export const JSON_TOO_DEEP = 'BRO_JSON_TOO_DEEP';
export const JSON_TOO_MANY_VALUES = 'BRO_JSON_TOO_MANY_VALUES';

export const JSON_SHAPE_MESSAGES: Record<string, string> = {
  [JSON_TOO_DEEP]: `The request body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`,
  [JSON_TOO_MANY_VALUES]: `The request body holds too many values (at most ${MAX_JSON_VALUES})`,
};

/** A 400 for fastify's error path; a fixed text, never a fragment of the body. */
class JsonShapeError extends Error {
  readonly statusCode = 400;
  constructor(readonly code: string) {
    super(JSON_SHAPE_MESSAGES[code]);
    this.name = 'JsonShapeError';
  }
}

/**
 * What is wrong with the shape of `body`, if anything: more than `maxDepth` arrays or
 * objects inside one another, or more than `maxValues` values. One pass over the
 * bytes before JSON.parse builds anything: brackets and commas inside strings do not
 * count, and UTF-8 continuation bytes (≥ 0x80) never look like ASCII syntax.
 */
export function jsonShapeProblem(body: Buffer, maxDepth = MAX_JSON_DEPTH, maxValues = MAX_JSON_VALUES): string | null {
  let depth = 0;
  let values = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return JSON_TOO_DEEP;
      if (++values > maxValues) return JSON_TOO_MANY_VALUES; // the first item or member
    } else if (c === 0x2c) {
      if (++values > maxValues) return JSON_TOO_MANY_VALUES; // each further one
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return null;
}

/** True when `body` opens more than `max` arrays or objects inside one another. */
export function nestsDeeperThan(body: Buffer, max: number): boolean {
  return jsonShapeProblem(body, max, Number.POSITIVE_INFINITY) === JSON_TOO_DEEP;
}

/**
 * JSON bodies (application/json and FHIR's application/fhir+json) are read by
 * fastify's own parser — prototype poisoning refused — after a shape check, so a
 * body nested thousands of levels deep is a 400 at the door rather than a stack
 * overflow (a 500 and a stack trace in the log) somewhere behind it, and one of
 * twenty thousand tiny values a 400 rather than a second of validation.
 */
export function registerJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>(['application/json', 'application/fhir+json'], { bodyLimit }, (req, body, done) => {
    const problem = jsonShapeProblem(body);
    if (problem) {
      done(new JsonShapeError(problem), undefined);
      return;
    }
    void parse(req, body.toString('utf8'), done);
  });
}
