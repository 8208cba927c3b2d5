import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MessagesService } from '@bro/notification';
import { DataSource } from 'typeorm';
import { waitFor } from './wait';

/** A message's ledger row after delivery settled: its status, last error code, and what is left of its words and address. */
export interface SettledMessage {
  status: string;
  code: string | null;
  deliveredAt: Date | null;
  body: Record<string, unknown>;
  text: string | null;
  link: string | null;
  address: string | null;
}

/**
 * Makes delivery attempts of one stored message now, as the queue's retries or the sweep
 * would (a concurrent one just finds the row busy), until its ledger row is no longer
 * `pending`; returns the row.
 */
export async function deliverUntilSettled(worker: NestFastifyApplication, messageId: string): Promise<SettledMessage> {
  const messages = worker.get(MessagesService);
  const ds = worker.get(DataSource);
  return waitFor('the message settled', async () => {
    await messages.deliver(messageId);
    const [row] = await ds.query<SettledMessage[]>(
      `SELECT delivery_status AS status, last_error_code AS code, delivered_at AS "deliveredAt", body, text, link, address
         FROM message WHERE id = $1`,
      [messageId],
    );
    return row.status !== 'pending' && row;
  });
}
