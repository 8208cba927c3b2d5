/** The channel the relay listens on; PostgreSQL delivers a NOTIFY only when its transaction commits. */
export const OUTBOX_CHANNEL = 'bro_outbox';
