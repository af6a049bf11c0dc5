/**
 * Request generators for the fuzz test (fuzz.test.ts): fast-check arbitraries of JSON values
 * built from the OpenAPI document's request schemas, mixed with hostile shapes (deep nesting,
 * huge numbers, wrong types, odd strings, huge arrays).
 */
import fc from 'fast-check';

type Schema = Record<string, unknown>;

/** A body as sent on the wire: text (so that shapes JSON.stringify cannot make, such as 100,000 levels, can be sent). */
export type WireBody = { kind: 'json'; text: string } | { kind: 'none' };

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text nested `depth` levels deep, as an object or an array. */
const nestedText = (depth: number, object: boolean): string => (object ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth));

/** Values no schema asks for: what an attacker sends. Kept as text (some are not JS values). */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(65, 3_000, 10_000, 100_000).chain((d) => fc.boolean().map((o) => nestedText(d, o))),
  fc.constantFrom('1e308', '-1e308', '1e400', '100000000', '1000000', '9007199254740993', '-0', '1e-320', '0.1', '-1'),
  fc.constantFrom('"0x1F40"', '" 8000 "', '[8000]', 'true', 'null', '{}', '[]', '""'),
  fc.constantFrom('"%"', '"%E0%A4%A"', '"\\u0000"', '"__proto__"', '"constructor"', '"\\ud800"', '"../../etc/passwd"', '"<script>"'),
  fc.constantFrom(JSON.stringify('x'.repeat(200_000)), `[${new Array(100_000).fill(0).join(',')}]`, `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`),
  fc.constantFrom('{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}'),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => JSON.stringify(s)),
);

function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) return components[ref.slice('#/components/schemas/'.length)] ?? {};
  return schema;
}

/**
 * JSON text of a value valid against `schema` as often as the generator can make one, with
 * any member replaced by a hostile value now and then (so that it is the deep field of an
 * otherwise valid filing that is hostile, not only the whole body).
 */
export function fromSchema(schema: Schema, components: Record<string, Schema>, depth = 0): fc.Arbitrary<string> {
  const s = resolve(schema, components);
  const valid = validFromSchema(s, components, depth);
  return depth === 0 ? valid : fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: hostileText });
}

function validFromSchema(s: Schema, components: Record<string, Schema>, depth: number): fc.Arbitrary<string> {
  const text = (a: fc.Arbitrary<unknown>) => a.map((v) => JSON.stringify(v));
  if (Array.isArray(s.enum)) return text(fc.constantFrom(...(s.enum as unknown[])));
  if ('const' in s) return fc.constant(JSON.stringify(s.const));
  const type = Array.isArray(s.type) ? (s.type[0] as string) : (s.type as string | undefined);
  switch (type) {
    case 'string': {
      const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
      const maxLength = Math.min(typeof s.maxLength === 'number' ? s.maxLength : 40, 60);
      if (typeof s.pattern === 'string') return text(fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= maxLength * 4));
      return text(fc.string({ minLength, maxLength: Math.max(minLength, maxLength) }));
    }
    case 'integer':
      return text(fc.integer({ min: typeof s.minimum === 'number' ? s.minimum : -1_000_000, max: typeof s.maximum === 'number' ? s.maximum : 1_000_000 }));
    case 'number':
      return text(fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return text(fc.boolean());
    case 'array': {
      const items = isSchema(s.items) ? fromSchema(s.items, components, depth + 1) : fc.constant('1');
      return fc.array(items, { maxLength: 4 }).map((xs) => `[${xs.join(',')}]`);
    }
    case 'object':
    case undefined:
    default: {
      if (depth > 4) return fc.constant('{}');
      const props = isSchema(s.properties) ? Object.entries(s.properties).filter((e): e is [string, Schema] => isSchema(e[1])) : [];
      const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
      const extra = s.additionalProperties === false ? fc.constant([] as [string, string][]) : fc.array(fc.tuple(fc.string({ maxLength: 12 }), isSchema(s.additionalProperties) ? fromSchema(s.additionalProperties, components, depth + 1) : hostileText), { maxLength: 2 });
      const members = props.map(([k, sub]) =>
        fc.tuple(fc.constant(k), fromSchema(sub, components, depth + 1), required.has(k) ? fc.constant(true) : fc.boolean()),
      );
      return fc.tuple(fc.tuple(...members), extra).map(([ms, more]) => {
        const parts = [...ms.filter(([, , keep]) => keep).map(([k, v]) => [k, v] as const), ...more];
        return `{${parts.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
      });
    }
  }
}

/** A request body: from the route's schema, or wholly hostile, or none. */
export function bodyFor(schema: Schema | undefined, components: Record<string, Schema>): fc.Arbitrary<WireBody> {
  const json = (a: fc.Arbitrary<string>) => a.map((text): WireBody => ({ kind: 'json', text }));
  if (!schema) return fc.oneof(fc.constant<WireBody>({ kind: 'none' }), json(hostileText));
  return fc.oneof({ weight: 6, arbitrary: json(fromSchema(schema, components)) }, { weight: 2, arbitrary: json(hostileText) }, { weight: 1, arbitrary: fc.constant<WireBody>({ kind: 'none' }) });
}

/** A path or query parameter: plausible, or odd. */
export const oddParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('1', '0', '-1', '500', '501', '1e9', 'abc', 'true', 'maybe', '%', '%25', '..', '__proto__', 'x'.repeat(5000), '9007199254740993', 'a\u0000b'),
  fc.string({ maxLength: 20 }),
);
