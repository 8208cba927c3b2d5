import { together } from './transaction';

describe('together (ADR 0043)', () => {
  it('gives every result in order', async () => {
    const [a, b] = await together([Promise.resolve(1), Promise.resolve('two')]);
    expect([a, b]).toEqual([1, 'two']);
  });

  it('fails with the first failure only after every branch has settled', async () => {
    const events: string[] = [];
    const slow = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      events.push('slow branch done');
    })();
    const failing = Promise.reject(new Error('first'));
    await expect(
      together([failing, slow, Promise.reject(new Error('second'))]).catch((err: Error) => {
        events.push('failed');
        throw err;
      }),
    ).rejects.toThrow('first');
    expect(events).toEqual(['slow branch done', 'failed']);
  });
});
