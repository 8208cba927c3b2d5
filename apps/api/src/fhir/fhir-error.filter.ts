import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FhirError, fhirPathOfField, FhirIssue, operationOutcome } from '@bro/fhir';
import { DomainError, FieldProblem, isDatabaseUnavailable, maskCprShapes, safeError } from '@bro/platform';
import { JSON_SHAPE_MESSAGES } from '../http/json-body';
import type { FastifyReply } from 'fastify';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export const isFhirPath = (url: string | undefined): boolean => /^\/fhir(\/|\?|$)/.test(url ?? '');

const ISSUE_CODE: Record<number, string> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  422: 'business-rule',
};

/**
 * Under /fhir every failure is an OperationOutcome (not the REST error shape), with
 * the status code the REST API would give. Diagnostics name elements, never values.
 */
@Catch()
export class FhirErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('FhirError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, issues } = this.toIssues(exception);
    if (status === 503) void reply.header('retry-after', '5');
    // The R4 validator's diagnostics can quote what was sent ("Unknown data type: <resourceType>"):
    // whatever the source, a CPR number never leaves in an error.
    const masked = issues.map((i) => ({ ...i, diagnostics: maskCprShapes(i.diagnostics), expression: i.expression.map(maskCprShapes) }));
    void reply.status(status).header('content-type', FHIR_JSON).send(operationOutcome(masked));
  }

  private toIssues(exception: unknown): { status: number; issues: FhirIssue[] } {
    if (exception instanceof FhirError) {
      if (exception.statusCode >= 500) this.logger.error({ err: safeError(exception) }, 'FHIR request failed');
      return { status: exception.statusCode, issues: exception.issues };
    }
    if (exception instanceof DomainError) {
      const field = (exception.details as { field?: unknown } | undefined)?.field;
      return {
        status: exception.statusCode,
        issues: [issue(exception.statusCode, exception.message, typeof field === 'string' ? fhirPathOfField(field) : undefined)],
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const r = typeof response === 'object' && response !== null ? (response as { message?: unknown; details?: unknown }) : {};
      // The edge validation names each field (control characters in a Bundle): one issue per field, with its path.
      if (Array.isArray(r.details) && r.details.length > 0 && r.details.every(isFieldProblem)) {
        return { status, issues: r.details.map((d) => issue(status, d.problems.join('; '), d.field)) };
      }
      return { status, issues: [issue(status, typeof r.message === 'string' ? r.message : exception.message)] };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ err: safeError(exception) }, 'database unavailable');
      const diagnostics = 'The database is unavailable for a moment; send the same Bundle again';
      return { status: 503, issues: [{ severity: 'error', code: 'transient', diagnostics, expression: [] }] };
    }
    // Errors raised by fastify itself; fixed texts, since a parser's message may quote the body.
    const fastifyError = exception as { statusCode?: unknown; code?: unknown };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const message =
        fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Send the request body as application/fhir+json (or application/json)'
          : typeof fastifyError.code === 'string' && fastifyError.code in JSON_SHAPE_MESSAGES
            ? JSON_SHAPE_MESSAGES[fastifyError.code]
            : 'The request body could not be read as FHIR JSON';
      return { status: fastifyError.statusCode, issues: [issue(fastifyError.statusCode, message)] };
    }
    this.logger.error({ err: safeError(exception) }, 'FHIR request failed');
    return {
      status: 500,
      issues: [{ severity: 'fatal', code: 'exception', diagnostics: 'An unexpected error occurred; it has been logged', expression: [] }],
    };
  }
}

function isFieldProblem(d: unknown): d is FieldProblem {
  return (
    typeof d === 'object' && d !== null && typeof (d as FieldProblem).field === 'string' && Array.isArray((d as FieldProblem).problems)
  );
}

function issue(status: number, diagnostics: string, expression?: string): FhirIssue {
  return { severity: 'error', code: ISSUE_CODE[status] ?? 'processing', diagnostics, expression: expression ? [expression] : [] };
}
