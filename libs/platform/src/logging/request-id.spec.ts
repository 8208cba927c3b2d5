import { isSafeRequestId, loggablePath, maskCprShapes } from './request-id';

describe('request ids', () => {
  it('keeps plain tokens and UUIDs', () => {
    for (const id of ['trace-me-12345', 'gp-system:trace.42', 'a', '5f0e2a8c-0d7e-4e8a-9f43-1c2b3d4e5f60', 'req-2026.11', 'x'.repeat(64)]) {
      expect({ id, safe: isSafeRequestId(id) }).toEqual({ id, safe: true });
    }
  });

  it('refuses anything that could carry a CPR number, phone number, e-mail or name', () => {
    const refused = [
      '0101451234',
      '010145-1234',
      'case-0101451234-x',
      'id:010145-1234',
      '20123456',
      '20-12-34-56',
      '20.12.34.56',
      '+4520123456',
      'inger@example.dk',
      'Inger Jensen',
      'x'.repeat(65),
      'req_2026-11-27', // a date may be a birth date
      '',
      'a/b',
      'æøå',
      '01014512-3456-4e8a-9f43-1c2b3d4e5f60', // a "UUID" holding a CPR number
    ];
    for (const id of refused) expect({ id, safe: isSafeRequestId(id) }).toEqual({ id, safe: false });
  });
});

describe('maskCprShapes', () => {
  it('masks CPR-shaped numbers in paths and query strings, with or without the dash', () => {
    expect(maskCprShapes('/v1/referrals/0101451234')).toBe('/v1/referrals/******-****');
    expect(maskCprShapes('/v1/citizens/010145-1234/access-log')).toBe('/v1/citizens/******-****/access-log');
    expect(maskCprShapes('/v1/citizens/010145%2D1234')).toBe('/v1/citizens/******-****');
    expect(maskCprShapes('Cannot GET /v1/x?cpr=0101451234&b=1')).toBe('Cannot GET /v1/x?cpr=******-****&b=1');
  });

  it('leaves ids and longer numbers alone', () => {
    for (const text of ['/v1/referrals/5f0e2a8c-0d7e-4e8a-9f43-1c2b3d4e5f60', '/metrics?at=17638201012345', '/v1/offers?limit=50']) {
      expect(maskCprShapes(text)).toBe(text);
    }
  });
});

describe('loggablePath', () => {
  it('masks the token of a hand-off or offer-check link, and CPR shapes', () => {
    const token = 'Ab3_-x'.repeat(7) + 'Z';
    expect(loggablePath(`/v1/handover/${token}`)).toBe('/v1/handover/***');
    expect(loggablePath(`/v1/handover/${token}/answer`)).toBe('/v1/handover/***/answer');
    expect(loggablePath(`/v1/offer-check/${token}`)).toBe('/v1/offer-check/***');
    expect(loggablePath(`/v/${token}`)).toBe('/v/***');
    expect(loggablePath(`/tjek/${token}`)).toBe('/tjek/***');
    expect(loggablePath('/v1/referrals/0101451234')).toBe('/v1/referrals/******-****');
    expect(loggablePath('/v1/offers/7d1c0e9e-1b2a-4c3d-8e9f-0a1b2c3d4e5f/hosts')).toBe(
      '/v1/offers/7d1c0e9e-1b2a-4c3d-8e9f-0a1b2c3d4e5f/hosts',
    );
  });
});
