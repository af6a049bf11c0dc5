import { describe, expect, it } from 'vitest';
import { formatPath, parseSource } from './source-document';

describe('parseSource', () => {
  it('keeps dates as strings and finds positions of nested values and keys', () => {
    const doc = parseSource('code: "1.001193"\neffective: { from: 2025-07-01 }\nsteps:\n  - id: verify\n    kind: task\n', 'p.yaml');
    expect(doc.diagnostics).toEqual([]);
    expect(doc.value).toEqual({ code: '1.001193', effective: { from: '2025-07-01' }, steps: [{ id: 'verify', kind: 'task' }] });
    expect(doc.positionOf(['steps', 0, 'kind'])).toEqual({ line: 5, column: 11 });
    expect(doc.keyPositionOf(['steps', 0, 'kind'])).toEqual({ line: 5, column: 5 });
    // A path that does not exist resolves to its deepest existing ancestor.
    expect(doc.positionOf(['steps', 0, 'actions', 'approve'])).toEqual({ line: 4, column: 5 });
  });

  it('reports syntax errors and duplicate keys with positions instead of throwing', () => {
    const doc = parseSource('code: 1\ncode: 2\nsteps: [\n', 'bad.yaml');
    expect(doc.value).toBeUndefined();
    const codes = doc.diagnostics.map((d) => d.code);
    expect(codes).toContain('E_YAML_DUPLICATE_KEY');
    expect(codes).toContain('E_YAML_SYNTAX');
    const dup = doc.diagnostics.find((d) => d.code === 'E_YAML_DUPLICATE_KEY');
    expect(dup).toMatchObject({ file: 'bad.yaml', line: 2, column: 1, severity: 'error' });
  });

  it('formats paths the way users read them', () => {
    expect(formatPath(['steps', 2, 'actions', 'request-supplement', 'to'])).toBe('steps[2].actions.request-supplement.to');
    expect(formatPath(['outcomes', 'a b'])).toBe('outcomes["a b"]');
  });
});
