import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileProcedure, contextOf, loadLibrarySync, toMermaid, validateProcedureText } from 'motcua/engine/node';

/** The README's complete example is documentation users copy: it must stay valid. */
function readmeExample(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.split('## A procedure, complete')[1] ?? '';
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('README.md lost its complete procedure example');
  return match[1];
}

describe('README', () => {
  it('shows a complete procedure that validates against the bundled library and compiles', () => {
    const { library } = loadLibrarySync(new URL('../procedures', import.meta.url).pathname);
    const result = validateProcedureText(readmeExample(), 'README.md', contextOf(library));
    expect(result.diagnostics).toEqual([]);
    const compiled = compileProcedure(result.procedure!);
    expect(toMermaid(compiled)).toContain('verify');
  });

  it('would catch a broken example (the check is not vacuous)', () => {
    const { library } = loadLibrarySync(new URL('../procedures', import.meta.url).pathname);
    const broken = readmeExample().replace('to: approved', 'to: aproved');
    const codes = validateProcedureText(broken, 'README.md', contextOf(library)).diagnostics.map((d) => d.code);
    expect(codes).toContain('E_UNKNOWN_TARGET');
  });
});
