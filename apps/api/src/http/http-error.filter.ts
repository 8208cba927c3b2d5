import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, isDatabaseUnavailable, maskCprShapes, safeError } from '@bro/platform';
import { maskedDetails } from './masked-details';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FhirErrorFilter, isFhirPath } from '../fhir/fhir-error.filter';
import { JSON_SHAPE_MESSAGES, JSON_TOO_DEEP, JSON_TOO_MANY_VALUES } from './json-body';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** A stable machine code for the kind of failure (docs/error-codes.md); `message` stays English for people. */
  code?: string;
  details?: unknown;
}

/** The failure's kind by status: stable codes a client can translate (ADR 0025). Never renamed, only added to. */
export const ERROR_CODES: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
  422: 'rule_violation',
  428: 'precondition_required',
  429: 'rate_limited',
  503: 'unavailable',
};

/**
 * Every failure leaves the api in one shape: `{ statusCode, error, message, details? }`.
 * Messages name fields and rules, never submitted values. Unexpected errors are
 * logged (without SQL parameters) and answered with a plain 500.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');
  private readonly fhir = new FhirErrorFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    // What fails before a FHIR controller (unknown path, content type, unreadable JSON) is still an OperationOutcome.
    if (isFhirPath(host.switchToHttp().getRequest<FastifyRequest>().url)) return this.fhir.catch(exception, host);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (isDatabaseUnavailable(exception)) {
      // PostgreSQL restarting or out of reach: an answer to retry, not a failure of the code.
      this.logger.warn({ err: safeError(exception) }, 'database unavailable');
      void reply
        .status(503)
        .header('retry-after', '5')
        .header('content-type', 'application/json; charset=utf-8')
        .send({
          statusCode: 503,
          error: reasonPhrase(503),
          code: ERROR_CODES[503],
          message: 'The database is unavailable for a moment; try again (with the same Idempotency-Key)',
        } satisfies ErrorBody);
      return;
    }
    const body = coded(this.toBody(exception));
    // Only what nobody expected: a readiness 503 or a domain error is an answer, not a failure.
    const expected = exception instanceof HttpException || exception instanceof DomainError;
    if (body.statusCode >= 500 && !expected) this.logger.error({ err: safeError(exception) }, 'request failed');
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      // Domain messages may name a key the client sent (`wheel.<key> is not a wheel domain`): CPR shapes masked.
      return withDetails(
        { statusCode: exception.statusCode, error: reasonPhrase(exception.statusCode), message: maskCprShapes(exception.message) },
        exception.details,
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const r = typeof response === 'object' && response !== null ? (response as { message?: unknown; details?: unknown }) : {};
      const message = typeof r.message === 'string' ? r.message : Array.isArray(r.message) ? r.message.join('; ') : exception.message;
      // The router's 404 repeats the URL ("Cannot GET /v1/…"): a CPR typed into it is masked.
      return withDetails({ statusCode: status, error: reasonPhrase(status), message: maskCprShapes(message) }, r.details);
    }
    // Errors raised by fastify itself (bad JSON, body too large, unsupported media type).
    const fastifyError = exception as { statusCode?: unknown; message?: unknown; code?: unknown };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return { statusCode: fastifyError.statusCode, error: reasonPhrase(fastifyError.statusCode), message: fastifyMessage(fastifyError) };
    }
    return { statusCode: 500, error: reasonPhrase(500), message: 'An unexpected error occurred; it has been logged' };
  }
}

/**
 * Adds the machine codes: the body's own, and a domain rule's `details.code` where the
 * rule named a field but no code (`rule_violation` for a 422, `invalid` otherwise), so
 * every field problem of every 4xx has one.
 */
function coded(body: ErrorBody): ErrorBody {
  const code = ERROR_CODES[body.statusCode] ?? (body.statusCode >= 500 ? 'internal_error' : 'error');
  const d = body.details;
  if (typeof d === 'object' && d !== null && !Array.isArray(d) && 'field' in d && !('code' in d)) {
    return { ...body, code, details: { ...d, code: body.statusCode === 422 ? 'rule_violation' : 'invalid' } };
  }
  return { ...body, code };
}

function withDetails(body: ErrorBody, details: unknown): ErrorBody {
  return details === undefined ? body : { ...body, details: maskedDetails(details) };
}

/** Fixed texts only: a parser's own message may quote a fragment of the body. */
function fastifyMessage(e: { statusCode?: unknown; code?: unknown }): string {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the request body as application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty but content-type is application/json';
    case JSON_TOO_DEEP:
    case JSON_TOO_MANY_VALUES:
      return JSON_SHAPE_MESSAGES[e.code];
    default:
      return e.statusCode === 400 ? 'The request body is not valid JSON' : 'The request could not be read';
  }
}

export function reasonPhrase(status: number): string {
  const name = HttpStatus[status];
  if (typeof name !== 'string') return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}
