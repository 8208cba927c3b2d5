import { Injectable } from '@nestjs/common';

/** The application clock. Tests that need another "now" provide their own. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
