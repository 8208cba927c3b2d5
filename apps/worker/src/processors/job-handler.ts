import type { JobName } from '@bro/platform';

/** A processor declares which jobs of the registry it handles; the worker checks the sum at start-up. */
export interface JobHandlerSet {
  readonly handles: readonly JobName[];
}

export const JOB_PROCESSORS = Symbol('JOB_PROCESSORS');
