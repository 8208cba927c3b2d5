import { IsOptional, IsString, MaxLength, validate } from 'class-validator';
import { controlCharacterProblems, droppedKeys, fieldProblems, IsDateTime, IsPhone, prototypeKeyPaths } from './validation';

describe('controlCharacterProblems', () => {
  it('names every string and key holding a C0 control character, at any depth', () => {
    const value = {
      note: 'a\u0000b',
      citizen: { name: 'ok', address: { street: 'x\u0007' } },
      goals: ['fine', 'bad\u001b'],
      ['k\u0001']: 1,
    };
    expect(controlCharacterProblems(value).map((p) => p.field)).toEqual(['note', 'citizen.address.street', 'goals.1', 'body']);
    expect(controlCharacterProblems('x\u0000', 'id')).toEqual([
      { field: 'id', problems: [expect.stringMatching(/^id must not contain control/)], codes: ['invalid_characters'] },
    ]);
  });

  it('refuses lone surrogates (no UTF-8 form; jsonb refuses them) but keeps surrogate pairs', () => {
    expect(controlCharacterProblems({ a: 'x\ud800', b: '\udfffy', c: 'emoji 🙂' }).map((p) => p.field)).toEqual(['a', 'b']);
  });

  it('keeps tab, CR and LF, and never echoes the value', () => {
    expect(controlCharacterProblems({ note: 'line 1\r\nline 2\n\tindented' })).toEqual([]);
    expect(JSON.stringify(controlCharacterProblems({ note: 'SECRET\u0000' }))).not.toContain('SECRET');
  });

  it('walks a value far deeper than the call stack would allow', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(controlCharacterProblems(deep)).toHaveLength(1);
  });
});

describe('prototype keys', () => {
  it('finds keys named like Object.prototype members and tells a dropped one in a DTO from one in a map', () => {
    class Dto {
      wheel?: Record<string, number>;
    }
    const raw = { constructor: 1, wheel: { toString: 2, health: 3, constructor: 4 } };
    const paths = prototypeKeyPaths(raw);
    expect(paths).toEqual(expect.arrayContaining([['constructor'], ['wheel', 'toString'], ['wheel', 'constructor']]));
    const transformed = Object.assign(new Dto(), { wheel: { toString: 2, health: 3 } });
    expect(droppedKeys(transformed, paths)).toEqual(
      expect.arrayContaining([
        { field: 'constructor', inMap: false },
        { field: 'wheel.constructor', inMap: true },
      ]),
    );
    expect(droppedKeys(transformed, paths)).toHaveLength(2);
  });
});

describe('IsDateTime', () => {
  class Dated {
    @IsDateTime()
    at: string;
  }
  const check = async (at: unknown) => (await validate(Object.assign(new Dated(), { at }))).length === 0;

  it('takes real dates and date-times in 1900–2199', async () => {
    for (const at of ['2026-11-27', '2026-11-27T10:00:00+01:00', '1900-01-01T00:00:00Z', '2199-12-31T12:00:00Z'])
      expect(await check(at)).toBe(true);
  });

  it('refuses year 0, the far future and the edges of JavaScript dates', async () => {
    for (const at of [
      '0000-01-01T00:00:00Z',
      '0001-01-01',
      '1899-12-31T23:59:59Z',
      '9999-12-31T23:59:59Z',
      '+275760-09-13T00:00:00Z',
      '2026-02-30',
    ])
      expect({ at, ok: await check(at) }).toEqual({ at, ok: false });
  });
});

describe('fieldProblems codes', () => {
  class Named {
    @IsString()
    @MaxLength(5)
    name: string;

    @IsOptional()
    @IsPhone()
    phone?: string;
  }
  const codes = async (value: object) =>
    fieldProblems(await validate(Object.assign(new Named(), value))).map((p) => [p.field, p.codes, p.problems.length]);

  it('says `required` for a missing or empty value, whatever rules it broke', async () => {
    expect(await codes({})).toEqual([['name', ['required'], 2]]); // the English problems stay as they were
    expect(await codes({ name: '' })).toEqual([]); // '' is a string of length 0: no rule broken here
    expect(await codes({ name: null })).toEqual([['name', ['required'], 2]]);
  });

  it('names each broken rule by its stable code, or by the code a decorator names (IsPhone)', async () => {
    expect(await codes({ name: 'far too long', phone: '12' })).toEqual([
      ['name', ['too_long'], 1],
      ['phone', ['invalid_phone'], 1],
    ]);
    expect(await codes({ name: 7 })).toEqual([['name', ['too_long', 'invalid_type'], 2]]);
  });
});
