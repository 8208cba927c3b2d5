import { RuleViolationError } from '@bro/platform';
import { checkWheel, ucla3Score, who5Score } from './scoring';

describe('scoring', () => {
  it('scores WHO-5 as the raw sum × 4', () => {
    expect(who5Score([0, 0, 0, 0, 0])).toBe(0);
    expect(who5Score([5, 5, 5, 5, 5])).toBe(100);
    expect(who5Score([3, 2, 4, 1, 3])).toBe(52);
  });

  it('scores UCLA-3 as the sum, 3 to 9', () => {
    expect(ucla3Score([1, 1, 1])).toBe(3);
    expect(ucla3Score([3, 3, 3])).toBe(9);
    expect(ucla3Score([2, 3, 1])).toBe(6);
  });

  it.each([
    [() => who5Score([0, 0, 0, 0]), 'who5'],
    [() => who5Score([0, 0, 6, 0, 0]), 'who5[2]'],
    [() => who5Score([0, 0, 1.5, 0, 0]), 'who5[2]'],
    [() => ucla3Score([0, 1, 1]), 'ucla3[0]'],
    [() => ucla3Score([1, 1, 1, 1]), 'ucla3'],
    [() => checkWheel({ health: 11 }), 'wheel.health'],
    [() => checkWheel({ health: 0 }), 'wheel.health'],
    [() => checkWheel({ astrology: 5 }), 'wheel.astrology'],
  ])('refuses an out-of-range item with a 422 naming the field (%#)', (run, field) => {
    expect(run).toThrow(RuleViolationError);
    try {
      run();
    } catch (e) {
      expect((e as RuleViolationError).details).toEqual({ field, code: expect.any(String) });
    }
  });

  it('accepts a full wheel', () => {
    expect(checkWheel({ health: 1, mood: 10, relations: 5 })).toEqual({ health: 1, mood: 10, relations: 5 });
  });
});
