/**
 * Errors the domain throws. They carry no personal data: messages name fields and
 * rules, never values. The api maps them to the one error shape
 * `{ statusCode, error, message, details? }`; the worker treats them as permanent.
 */
export abstract class DomainError extends Error {
  abstract readonly statusCode: 400 | 403 | 404 | 409 | 410 | 422 | 429;
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 404: not found, or not yours; the two are never told apart. */
export class NotFoundError extends DomainError {
  readonly statusCode = 404;
}

/** 409: an illegal state change or a conflict with existing data. */
export class ConflictError extends DomainError {
  readonly statusCode = 409;
}

/** 410: it was there and is gone for good (a hand-off link after withdrawal, closing or erasure). */
export class GoneError extends DomainError {
  readonly statusCode = 410;
}

/** 422: well-formed, but breaks a domain rule (invalid CPR, missing consent). */
export class RuleViolationError extends DomainError {
  readonly statusCode = 422;
}

/** 400: malformed in a way the DTO validation cannot see. */
export class BadInputError extends DomainError {
  readonly statusCode = 400;
}

/** 403: the role may not do this at all. */
export class ForbiddenError extends DomainError {
  readonly statusCode = 403;
}

/** 429: too many requests in the window; `Retry-After` says when to try again. */
export class RateLimitedError extends DomainError {
  readonly statusCode = 429;
}
