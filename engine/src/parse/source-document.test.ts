import { describe, expect, it, vi } from 'vitest';
import { formatPath, MAX_SOURCE_CHARS, parseSource } from './source-document';

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

  it('finds a duplicate among 20,000 keys, refuses a file over the size limit and YAML nested too deep', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`);
    keys.push('k19999: 2');
    const dup = parseSource(keys.join('\n'), 'big.yaml');
    expect(dup.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['E_YAML_DUPLICATE_KEY', 20_001, 1]]);
    const big = parseSource('x: "' + 'a'.repeat(MAX_SOURCE_CHARS) + '"', 'huge.yaml');
    expect(big.diagnostics.map((d) => d.code)).toEqual(['E_FILE_TOO_LARGE']);
    expect(big.value).toBeUndefined();
    const deep = parseSource('a: '.concat('[', '['.repeat(200), ']'.repeat(200), ']'), 'deep.yaml');
    expect(deep.diagnostics.map((d) => d.code)).toEqual(['E_YAML_TOO_DEEP']);
    expect(deep.value).toBeUndefined();
  });

  it('formats paths the way users read them', () => {
    expect(formatPath(['steps', 2, 'actions', 'request-supplement', 'to'])).toBe('steps[2].actions.request-supplement.to');
    expect(formatPath(['outcomes', 'a b'])).toBe('outcomes["a b"]');
  });
});

describe('collection keys', () => {
  it('reports a list or mapping used as a key with its position, and prints no Node warning', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const doc = parseSource('code: x\nsteps:\n  - id: a\n    ? [p, q]\n    : 1\n    ? {k: v}\n    : 2\nflow: { [r, s]: 3 }\n', 'keys.yaml');
      const found = doc.diagnostics.filter((d) => d.code === 'E_YAML_COMPLEX_KEY');
      expect(found).toHaveLength(3);
      expect(found[0]).toMatchObject({ file: 'keys.yaml', line: 4, column: 7, severity: 'error' });
      expect(found[0]?.message).toContain('[p, q]');
      expect(found[0]?.message).toContain('list');
      expect(found[0]?.hint).toBeTruthy();
      expect(found[1]).toMatchObject({ line: 6, column: 7 });
      expect(found[1]?.message).toContain('mapping');
      expect(found[2]).toMatchObject({ line: 8, column: 9 });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('reports an alias of a collection used as a key, and nothing for plain keys', () => {
    const doc = parseSource('base: &b [1, 2]\nmap:\n  *b : x\n', 'alias.yaml');
    expect(doc.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['E_YAML_COMPLEX_KEY', 3, 3]]);
    expect(parseSource('a: 1\n"[x]": 2\n? plain\n: 3\n', 'ok.yaml').diagnostics).toEqual([]);
  });
});
