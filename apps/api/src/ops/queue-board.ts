import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, bullConnection, OwnedQueue, QUEUE_NAMES } from '@bro/platform';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyOperatorPassword } from './operator-password';

export const BOARD_PATH = '/ops/queues';

/** Failed sign-ins one address may make per minute before it is told to wait (each costs an scrypt). */
const FAILURES_PER_MINUTE = 10;
/** How long a checked Authorization header is trusted without running scrypt again (the UI polls). */
const TRUST_MS = 60_000;

/**
 * The operators' queue board (Bull Board) at /ops/queues: job names, ids, states,
 * attempts and errors of every queue — payloads hold ids only. It has its own
 * credential (HTTP Basic: OPS_USER and an scrypt OPS_PASSWORD_HASH), not the staff
 * roles: operators run the system, they do not see cases, and a staff token is no key
 * here. It is read-only: work is changed through the domain (a coordinator's retry),
 * never by editing Redis. Off (404) unless both variables are set.
 *
 * The api never talks to Redis for intake, and the board does not change that: its
 * queues and their fail-fast connection are made when an operator first signs in, and
 * nothing else in the api uses them.
 */
export async function registerQueueBoard(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  const { OPS_USER: user, OPS_PASSWORD_HASH: passwordHash } = config;
  if (!user || !passwordHash) return;

  const serverAdapter = new BoardAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  const board = createBullBoard({ queues: [], serverAdapter, options: { uiConfig: { boardTitle: 'Bro queues' } } });
  let queues: OwnedQueue[] | undefined;
  const openQueues = () => {
    if (queues) return;
    queues = QUEUE_NAMES.map(
      (name) =>
        new OwnedQueue(name, {
          connection: bullConnection(config, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 }),
          prefix: config.QUEUE_PREFIX,
        }),
    );
    for (const q of queues) q.on('error', () => undefined); // the board shows the failure; readiness reports Redis
    board.setQueues(queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true })));
  };

  const trusted = new Map<string, number>();
  const failures = new Map<string, { count: number; since: number }>();
  const refuse = (reply: FastifyReply, status: 401 | 429, message: string) => {
    if (status === 401) void reply.header('www-authenticate', 'Basic realm="Bro operations", charset="UTF-8"');
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .send({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Too Many Requests', message });
  };

  const authenticate = async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization ?? '';
    const digest = createHash('sha256').update(header).digest('base64url');
    const now = Date.now();
    if ((trusted.get(digest) ?? 0) > now) return openQueues();

    const failed = failures.get(req.ip);
    if (failed && now - failed.since < 60_000 && failed.count >= FAILURES_PER_MINUTE) {
      return refuse(reply, 429, 'Too many failed sign-ins; try again in a minute');
    }
    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
    const decoded = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const ok = colon > 0 && decoded.slice(0, colon) === user && verifyOperatorPassword(decoded.slice(colon + 1), passwordHash);
    if (!ok) {
      if (header) {
        const entry = failed && now - failed.since < 60_000 ? failed : { count: 0, since: now };
        entry.count += 1;
        failures.set(req.ip, entry);
        if (failures.size > 10_000) failures.clear();
      }
      return refuse(reply, 401, 'The queue board needs the operator credential');
    }
    if (trusted.size > 100) trusted.clear();
    trusted.set(digest, now + TRUST_MS);
    openQueues();
  };

  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', authenticate);
    scope.addHook('onSend', async (_req, reply, payload) => {
      void reply.header('cache-control', 'no-store');
      return payload;
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', async () => {
      await Promise.all((queues ?? []).map((q) => q.close().catch(() => undefined)));
    });
}
