import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { fieldProblems } from '@bro/platform';

/** Whitelist and forbid unknown fields; 400 naming every bad field. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = fieldProblems(errors);
      return new BadRequestException({
        message: `The request is invalid: ${details.map((d) => d.field).join(', ')}`,
        details,
      });
    },
  });
}
