import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Procedure } from 'motcua/engine';
import { END_MARKER, START_MARKER, formatFees, onceOnly, procedureFiles, readLibrary, renderReport, replaceBetweenMarkers, rowOf } from '../../scripts/library-report';

function proc(over: Partial<Procedure> = {}): Procedure {
  return {
    code: '9.000001',
    version: '1.0.0',
    name: { vi: 'Thủ tục A | thử', en: 'A' },
    sector: 'civil-status',
    level: 'commune',
    deadline: { value: 3, unit: 'working-day' },
    steps: [],
    outcomes: {},
    components: [
      { id: 'a', name: { vi: 'A' }, replaceableBy: { source: 'population', key: 'data.x' } },
      { id: 'b', name: { vi: 'B' } },
      { id: 'c', name: { vi: 'C' }, replaceableBy: { source: 'civil-status', key: 'data.y' } },
    ],
    ...over,
  };
}

describe('library report', () => {
  it('counts components and the ones a national source can replace', () => {
    const r1 = rowOf(proc(), 'x.yaml');
    const r2 = rowOf(proc({ code: '9.000002', components: [{ id: 'z', name: { vi: 'Z' } }] }), 'y.yaml');
    expect([r1.components, r1.replaceable, r2.components, r2.replaceable]).toEqual([3, 2, 1, 0]);
    expect(onceOnly([r1, r2])).toEqual({ procedures: 2, components: 4, replaceable: 2 });
  });

  it('summarises fees with quantity, conditions and exemptions, and free when nothing is charged', () => {
    expect(formatFees(undefined)).toBe('free');
    expect(formatFees([{ id: 'r', amount: 0 }])).toBe('free');
    expect(formatFees([{ id: 'c', amount: 8000, quantity: 'data.n' }, { id: 'l', amount: 5000, when: 'data.late', exempt: 'data.poor' }])).toBe(
      '8,000 × n; 5,000 (conditional, exemptions)',
    );
  });

  it('renders singular and plural deadlines and escapes pipes in names', () => {
    const text = renderReport([rowOf(proc(), 'a.yaml'), rowOf(proc({ code: '9.000003', deadline: { value: 1, unit: 'working-day' } }), 'b.yaml')]);
    expect(text).toContain('| 3 working days |');
    expect(text).toContain('| 1 working day |');
    expect(text).toContain('Thủ tục A \\| thử');
    expect(text).toContain('4 of 6 dossier components (66.7%)');
  });

  it('replaces only what lies between the markers, and refuses a README without them', () => {
    const readme = `# T\n${START_MARKER}\nold\n${END_MARKER}\nrest\n`;
    expect(replaceBetweenMarkers(readme, 'NEW')).toBe(`# T\n${START_MARKER}\nNEW\n${END_MARKER}\nrest\n`);
    expect(() => replaceBetweenMarkers('# no markers', 'NEW')).toThrow(/markers/);
  });

  it('reads procedure files but skips scenarios, catalogues, calendars, and reports broken files', () => {
    const root = mkdtempSync(join(tmpdir(), 'motcua-report-'));
    for (const d of ['civil-status', 'catalogues', 'calendars']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'civil-status', '9.000001-a.yaml'), 'code: "9.000001"\nversion: 1.0.0\nname: { vi: A }\nsector: civil-status\nlevel: commune\ndeadline: { value: 2, unit: working-day }\nsteps: []\noutcomes: {}\n');
    writeFileSync(join(root, 'civil-status', '9.000001-a.test.yaml'), 'procedure: "9.000001"\n');
    writeFileSync(join(root, 'civil-status', 'broken.yaml'), 'code: [\n');
    writeFileSync(join(root, 'catalogues', 'roles.yaml'), '- id: x\n');
    writeFileSync(join(root, 'calendars', 'vn.yaml'), 'timezone: Asia/Ho_Chi_Minh\n');
    expect(procedureFiles(root).map((f) => f.slice(root.length + 1))).toEqual(['civil-status/9.000001-a.yaml', 'civil-status/broken.yaml']);
    const { rows, problems } = readLibrary(root, root);
    expect(rows.map((r) => [r.code, r.deadline])).toEqual([['9.000001', '2 working days']]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^civil-status\/broken\.yaml: /);
  });

  it('keeps the README table in step with the library (run `npm run library:report` after changing procedures)', () => {
    const repo = join(import.meta.dirname, '..', '..');
    const { rows, problems } = readLibrary(join(repo, 'procedures'), repo);
    expect(problems).toEqual([]);
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    expect(replaceBetweenMarkers(readme, renderReport(rows)), 'README.md is stale: run npm run library:report').toBe(readme);
  });
});
