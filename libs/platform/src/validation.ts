import { Matches } from 'class-validator';

/** A Danish or international phone number as people type it: 8–16 digits, spaces allowed, optional leading +. */
export const IsPhone = () => Matches(/^\+?[0-9 ]{8,16}$/, { message: '$property must be 8–16 digits, optionally with a leading +' });
