import type { DataSource, EntityManager } from 'typeorm';

/** A municipality's chain head with the audit row it ends at. */
export interface ChainHead {
  municipalityId: string;
  seq: string;
  /** Null only when the head's link has gone (which verification reports). */
  auditId: string | null;
  hash: Buffer;
}

export interface ChainLink {
  municipalityId: string;
  seq: string;
  auditId: string;
  hash: Buffer;
}

/** A link of the chain with the fields of its audit row (null when the row has gone). */
export interface LinkRow {
  seq: string;
  hash: Buffer;
  audit_id: string;
  fields: (string | null)[] | null;
}

/** The columns of an audit row, in the order `insertEntries` takes its values. */
export const AUDIT_COLUMNS = ['municipality_id', 'user_id', 'role', 'action', 'citizen_id', 'referral_id', 'purpose', 'request_id'];

/**
 * The rows about the citizen `$1`: those naming one case of theirs (`citizen_id`), and
 * the list pages that showed a case of theirs among others (`citizen_ids`, ADR 0037).
 */
const ABOUT_CITIZEN = '(citizen_id = $1 OR citizen_ids @> ARRAY[$1::uuid])';
/** Audit rows waiting for the chain linker (ADR 0042). */
export interface ChainBacklog {
  unlinked: number;
  oldestSeconds: number;
}

/** An audit row in no chain that is not waiting for the linker either: a break. */
const UNCHAINED = `NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM audit_chain_pending p WHERE p.audit_id = a.id)`;

/** The citizen's case the row is about: a list page's n-th case is its n-th citizen's. */
const REFERRAL_OF_CITIZEN = 'COALESCE(referral_id, referral_ids[array_position(citizen_ids, $1::uuid)])';

/** Where the reads run: the DataSource, or a transaction's manager when they must share one snapshot. */
export type AuditReader = Pick<DataSource, 'query'> | Pick<EntityManager, 'query'>;

/**
 * All SQL on the tables the audit lib owns — `audit_log`, `audit_chain`,
 * `audit_chain_head`, `audit_chain_pending` (ADR 0012, 0017, 0022, 0042). A plain class over a DataSource so the
 * CLI can use it without Nest; writes take the caller's EntityManager. Given a
 * transaction's manager, its reads all see that transaction's snapshot (`audit:verify`).
 */
export class AuditRepository {
  constructor(private readonly db: AuditReader) {}

  /** Runs `work` on a repository whose reads all see one REPEATABLE READ, read-only snapshot. */
  static inSnapshot<T>(ds: DataSource, work: (audit: AuditRepository, m: EntityManager) => Promise<T>): Promise<T> {
    return ds.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      return work(new AuditRepository(m), m);
    });
  }

  /** Every municipality's head, read in one statement (one snapshot). */
  async chainHeads(): Promise<ChainHead[]> {
    return this.db.query(
      `SELECT h.municipality_id AS "municipalityId", h.seq::text AS seq, c.audit_id::text AS "auditId", h.hash
         FROM audit_chain_head h LEFT JOIN audit_chain c ON c.municipality_id = h.municipality_id AND c.seq = h.seq
        ORDER BY h.municipality_id`,
    );
  }

  /** The links at these (municipality, seq) places; places without a link are left out. */
  async linksAt(places: readonly { municipalityId: string; seq: string }[]): Promise<ChainLink[]> {
    if (places.length === 0) return [];
    return this.db.query(
      `SELECT c.municipality_id AS "municipalityId", c.seq::text AS seq, c.audit_id::text AS "auditId", c.hash
         FROM unnest($1::uuid[], $2::bigint[]) AS p (municipality_id, seq)
         JOIN audit_chain c ON c.municipality_id = p.municipality_id AND c.seq = p.seq`,
      [places.map((p) => p.municipalityId), places.map((p) => p.seq)],
    );
  }

  /** Every municipality's chain head. */
  async chainHeadRows(): Promise<{ municipality_id: string; seq: string; hash: Buffer }[]> {
    return this.db.query('SELECT municipality_id, seq::text AS seq, hash FROM audit_chain_head ORDER BY municipality_id');
  }

  /** Up to `limit` links of a municipality's chain from `seq` on, in order. */
  async linksFrom(municipalityId: string, seq: string, limit: number): Promise<LinkRow[]> {
    // The LEFT JOIN keeps a link whose audit row has gone, so that shows as a break too.
    return this.db.query(
      `SELECT c.seq::text AS seq, c.hash, c.audit_id::text AS audit_id,
              CASE WHEN a.id IS NULL THEN NULL ELSE ARRAY[
                a.id::text, (extract(epoch FROM a.at) * 1000000)::bigint::text, a.municipality_id::text, a.user_id::text,
                a.role, a.action, a.citizen_id::text, a.referral_id::text, a.purpose, a.request_id]
                || CASE WHEN a.citizen_ids IS NULL THEN ARRAY[]::text[] ELSE ARRAY[a.citizen_ids::text, a.referral_ids::text] END
              END AS fields
         FROM audit_chain c LEFT JOIN audit_log a ON a.id = c.audit_id
        WHERE c.municipality_id = $1 AND c.seq >= $2 ORDER BY c.seq LIMIT $3`,
      [municipalityId, seq, limit],
    );
  }

  /**
   * Links up to `limit` pending audit rows into their chains, in one transaction (ADR 0042);
   * how many it linked. Rows another linker holds are skipped, not waited for.
   */
  async linkPending(limit: number): Promise<number> {
    const [{ linked }]: { linked: number }[] = await this.db.query('SELECT audit_chain_link_pending($1) AS linked', [limit]);
    return linked;
  }

  /** Audit rows that are in no chain and not waiting to be linked, the first `limit` by id. */
  async unchained(limit: number): Promise<{ id: string; municipality_id: string }[]> {
    return this.db.query(
      `SELECT a.id::text AS id, a.municipality_id FROM audit_log a
        WHERE ${UNCHAINED} ORDER BY a.id LIMIT $1`,
      [limit],
    );
  }

  async unchainedCount(): Promise<number> {
    const [{ n }]: { n: number }[] = await this.db.query(`SELECT count(*)::int AS n FROM audit_log a WHERE ${UNCHAINED}`);
    return n;
  }

  /** Audit rows written but not yet linked (the linker takes them within a moment). */
  async pendingCount(): Promise<number> {
    return (await this.chainBacklog()).unlinked;
  }

  /** How many rows wait for the linker, and how long the oldest has (its audit time; the lowest id is the oldest). */
  async chainBacklog(): Promise<ChainBacklog> {
    const [row]: { n: number; oldest: number | null }[] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM audit_chain_pending) AS n,
              (SELECT extract(epoch FROM clock_timestamp() - a.at)::float8 FROM audit_log a
                WHERE a.id = (SELECT min(audit_id) FROM audit_chain_pending)) AS oldest`,
    );
    return { unlinked: row.n, oldestSeconds: Math.max(0, row.oldest ?? 0) };
  }

  /** How many entries the municipality's log holds about a citizen. */
  async countAbout(m: EntityManager, municipalityId: string, citizenId: string): Promise<number> {
    const [{ total }]: { total: number }[] = await m.query(
      `SELECT count(*)::int AS total FROM audit_log WHERE ${ABOUT_CITIZEN} AND municipality_id = $2`,
      [citizenId, municipalityId],
    );
    return total;
  }

  /** A page of the entries about a citizen, newest first. */
  async pageAbout(m: EntityManager, municipalityId: string, citizenId: string, limit: number, offset: number): Promise<unknown[]> {
    return m.query(
      `SELECT at, user_id AS "userId", role, action, ${REFERRAL_OF_CITIZEN} AS "referralId", purpose
         FROM audit_log WHERE ${ABOUT_CITIZEN} AND municipality_id = $2 ORDER BY at DESC, id DESC LIMIT $3 OFFSET $4`,
      [citizenId, municipalityId, limit, offset],
    );
  }

  /** Every entry about a citizen, oldest first. */
  async allAbout(municipalityId: string, citizenId: string): Promise<unknown[]> {
    return this.db.query(
      `SELECT at, user_id AS "userId", role, action, ${REFERRAL_OF_CITIZEN} AS "referralId", purpose
         FROM audit_log WHERE ${ABOUT_CITIZEN} AND municipality_id = $2 ORDER BY at, id`,
      [citizenId, municipalityId],
    );
  }

  /** Appends one row naming several cases (a list page, ADR 0037) in the caller's transaction. */
  async insertListing(
    m: EntityManager,
    row: { municipalityId: string; userId: string | null; role: string; action: string; requestId: string | null },
    citizenIds: readonly string[],
    referralIds: readonly string[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO audit_log (municipality_id, user_id, role, action, request_id, citizen_ids, referral_ids)
       VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7::uuid[])`,
      [row.municipalityId, row.userId, row.role, row.action, row.requestId, citizenIds, referralIds],
    );
  }

  /** Appends rows (each `AUDIT_COLUMNS.length` values, flattened) in the caller's transaction. */
  async insertEntries(m: EntityManager, values: unknown[], count: number): Promise<void> {
    const rows = Array.from(
      { length: count },
      (_, i) => `(${AUDIT_COLUMNS.map((__, c) => `$${i * AUDIT_COLUMNS.length + c + 1}`).join(', ')})`,
    );
    await m.query(`INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, values);
  }
}
