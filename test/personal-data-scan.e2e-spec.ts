import { randomUUID } from 'node:crypto';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { scanForPersonalData } from './setup/personal-data-scan';

/** The scan global teardown runs after the suite finds what it looks for (a scan that cannot fail proves nothing). */
describe('personal-data scan', () => {
  it('finds a used CPR (with or without the dash) and the note sentinel in logs, Redis keys and values, and database text', async () => {
    const runId = `scan${randomUUID().slice(0, 8)}`;
    const saved = process.env.BRO_TEST_RUN;
    process.env.BRO_TEST_RUN = runId;
    const cprFile = join(tmpdir(), `bro-test-${runId}-cprs.txt`);
    const log = join(tmpdir(), `bro-test-${runId}-1.log`);
    const db = join(tmpdir(), `bro-test-${runId}-db-x.txt`);
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      writeFileSync(cprFile, '0101451234\n1212801111\n');
      writeFileSync(log, '{"msg":"request completed","at":17638201012345}\n'); // a long number is not a CPR
      writeFileSync(db, '{"referralId":"7b0c…","requestId":"5f0e2a8c-0d7e-4e8a-9f43-1c2b3d4e5f60","v":1}\n');
      let scan = await scanForPersonalData(runId, redis);
      expect(scan.hits).toEqual([]);
      expect(scan.databases).toBe(1);

      appendFileSync(log, '{"msg":"oops","cpr":"010145-1234"}\n');
      appendFileSync(db, '1212801111\n'); // an audit row's request id
      await redis.hset(`bro-test-${runId}-x:job:1`, 'data', '{"note":"… notesentinel7f3a"}');
      await redis.set(`bro-test-${runId}-x:1212801111`, '1');
      scan = await scanForPersonalData(runId, redis);
      expect(scan.hits).toEqual(
        expect.arrayContaining([
          { where: `log bro-test-${runId}-1.log`, what: 'cpr' },
          { where: `redis value of bro-test-${runId}-x:job:1`, what: 'note' },
          { where: `redis key bro-test-${runId}-x:1212801111`, what: 'cpr' },
          { where: `database text bro-test-${runId}-db-x.txt`, what: 'cpr' },
        ]),
      );
    } finally {
      await redis.del(`bro-test-${runId}-x:job:1`, `bro-test-${runId}-x:1212801111`);
      redis.disconnect();
      rmSync(cprFile, { force: true });
      rmSync(log, { force: true });
      rmSync(db, { force: true });
      if (saved === undefined) delete process.env.BRO_TEST_RUN;
      else process.env.BRO_TEST_RUN = saved;
    }
  });
});
