import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';

/**
 * How deep a JSON body may nest. Bro's deepest legitimate body, a FHIR transaction
 * Bundle with nested Consent provisions, is about 10 levels; class-transformer and
 * class-validator recurse once per level and exhaust the stack at a few thousand.
 */
export const MAX_JSON_DEPTH = 32;

export const JSON_TOO_DEEP = 'BRO_JSON_TOO_DEEP';

/** A 400 for fastify's error path; a fixed text, never a fragment of the body. */
class JsonTooDeepError extends Error {
  readonly statusCode = 400;
  readonly code = JSON_TOO_DEEP;
  constructor() {
    super(`The request body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`);
    this.name = 'JsonTooDeepError';
  }
}

/**
 * True when `body` opens more than `max` arrays or objects inside one another. One
 * pass over the bytes before JSON.parse builds anything: brackets inside strings do
 * not count, and UTF-8 continuation bytes (≥ 0x80) never look like ASCII syntax.
 */
export function nestsDeeperThan(body: Buffer, max: number): boolean {
  let depth = 0;
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
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * JSON bodies (application/json and FHIR's application/fhir+json) are read by
 * fastify's own parser — prototype poisoning refused — after a depth check, so a
 * body nested thousands of levels deep is a 400 at the door rather than a stack
 * overflow (a 500 and a stack trace in the log) somewhere behind it.
 */
export function registerJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>(['application/json', 'application/fhir+json'], { bodyLimit }, (req, body, done) => {
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(new JsonTooDeepError(), undefined);
      return;
    }
    void parse(req, body.toString('utf8'), done);
  });
}
