/**
 * When a message whose delivery failed is tried again, and when it is given up (ADR 0017).
 * The first retries come quickly from the queue itself (the `notification.deliver` job's
 * exponential backoff: 1, 2, 4, 8 s); after that the message waits in PostgreSQL
 * (`next_attempt_at`) and the sweep brings it back — 1, 2, 4 … minutes apart, at most an
 * hour — so a mail server down for an afternoon loses nothing and Redis holds no job
 * for hours. After MAX_DELIVERY_ATTEMPTS the message is `failed` for coordinators to see;
 * a refusal the server calls permanent (5xx) fails it at once.
 */
export const MAX_DELIVERY_ATTEMPTS = 14;

/** Attempts the queue makes by itself (the job's `attempts`), before the sweep takes over. */
export const QUEUE_DELIVERY_ATTEMPTS = 5;

/** How long after its due time a pending message counts as lost by Redis, so the sweep brings it back. */
export const SWEEP_GRACE_MS = 30_000;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** The wait after the `attempt`-th failed attempt (1-based) before the next. */
export function retryDelayMs(attempt: number): number {
  if (attempt < QUEUE_DELIVERY_ATTEMPTS) return SECOND * 2 ** (attempt - 1);
  return Math.min(MINUTE * 2 ** (attempt - QUEUE_DELIVERY_ATTEMPTS), 60 * MINUTE);
}

export type DeliveryFailure = { code: string; permanent: boolean };

/** What the ledger records after a failed attempt: try again later, or give up. */
export function afterFailure(attempt: number, failure: DeliveryFailure): { status: 'pending'; retryInMs: number } | { status: 'failed' } {
  if (failure.permanent || attempt >= MAX_DELIVERY_ATTEMPTS) return { status: 'failed' };
  return { status: 'pending', retryInMs: retryDelayMs(attempt) };
}

/**
 * A transport error as a short code for the ledger and the logs — never the server's
 * text, which may quote the recipient's address: `smtp_451`, `smtp_550`, `econnrefused`,
 * `etimedout`, … A 5xx reply is permanent; anything else (4xx, the connection) is not.
 */
export function deliveryFailure(err: unknown): DeliveryFailure {
  const e = (err ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof e.responseCode === 'number' && e.responseCode >= 200 && e.responseCode < 600) {
    return { code: `smtp_${e.responseCode}`, permanent: e.responseCode >= 500 };
  }
  // Node's and nodemailer's codes (ECONNREFUSED, ETIMEDOUT, ESOCKET …); anything else could carry text.
  const code = typeof e.code === 'string' && /^E[A-Z0-9_]{1,30}$/.test(e.code) ? e.code.toLowerCase() : 'unknown';
  return { code, permanent: false };
}

/** An SMS gateway's HTTP refusal as a ledger code (`http_503`): 4xx is permanent except 408 and 429. */
export function gatewayFailure(status: number): DeliveryFailure {
  return { code: `http_${status}`, permanent: status >= 400 && status < 500 && status !== 408 && status !== 429 };
}
