import { decideHandover, firstName, handoverView } from './disclosure-policy';

describe('the hand-off decision (ADR 0026)', () => {
  const open = { shareWithHost: true, closed: false, restricted: false };

  it('allows a host or a følgeven only under share_with_host, on an open, unrestricted case', () => {
    expect(decideHandover(open, 'host')).toEqual({ kind: 'handover', recipient: 'host' });
    expect(decideHandover(open, 'companion')).toEqual({ kind: 'handover', recipient: 'companion' });
    expect(decideHandover({ ...open, shareWithHost: false }, 'companion')).toEqual({ kind: 'none', why: 'share_with_host' });
    expect(decideHandover({ ...open, closed: true }, 'host')).toEqual({ kind: 'none', why: 'case_closed' });
    expect(decideHandover({ ...open, restricted: true }, 'host')).toEqual({ kind: 'none', why: 'restricted' });
  });

  it('shows the first name and the allow-listed facts, nothing else', () => {
    const d = decideHandover(open, 'host');
    if (d.kind !== 'handover') throw new Error('expected a hand-off');
    const view = handoverView(
      {
        citizenName: '  Karen Marie Jensen ',
        offer: { name: 'Gåtur', organisation: 'Modne Motionister' },
        firstVisitAt: new Date('2026-12-01T09:00:00Z'),
        place: 'Byparken',
        companionName: 'Jens Madsen',
        message: 'Kommer lidt før',
        answer: null,
        answeredAt: null,
        expiresAt: new Date('2026-12-31T09:00:00Z'),
      },
      d,
    );
    expect(view).toEqual({
      recipient: 'host',
      firstName: 'Karen',
      offer: { name: 'Gåtur', organisation: 'Modne Motionister' },
      firstVisit: { at: '2026-12-01T09:00:00.000Z', place: 'Byparken' },
      companion: { firstName: 'Jens' },
      message: 'Kommer lidt før',
      answer: null,
      answeredAt: null,
      expiresAt: '2026-12-31T09:00:00.000Z',
    });
    expect(JSON.stringify(view)).not.toMatch(/Marie|Jensen|Madsen/);
  });

  it('takes the first word of a name, and nothing of an erased one', () => {
    expect(firstName('Inger Jensen')).toBe('Inger');
    expect(firstName('   ')).toBeNull();
    expect(firstName(null)).toBeNull();
  });
});
