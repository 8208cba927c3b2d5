import { isLinkTokenShape, linkTokenHash, newLinkToken } from './link-token';

describe('link tokens', () => {
  it('are 256 random bits, stored only as their digest', () => {
    const a = newLinkToken();
    const b = newLinkToken();
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(linkTokenHash(a.token));
    expect(a.hash).not.toContain(a.token);
    expect(isLinkTokenShape(a.token)).toBe(true);
  });

  it('refuses what Bro never made', () => {
    for (const t of ['', 'abc', `${'a'.repeat(42)}=`, `${'a'.repeat(43)}/`, 'a'.repeat(44)]) expect(isLinkTokenShape(t)).toBe(false);
  });
});
