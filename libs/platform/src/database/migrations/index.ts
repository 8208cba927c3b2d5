import { InitialSchema1763800000000 } from './1763800000000-initial-schema';

/** Every migration, in order. Listed as classes so that tsc, Jest and the CLI agree. */
export const MIGRATIONS = [InitialSchema1763800000000];
