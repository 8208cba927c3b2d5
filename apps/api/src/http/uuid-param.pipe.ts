import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** `:id` parameters must be UUIDs (400 otherwise). */
export const uuidParam = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () => new BadRequestException('The id in the path must be a UUID'),
});
