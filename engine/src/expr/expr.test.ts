import { describe, expect, it } from 'vitest';
import { RefusalError } from '../errors';
import { applyDefaults, applyDefaultsShared, checkExpression, compileExpression, createExpressionEnv, prepareScope, PreparedScope } from './index';

const schema = {
  type: 'object',
  properties: {
    child: {
      type: 'object',
      properties: { ageDays: { type: 'integer' }, bornAbroad: { type: 'boolean', default: false }, name: { type: 'string' } },
    },
    applicant: { type: 'object', properties: { poor: { type: 'boolean' }, nationalId: { type: 'string' } } },
    copies: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer' } } } },
    extraCopies: { type: 'integer', default: 0 },
    weight: { type: 'number' },
    tags: { type: 'object' },
    father: { $ref: '#/$defs/person' },
  },
  $defs: { person: { type: 'object', properties: { fullName: { type: 'string' } } } },
};
const env = createExpressionEnv(schema);

describe('checkExpression', () => {
  it('accepts well-typed expressions and gives their type', () => {
    expect(checkExpression(env, 'data.child.ageDays > 60 && !data.applicant.poor', 'bool')).toEqual({ ok: true, type: 'bool' });
    expect(checkExpression(env, 'size(data.copies) * 8000', 'int')).toEqual({ ok: true, type: 'int' });
    expect(checkExpression(env, 'data.weight * 2.0', 'number')).toEqual({ ok: true, type: 'double' });
    expect(checkExpression(env, 'has(data.father) && data.father.fullName != ""', 'bool').ok).toBe(true);
    expect(checkExpression(env, 'components["x"] == "provided" && case.channel == "online"', 'bool').ok).toBe(true);
    expect(checkExpression(env, 'data.copies.all(c, c.n > 0)', 'bool').ok).toBe(true);
  });

  it('reports an undeclared field with a did-you-mean and its offset', () => {
    const r = checkExpression(env, 'data.child.ageDayz > 60', 'bool');
    expect(r).toMatchObject({ ok: false, code: 'E_CEL_UNKNOWN_FIELD', offset: 11 });
    if (!r.ok) {
      expect(r.message).toContain('ageDayz');
      expect(r.message).toContain('data.child');
      expect(r.hint).toContain("'ageDays'");
    }
    expect(checkExpression(env, 'dta.x', 'bool')).toMatchObject({ ok: false, code: 'E_CEL_UNKNOWN_FIELD' });
    expect(checkExpression(env, 'data.copies[0].m > 1', 'bool')).toMatchObject({ ok: false, code: 'E_CEL_UNKNOWN_FIELD' });
  });

  it('reports syntax errors with the offset of the problem', () => {
    expect(checkExpression(env, 'data.child.ageDays >', 'bool')).toMatchObject({ ok: false, code: 'E_CEL_SYNTAX', offset: 20 });
    expect(checkExpression(env, '   ', 'bool')).toMatchObject({ ok: false, code: 'E_CEL_SYNTAX' });
  });

  it('reports wrong result types', () => {
    expect(checkExpression(env, 'data.child.ageDays', 'bool')).toMatchObject({ ok: false, code: 'E_CEL_TYPE' });
    expect(checkExpression(env, 'data.child.name', 'number')).toMatchObject({ ok: false, code: 'E_CEL_TYPE' });
    expect(checkExpression(env, 'data.child.ageDays + "x"')).toMatchObject({ ok: false, code: 'E_CEL_TYPE' });
    // dyn cannot be decided statically: accepted.
    expect(checkExpression(env, 'data.tags.anything', 'bool').ok).toBe(true);
  });
});

describe('createExpressionEnv', () => {
  it('accepts property names that are not identifiers', () => {
    const odd = createExpressionEnv({
      type: 'object',
      properties: { 'a-b': { type: 'object', properties: { x: { type: 'integer' } } }, '#0': { type: 'object', properties: { y: { type: 'string' } } }, ok: { type: 'array', items: { type: 'object', properties: { z: { type: 'boolean' } } } } },
    });
    expect(checkExpression(odd, 'data["a-b"].x > 1 && data["#0"].y == "" && data.ok[0].z', 'bool')).toEqual({ ok: true, type: 'bool' });
  });
});

describe('compileExpression', () => {
  it('evaluates with integers converted and results converted back', () => {
    const late = compileExpression(env, 'data.child.ageDays > 60');
    expect(late({ data: { child: { ageDays: 61 } } })).toBe(true);
    expect(late({ data: { child: { ageDays: 60 } } })).toBe(false);
    const cost = compileExpression(env, 'size(data.copies) * 8000 + data.extraCopies');
    expect(cost({ data: { copies: [{ n: 1 }, { n: 2 }] } })).toBe(16000);
  });

  it('applies defaults before evaluation', () => {
    expect(compileExpression(env, 'data.child.bornAbroad')({ data: { child: { ageDays: 1 } } })).toBe(false);
    expect(compileExpression(env, 'data.extraCopies * 2')({ data: { extraCopies: 3 } })).toBe(6);
  });

  it('refuses an absent field naming the field and the expression', () => {
    const f = compileExpression(env, 'data.child.ageDays > 60');
    let caught: unknown;
    try {
      f({ data: { child: {} } });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RefusalError);
    expect((caught as RefusalError).code).toBe('E_CEL_ABSENT_FIELD');
    expect((caught as RefusalError).message).toContain('data.child.ageDays');
    expect((caught as RefusalError).message).toContain('"data.child.ageDays > 60"');
  });

  it('reads case and components', () => {
    const f = compileExpression(env, 'components["a"] == "missing" && case.channel == "online"');
    expect(f({ data: {}, components: { a: 'missing' }, case: { channel: 'online' } })).toBe(true);
    expect(f({ data: {}, components: { a: 'provided' }, case: { channel: 'online' } })).toBe(false);
  });
});

describe('an expression that reads one field of the data', () => {
  // Read directly when the field holds a scalar; CEL evaluates it otherwise. Both ways must
  // agree: a prepared scope always goes through CEL, a plain one may take the direct read.
  const paths = ['data.child.ageDays', 'data.child.name', 'data.child.bornAbroad', 'data.applicant.nationalId', 'data.extraCopies', 'data.weight', 'data.tags.x', 'data.copies.n', ' data.child.name '];
  const datas: Record<string, unknown>[] = [
    { child: { ageDays: 3, name: 'Bé', bornAbroad: true }, applicant: { nationalId: '001090000001' }, extraCopies: 2, weight: 3.5, tags: { x: 'y' } },
    { child: { ageDays: 2 ** 53 + 2, name: '' }, extraCopies: 0, weight: -0, tags: { x: 1 } },
    { child: { ageDays: null, name: null }, applicant: { nationalId: null }, tags: { x: false } },
    { child: 'not an object', applicant: [], copies: [{ n: 1 }], tags: { x: { deep: 1 } } },
    {},
  ];
  const outcome = (f: () => unknown): unknown => {
    try {
      return { value: f() };
    } catch (err) {
      return { code: (err as RefusalError).code };
    }
  };

  it.each(paths)('%s gives what CEL gives, for every kind of data', (path) => {
    const f = compileExpression(env, path);
    for (const data of datas) {
      expect(outcome(() => f({ data })), JSON.stringify(data)).toEqual(outcome(() => f(prepareScope(env, { data }))));
    }
  });

  it('still reads a default, and still refuses an absent field', () => {
    expect(compileExpression(env, 'data.child.bornAbroad')({ data: { child: {} } })).toBe(false);
    expect(() => compileExpression(env, 'data.child.name')({ data: { child: {} } })).toThrow(expect.objectContaining({ code: 'E_CEL_ABSENT_FIELD' }));
  });
});

describe('prepareScope', () => {
  const late = compileExpression(env, 'data.child.ageDays > 60');
  const copies = compileExpression(env, 'data.extraCopies + size(data.copies)');

  it('gives the same results as a plain scope, defaults and integers included', () => {
    const data = { child: { ageDays: 61 }, copies: [{ n: 1 }] };
    const prepared = prepareScope(env, { data });
    expect(prepared).toBeInstanceOf(PreparedScope);
    expect(late(prepared)).toBe(true);
    expect(copies(prepared)).toBe(1);
    expect(compileExpression(env, 'data.child.bornAbroad')(prepared)).toBe(false);
    expect(prepareScope(env, prepared)).toBe(prepared);
  });

  it('never serves a mutated data object stale results: plain scopes and new prepared scopes read it afresh', () => {
    const data: { child: { ageDays: number }; copies: { n: number }[]; extraCopies?: number } = { child: { ageDays: 61 }, copies: [] };
    expect(late({ data })).toBe(true);
    expect(copies({ data })).toBe(0);
    data.child.ageDays = 10;
    data.copies.push({ n: 1 });
    data.extraCopies = 2;
    expect(late({ data })).toBe(false);
    expect(copies({ data })).toBe(3);
    expect(late(prepareScope(env, { data }))).toBe(false);
    expect(copies(prepareScope(env, { data }))).toBe(3);
  });

  it('still refuses an absent field naming the field and the expression', () => {
    const prepared = prepareScope(env, { data: { child: {} } });
    expect(() => late(prepared)).toThrow(RefusalError);
    try {
      late(prepared);
    } catch (err) {
      expect((err as RefusalError).code).toBe('E_CEL_ABSENT_FIELD');
      expect((err as RefusalError).message).toContain('data.child.ageDays');
      expect((err as RefusalError).message).toContain('"data.child.ageDays > 60"');
    }
  });

  it('is converted again by an evaluator of another environment (another data schema)', () => {
    const other = createExpressionEnv({ type: 'object', properties: { extraCopies: { type: 'integer', default: 5 } } });
    const prepared = prepareScope(env, { data: {} });
    expect(compileExpression(env, 'data.extraCopies')(prepared)).toBe(0);
    expect(compileExpression(other, 'data.extraCopies')(prepared)).toBe(5);
  });
});

describe('applyDefaults', () => {
  it('fills absent properties recursively without mutating the input', () => {
    const input = { child: { ageDays: 3 } };
    const out = applyDefaults(schema, input);
    expect(out).toEqual({ child: { ageDays: 3, bornAbroad: false }, extraCopies: 0 });
    expect(input).toEqual({ child: { ageDays: 3 } });
  });
});

describe('applyDefaultsShared', () => {
  it('fills what applyDefaults fills, copying only where a default goes', () => {
    const inputs = [{}, { child: { ageDays: 3 } }, { child: { bornAbroad: true }, applicant: { poor: true } }, { applicant: { nationalId: '1' }, extraCopies: 2 }, { child: [1] }];
    for (const input of inputs) {
      const before = JSON.stringify(input);
      const out = applyDefaultsShared(schema, input) as Record<string, unknown>;
      expect(out).toEqual(applyDefaults(schema, input));
      expect(JSON.stringify(input)).toBe(before);
      // `applicant` has no default at or below it: the same object, not a copy.
      if ('applicant' in input) expect(out.applicant).toBe(input.applicant);
    }
  });

  it('returns the data itself when the schema has no default', () => {
    const plain = { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } } }, list: { type: 'array', items: { type: 'object', properties: { c: { type: 'integer' } } } } } };
    const data = { a: { b: 'x' }, list: [{ c: 1 }] };
    expect(applyDefaultsShared(plain, data)).toBe(data);
    const withItemDefault = { type: 'object', properties: { list: { type: 'array', items: { type: 'object', properties: { c: { type: 'integer', default: 7 } } } } } };
    expect(applyDefaultsShared(withItemDefault, { list: [{}] })).toEqual({ list: [{ c: 7 }] });
  });
});

describe('applyDefaults copies', () => {
  it('gives every filled object default its own copy', () => {
    const withObject = { type: 'object', properties: { tags: { type: 'object', default: { a: 1 } }, n: { type: 'integer', default: 2 } } };
    const one = applyDefaults(withObject, {}) as { tags: { a: number }; n: number };
    const two = applyDefaults(withObject, {}) as { tags: { a: number }; n: number };
    one.tags.a = 9;
    expect(two).toEqual({ tags: { a: 1 }, n: 2 });
    expect(withObject.properties.tags.default).toEqual({ a: 1 });
  });
});
