import {
  calendarInitials,
  CaseRelations,
  decideCitizenChannel,
  decideDisclosure,
  DisclosedCase,
  FullDisclosure,
  referrerView,
  ReferrerFacts,
  Viewer,
} from './disclosure-policy';

const M = 'municipality-1';
const viewer = (role: Viewer['role'], over: Partial<Viewer> = {}): Viewer => ({
  userId: 'u-viewer',
  role,
  municipalityId: M,
  organisation: null,
  ...over,
});
const relations = (over: Partial<CaseRelations> = {}): CaseRelations => ({
  municipalityId: M,
  status: 'assigned',
  areaId: 'area-1',
  assigneeUserId: 'u-brobygger',
  referrers: [{ userId: 'u-gp', organisation: 'Lægehuset Algade', feedbackLevel: 'status' }],
  restricted: false,
  addressProtected: false,
  ...over,
});

describe('decideDisclosure', () => {
  it('shows nothing across municipalities, whatever the role', () => {
    for (const role of ['coordinator', 'brobygger', 'referrer'] as const) {
      expect(decideDisclosure(viewer(role, { municipalityId: 'other', userId: 'u-brobygger' }), relations())).toEqual({ kind: 'none' });
    }
  });

  it('gives coordinators the full case', () => {
    expect(decideDisclosure(viewer('coordinator'), relations())).toEqual({ kind: 'full', notes: true, contact: true });
  });

  it('keeps a restricted case from everyone but coordinators, who must state a reason', () => {
    const kept = relations({ restricted: true, status: 'cancelled' });
    expect(decideDisclosure(viewer('coordinator'), kept)).toEqual({ kind: 'full', notes: true, contact: true, reasonRequired: true });
    expect(decideDisclosure(viewer('brobygger', { userId: 'u-brobygger' }), kept)).toEqual({ kind: 'none' });
    expect(decideDisclosure(viewer('referrer', { userId: 'u-gp' }), kept)).toEqual({ kind: 'none' });
    expect(decideDisclosure(viewer('coordinator', { municipalityId: 'other' }), kept)).toEqual({ kind: 'none' });
  });

  it('gives the assigned brobygger the full case and a colleague nothing', () => {
    expect(decideDisclosure(viewer('brobygger', { userId: 'u-brobygger' }), relations())).toEqual({
      kind: 'full',
      notes: true,
      contact: true,
    });
    expect(decideDisclosure(viewer('brobygger', { userId: 'u-colleague' }), relations(), ['area-1'])).toEqual({ kind: 'none' });
  });

  it('shows an unassigned case to brobyggere of its area, without notes', () => {
    const waiting = relations({ status: 'unassigned', assigneeUserId: null });
    expect(decideDisclosure(viewer('brobygger'), waiting, ['area-1'])).toEqual({ kind: 'full', notes: false, contact: true });
    expect(decideDisclosure(viewer('brobygger'), waiting, ['area-2'])).toEqual({ kind: 'none' });
  });

  it('shows a public referral awaiting consent only for the first call: coordinators and brobyggere of its area (ADR 0030)', () => {
    const awaiting = relations({
      status: 'awaiting_consent',
      assigneeUserId: null,
      referrers: [{ userId: 'u-door', organisation: null, feedbackLevel: 'none' }],
    });
    const firstCall = { kind: 'full', notes: false, contact: true, unconsented: true };
    expect(decideDisclosure(viewer('coordinator'), awaiting)).toEqual(firstCall);
    expect(decideDisclosure(viewer('brobygger'), awaiting, ['area-1'])).toEqual(firstCall);
    expect(decideDisclosure(viewer('brobygger'), relations({ ...awaiting, addressProtected: true }), ['area-1'])).toEqual({
      ...firstCall,
      contact: false,
    });
    expect(decideDisclosure(viewer('brobygger'), awaiting, ['area-2'])).toEqual({ kind: 'none' });
    expect(decideDisclosure(viewer('referrer', { userId: 'u-gp', organisation: 'Lægehuset Algade' }), awaiting)).toEqual({ kind: 'none' });
    expect(decideDisclosure(viewer('coordinator', { municipalityId: 'other' }), awaiting)).toEqual({ kind: 'none' });
  });

  it('is a decision only the policy makes: a hand-made one does not type-check', () => {
    // @ts-expect-error — a hand-made decision lacks the policy's brand
    const handMade: FullDisclosure = { kind: 'full', notes: true, contact: true };
    // @ts-expect-error — and so does a case handed to a reader with one
    const scope: DisclosedCase = { municipalityId: M, referralId: 'r1', disclosure: { kind: 'full', notes: true, contact: true } };
    const decided = decideDisclosure(viewer('coordinator'), relations());
    if (decided.kind !== 'full') throw new Error('a coordinator gets the full case');
    const fromPolicy: DisclosedCase = { municipalityId: M, referralId: 'r1', disclosure: decided };
    expect([handMade.kind, scope.disclosure.kind, fromPolicy.disclosure.notes]).toEqual(['full', 'full', true]);
  });

  describe('name-and-address protection', () => {
    const guarded = { addressProtected: true };

    it('gives coordinators and the brobygger who holds the case the address and phone', () => {
      expect(decideDisclosure(viewer('coordinator'), relations(guarded))).toMatchObject({ kind: 'full', contact: true });
      expect(decideDisclosure(viewer('brobygger', { userId: 'u-brobygger' }), relations(guarded))).toMatchObject({
        kind: 'full',
        contact: true,
      });
      // Closed, the last holder keeps the case, and so its contact details.
      expect(
        decideDisclosure(viewer('brobygger', { userId: 'u-brobygger' }), relations({ ...guarded, status: 'completed' })),
      ).toMatchObject({ kind: 'full', contact: true });
      const kept = relations({ ...guarded, restricted: true, status: 'cancelled' });
      expect(decideDisclosure(viewer('coordinator'), kept)).toMatchObject({ kind: 'full', contact: true, reasonRequired: true });
    });

    it('keeps them from brobyggere of the area while the case waits, who still see the case without notes', () => {
      const waiting = relations({ ...guarded, status: 'unassigned', assigneeUserId: null });
      expect(decideDisclosure(viewer('brobygger'), waiting, ['area-1'])).toEqual({ kind: 'full', notes: false, contact: false });
      expect(
        decideDisclosure(viewer('brobygger'), relations({ ...guarded, status: 'submitted', assigneeUserId: null }), ['area-1']),
      ).toEqual({
        kind: 'full',
        notes: false,
        contact: false,
      });
    });

    it('gives a referrer the referrer view (which never holds contact details) and everyone else nothing', () => {
      expect(decideDisclosure(viewer('referrer', { userId: 'u-gp' }), relations(guarded))).toEqual({ kind: 'referrer', level: 'status' });
      expect(decideDisclosure(viewer('brobygger', { userId: 'u-colleague' }), relations(guarded), ['area-1'])).toEqual({ kind: 'none' });
      expect(decideDisclosure(viewer('coordinator', { municipalityId: 'other' }), relations(guarded))).toEqual({ kind: 'none' });
    });

    it('gives contact details wherever it gives the full case of an unprotected citizen', () => {
      const cases = [
        [viewer('coordinator'), relations()],
        [viewer('brobygger', { userId: 'u-brobygger' }), relations()],
        [viewer('brobygger'), relations({ status: 'unassigned', assigneeUserId: null })],
      ] as const;
      for (const [v, r] of cases) expect(decideDisclosure(v, r, ['area-1'])).toMatchObject({ kind: 'full', contact: true });
    });
  });

  it('gives the referrer, and their clinic, the referrer view at the consent level', () => {
    expect(decideDisclosure(viewer('referrer', { userId: 'u-gp' }), relations())).toEqual({ kind: 'referrer', level: 'status' });
    const quiet = relations({ referrers: [{ userId: 'u-gp', organisation: 'Lægehuset Algade', feedbackLevel: 'none' }] });
    expect(decideDisclosure(viewer('referrer', { organisation: 'Lægehuset Algade' }), quiet)).toEqual({ kind: 'referrer', level: 'none' });
    expect(decideDisclosure(viewer('referrer', { organisation: 'Lægerne i Viby' }), relations())).toEqual({ kind: 'none' });
  });

  it('counts a linked referral as a relation', () => {
    const linked = relations({
      referrers: [
        { userId: 'u-gp', organisation: null, feedbackLevel: 'status' },
        { userId: 'u-nurse', organisation: null, feedbackLevel: 'status' },
      ],
    });
    expect(decideDisclosure(viewer('referrer', { userId: 'u-nurse' }), linked).kind).toBe('referrer');
  });

  it('cuts each referrer to the consent given on their own referral, never to a later referrer’s (ADR 0014)', () => {
    const shared = relations({
      referrers: [
        { userId: 'u-gp', organisation: 'Lægehuset Algade', feedbackLevel: 'none' },
        { userId: 'u-colleague', organisation: 'Lægehuset Algade', feedbackLevel: 'summary' },
        { userId: 'u-gp', organisation: 'Lægehuset Algade', feedbackLevel: 'status' },
      ],
    });
    // Their own newest consent, whatever the clinic's colleagues were told.
    expect(decideDisclosure(viewer('referrer', { userId: 'u-gp', organisation: 'Lægehuset Algade' }), shared)).toEqual({
      kind: 'referrer',
      level: 'status',
    });
    expect(decideDisclosure(viewer('referrer', { userId: 'u-colleague', organisation: 'Lægehuset Algade' }), shared)).toEqual({
      kind: 'referrer',
      level: 'summary',
    });
    // A colleague without a referral of their own: the clinic's newest.
    expect(decideDisclosure(viewer('referrer', { userId: 'u-third', organisation: 'Lægehuset Algade' }), shared)).toEqual({
      kind: 'referrer',
      level: 'status',
    });
    // Without an organisation only the same user counts.
    const solo = relations({ referrers: [{ userId: 'u-gp', organisation: null, feedbackLevel: 'status' }] });
    expect(decideDisclosure(viewer('referrer', { userId: 'u-other', organisation: null }), solo)).toEqual({ kind: 'none' });
  });
});

describe('referrerView', () => {
  const t = (minute: number) => new Date(Date.UTC(2026, 10, 2, 10, minute));
  const facts: ReferrerFacts = {
    id: 'r1',
    createdAt: t(0),
    history: [
      { status: 'submitted', at: t(0) },
      { status: 'assigned', at: t(1) },
      { status: 'contacted', at: t(2) },
      { status: 'active', at: t(3) },
      { status: 'on_hold', at: t(4) },
      { status: 'active', at: t(5) },
      { status: 'completed', at: t(6) },
    ],
    closingCategory: 'goal_reached',
    summary: 'Inger går nu til Cirkler hver torsdag.',
    summaryApprovedByCitizen: true,
  };

  it('at "none" says only that the referral was received', () => {
    const view = referrerView(facts, 'none');
    expect(view).toEqual({ id: 'r1', status: 'received', milestones: [{ status: 'received', at: t(0).toISOString() }] });
  });

  it('at "status" gives each milestone once, the closing category, never a pause or the summary', () => {
    const view = referrerView(facts, 'status');
    expect(view.milestones.map((m) => m.status)).toEqual(['received', 'assigned', 'contacted', 'conversation_held', 'closed']);
    expect(view.milestones[4]).toEqual({ status: 'closed', at: t(6).toISOString(), outcome: 'goal_reached' });
    expect(view.status).toBe('closed');
    expect(view.summary).toBeUndefined();
    expect(JSON.stringify(view)).not.toContain('on_hold');
  });

  it('at "summary" adds the summary only once the citizen has approved it', () => {
    expect(referrerView(facts, 'summary').summary).toBe(facts.summary);
    expect(referrerView({ ...facts, summaryApprovedByCitizen: false }, 'summary').summary).toBeUndefined();
  });

  it('has exactly the contract keys', () => {
    expect(Object.keys(referrerView(facts, 'summary')).sort()).toEqual(['id', 'milestones', 'status', 'summary']);
  });
});

describe('the citizen’s own channels', () => {
  const citizen = { phone: '+45 20 00 00 01', contactPreferences: null };
  it('sends an SMS only with sms consent, a phone and no preference against it', () => {
    expect(decideCitizenChannel({ sms: true }, citizen)).toEqual({ channel: 'sms', phone: '+45 20 00 00 01' });
    expect(decideCitizenChannel({ sms: false }, citizen)).toEqual({ channel: 'letter', why: 'no_sms_consent' });
    expect(decideCitizenChannel({ sms: true }, { ...citizen, phone: null })).toEqual({ channel: 'letter', why: 'no_phone' });
    expect(decideCitizenChannel({ sms: true }, { ...citizen, contactPreferences: { doNotContactBy: ['sms'] } })).toMatchObject({
      channel: 'letter',
    });
    expect(decideCitizenChannel({ sms: true }, { ...citizen, contactPreferences: { preferred: 'letter' } })).toMatchObject({
      channel: 'letter',
    });
    expect(decideCitizenChannel({ sms: true }, { ...citizen, contactPreferences: { preferred: 'sms' } })).toMatchObject({ channel: 'sms' });
  });

  it('gives a calendar the initials only', () => {
    expect(calendarInitials('Anna Marie Jensen')).toBe('A.M.J.');
    expect(calendarInitials('Ølse Hansen-Ærø')).toBe('Ø.H.Æ.');
    expect(calendarInitials(null)).toBe('–');
    expect(calendarInitials('  ')).toBe('–');
  });
});
