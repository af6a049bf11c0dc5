import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeKey, keysAt, pathAt } from './schema-complete';

const schema = JSON.parse(readFileSync('schema/procedure.schema.json', 'utf8')) as Record<string, unknown>;
const TEXT = `code: "1"
deadline: { value: 1, unit: working-day }
steps:
  - id: check
    kind: task
    actions:
      approve: { to: x }
      reject:
        to: y
`;

describe('schema completion', () => {
  it('finds the enclosing keys from indentation', () => {
    expect(pathAt(TEXT, 0)).toEqual([]);
    expect(pathAt(TEXT, 3)).toEqual(['steps', '[]']);
    expect(pathAt(TEXT, 4)).toEqual(['steps', '[]']);
    expect(pathAt(TEXT, 6)).toEqual(['steps', '[]', 'actions']);
    expect(pathAt(TEXT, 8)).toEqual(['steps', '[]', 'actions', 'reject']);
  });

  it('offers the keys the schema allows there, with descriptions', () => {
    expect(keysAt(schema, []).map((k) => k.key)).toEqual(expect.arrayContaining(['code', 'steps', 'outcomes', 'deadline']));
    const stepKeys = keysAt(schema, ['steps', '[]']).map((k) => k.key);
    expect(stepKeys).toEqual(expect.arrayContaining(['id', 'kind', 'role', 'actions', 'branches', 'otherwise']));
    expect(keysAt(schema, ['steps', '[]', 'actions', 'reject']).map((k) => k.key)).toEqual(expect.arrayContaining(['to', 'form']));
    expect(describeKey(schema, ['steps', '[]', 'kind'])?.values).toEqual(['task', 'supplement', 'choice', 'payment', 'procedure', 'parallel']);
  });
});
