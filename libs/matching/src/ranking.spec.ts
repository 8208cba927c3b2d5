import { Candidate, rankCandidates } from './ranking';

const candidate = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  id,
  capacity: 10,
  activeCases: 0,
  languages: ['da'],
  lastAssignedAt: new Date('2026-11-01T10:00:00Z'),
  active: true,
  present: true,
  ...over,
});
const ids = (r: ReturnType<typeof rankCandidates>) => ('ranked' in r ? r.ranked.map((c) => c.id) : r.reason);
const ctx = { previousBrobyggerIds: [], language: 'da' };

describe('rankCandidates', () => {
  it('prefers the brobygger who had the citizen before, even over language and load', () => {
    const r = rankCandidates(
      [candidate('a', { activeCases: 0, languages: ['ar'] }), candidate('b', { activeCases: 9 }), candidate('c', { activeCases: 5 })],
      { previousBrobyggerIds: ['c', 'b'], language: 'ar' },
    );
    expect(ids(r)).toEqual(['c', 'b', 'a']);
  });

  it('names as peers the leading candidates that differ only by load and last assignment', () => {
    const r = rankCandidates(
      [
        candidate('a', { activeCases: 4 }),
        candidate('b', { activeCases: 0, languages: ['da', 'ar'] }),
        candidate('c', { activeCases: 2, languages: ['ar'] }),
        candidate('d', { activeCases: 1 }),
      ],
      { previousBrobyggerIds: [], language: 'ar' },
    );
    // b and c speak Arabic: only they are interchangeable; a and d are never traded for them.
    expect('peers' in r && r.peers.map((c) => c.id)).toEqual(['b', 'c']);
    const former = rankCandidates([candidate('a'), candidate('b'), candidate('c', { activeCases: 9 })], {
      previousBrobyggerIds: ['c'],
      language: 'da',
    });
    // The citizen's former brobygger has no peer: continuity is waited for.
    expect('peers' in former && former.peers.map((c) => c.id)).toEqual(['c']);
    const plain = rankCandidates([candidate('a', { activeCases: 3 }), candidate('b')], ctx);
    expect('peers' in plain && plain.peers.map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('then one who speaks the citizen’s language', () => {
    const r = rankCandidates([candidate('a', { activeCases: 0 }), candidate('b', { activeCases: 8, languages: ['da', 'ar'] })], {
      previousBrobyggerIds: [],
      language: 'ar',
    });
    expect(ids(r)).toEqual(['b', 'a']);
  });

  it('then the lowest load ratio, not the lowest count', () => {
    const r = rankCandidates([candidate('a', { activeCases: 2, capacity: 4 }), candidate('b', { activeCases: 3, capacity: 10 })], ctx);
    expect(ids(r)).toEqual(['b', 'a']);
  });

  it('then the one assigned longest ago, never-assigned first', () => {
    const r = rankCandidates(
      [
        candidate('a', { lastAssignedAt: new Date('2026-11-20T10:00:00Z') }),
        candidate('b', { lastAssignedAt: new Date('2026-11-02T10:00:00Z') }),
        candidate('c', { lastAssignedAt: null }),
      ],
      ctx,
    );
    expect(ids(r)).toEqual(['c', 'b', 'a']);
  });

  it('leaves out the inactive, the absent and the full — and says why when nobody is left', () => {
    const r = rankCandidates(
      [candidate('off', { active: false }), candidate('away', { present: false }), candidate('full', { activeCases: 10 }), candidate('ok')],
      ctx,
    );
    expect(ids(r)).toEqual(['ok']);
    expect(ids(rankCandidates([], ctx))).toBe('no_brobygger_in_area');
    expect(ids(rankCandidates([candidate('off', { active: false })], ctx))).toBe('no_brobygger_in_area');
    expect(ids(rankCandidates([candidate('away', { present: false }), candidate('off', { active: false })], ctx))).toBe('all_absent');
    expect(ids(rankCandidates([candidate('full', { activeCases: 10 }), candidate('away', { present: false })], ctx))).toBe(
      'all_at_capacity',
    );
    expect(ids(rankCandidates([candidate('zero', { capacity: 0 })], ctx))).toBe('all_at_capacity');
  });
});
