import { afterFailure, deliveryFailure, gatewayFailure, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './delivery-policy';

describe('delivery policy', () => {
  it('retries quickly at first (as the queue does), then minutes apart, at most an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([5, 6, 7].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000]);
    expect(retryDelayMs(12)).toBe(3_600_000);
    expect(retryDelayMs(MAX_DELIVERY_ATTEMPTS)).toBe(3_600_000);
  });

  it('gives up after the last attempt, or at once when the server says the refusal is permanent', () => {
    const transient = { code: 'smtp_451', permanent: false };
    expect(afterFailure(1, transient)).toEqual({ status: 'pending', retryInMs: 1_000 });
    expect(afterFailure(MAX_DELIVERY_ATTEMPTS - 1, transient)).toMatchObject({ status: 'pending' });
    expect(afterFailure(MAX_DELIVERY_ATTEMPTS, transient)).toEqual({ status: 'failed' });
    expect(afterFailure(1, { code: 'smtp_550', permanent: true })).toEqual({ status: 'failed' });
  });

  it('keeps a code, never the server’s text (it may quote an address)', () => {
    const refused = Object.assign(new Error('Recipient command failed: 550 5.1.1 <anna@example.dk>: no such user'), {
      code: 'EENVELOPE',
      responseCode: 550,
    });
    expect(deliveryFailure(refused)).toEqual({ code: 'smtp_550', permanent: true });
    expect(deliveryFailure(Object.assign(new Error('451 try later'), { code: 'EENVELOPE', responseCode: 451 }))).toEqual({
      code: 'smtp_451',
      permanent: false,
    });
    expect(deliveryFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNREFUSED' }))).toEqual({
      code: 'econnrefused',
      permanent: false,
    });
    expect(deliveryFailure(new Error('something odd'))).toEqual({ code: 'unknown', permanent: false });
    expect(deliveryFailure(Object.assign(new Error('x'), { code: 'E<anna@example.dk>' })).code).toBe('unknown');
  });

  it('reads an SMS gateway’s HTTP status: 4xx is for good, except timeouts and rate limits', () => {
    expect(gatewayFailure(400)).toEqual({ code: 'http_400', permanent: true });
    expect(gatewayFailure(429)).toEqual({ code: 'http_429', permanent: false });
    expect(gatewayFailure(408)).toEqual({ code: 'http_408', permanent: false });
    expect(gatewayFailure(503)).toEqual({ code: 'http_503', permanent: false });
  });
});
