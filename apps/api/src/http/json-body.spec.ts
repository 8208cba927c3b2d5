import { JSON_TOO_DEEP, JSON_TOO_MANY_VALUES, jsonShapeProblem, MAX_JSON_DEPTH, nestsDeeperThan } from './json-body';

describe('nestsDeeperThan', () => {
  const buf = (s: string) => Buffer.from(s, 'utf8');

  it('counts arrays and objects inside one another', () => {
    expect(nestsDeeperThan(buf('[[[]]]'), 3)).toBe(false);
    expect(nestsDeeperThan(buf('[[[[]]]]'), 3)).toBe(true);
    expect(nestsDeeperThan(buf('{"a":{"b":{"c":[1]}}}'), 3)).toBe(true);
    expect(nestsDeeperThan(buf('[[],[],[],[]]'), 2)).toBe(false); // siblings do not add up
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(buf(JSON.stringify({ note: '[[[[{{{{' })), 2)).toBe(false);
    expect(nestsDeeperThan(buf(JSON.stringify({ note: 'a \\" [[[[ "' })), 2)).toBe(false);
    expect(nestsDeeperThan(buf(JSON.stringify({ note: 'æøå [[[[' })), 2)).toBe(false);
  });

  it('stops 5,000 levels at the limit without recursion', () => {
    expect(nestsDeeperThan(buf('['.repeat(5000) + ']'.repeat(5000)), MAX_JSON_DEPTH)).toBe(true);
  });

  it('counts values, so twenty thousand tiny items are refused before anything is built', () => {
    expect(jsonShapeProblem(buf(`[${Array(20_000).fill('1').join(',')}]`))).toBe(JSON_TOO_MANY_VALUES);
    expect(jsonShapeProblem(buf(`[${Array(2_000).fill('{}').join(',')}]`))).toBe(null);
    expect(jsonShapeProblem(buf(JSON.stringify({ note: ','.repeat(50_000) })))).toBe(null); // commas in a string are text
    expect(jsonShapeProblem(buf('['.repeat(40)))).toBe(JSON_TOO_DEEP);
  });
});
