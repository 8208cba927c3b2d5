import type { DataSource } from 'typeorm';

export interface OutboxLag {
  /** Rows written but not yet relayed to a queue. */
  pending: number;
  /** Age of the oldest row not yet relayed (s); 0 when none waits. */
  oldestUnrelayedSeconds: number;
  /** Age of the oldest row whose job has neither completed nor failed for good (s): the outbox lag. */
  oldestUndoneSeconds: number;
}

/** The outbox's SQL for operations: how far behind the relay and the workers are. */
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Three index-only reads (outbox_pending, outbox_undone): cheap enough for every scrape. */
  async lag(): Promise<OutboxLag> {
    const [row]: { pending: string; unrelayed: number | null; undone: number | null }[] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM outbox WHERE relayed_at IS NULL) AS pending,
              (SELECT extract(epoch FROM clock_timestamp() - min(created_at))::float8 FROM outbox WHERE relayed_at IS NULL) AS unrelayed,
              (SELECT extract(epoch FROM clock_timestamp() - min(created_at))::float8 FROM outbox
                WHERE done_at IS NULL AND failed_at IS NULL) AS undone`,
    );
    return {
      pending: Number(row.pending),
      oldestUnrelayedSeconds: Math.max(0, row.unrelayed ?? 0),
      oldestUndoneSeconds: Math.max(0, row.undone ?? 0),
    };
  }
}
