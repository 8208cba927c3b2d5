/**
 * Who should get a referral: the choice order of "Routing and matching", as a pure
 * function. Among active, present brobyggere of the area with free capacity:
 *   1. the brobygger who had this citizen before (most recent first) — continuity;
 *   2. one who speaks the citizen's language;
 *   3. the lowest load ratio (active cases / capacity);
 *   4. the one assigned longest ago (never assigned first);
 * then by id, so the order is total and repeatable.
 */
export interface Candidate {
  id: string;
  capacity: number;
  activeCases: number;
  languages: string[];
  lastAssignedAt: Date | null;
  active: boolean;
  /** Not within an absence period today (in the municipality's time zone). */
  present: boolean;
}

export interface MatchContext {
  /** Brobyggere who held this citizen's earlier cases, most recent first. */
  previousBrobyggerIds: string[];
  language: string | null;
}

export const UNASSIGNED_REASONS = [
  'no_area_for_postcode',
  'no_brobygger_in_area',
  'all_absent',
  'all_at_capacity',
  'brobygger_deactivated',
  'returned_to_queue',
] as const;
export type UnassignedReason = (typeof UNASSIGNED_REASONS)[number];

/**
 * `ranked`: every candidate with room, best first. `peers`: the leading ones that differ
 * from the first only by load and last assignment — the two criteria a concurrent
 * assignment changes (it raises the load and stamps the time of whoever it takes), so
 * any of them that is free right now is as right as the first. Continuity and language
 * are never traded: a citizen's former brobygger, or the one who speaks their
 * language, is waited for.
 */
export type Ranking = { ranked: Candidate[]; peers: Candidate[] } | { reason: UnassignedReason };

export function rankCandidates(candidates: readonly Candidate[], ctx: MatchContext): Ranking {
  const active = candidates.filter((c) => c.active);
  if (active.length === 0) return { reason: 'no_brobygger_in_area' };
  const present = active.filter((c) => c.present);
  if (present.length === 0) return { reason: 'all_absent' };
  const withRoom = present.filter((c) => c.activeCases < c.capacity);
  if (withRoom.length === 0) return { reason: 'all_at_capacity' };

  const continuity = (c: Candidate) => {
    const i = ctx.previousBrobyggerIds.indexOf(c.id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const speaks = (c: Candidate) => (ctx.language && c.languages.includes(ctx.language) ? 0 : 1);
  const load = (c: Candidate) => c.activeCases / c.capacity;
  const lastAssigned = (c: Candidate) => c.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;

  const ranked = [...withRoom].sort(
    (a, b) =>
      continuity(a) - continuity(b) ||
      speaks(a) - speaks(b) ||
      load(a) - load(b) ||
      lastAssigned(a) - lastAssigned(b) ||
      a.id.localeCompare(b.id),
  );
  const [first] = ranked;
  const peers = ranked.filter((c) => continuity(c) === continuity(first) && speaks(c) === speaks(first));
  return { ranked, peers };
}
