import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { YamlModel } from './yaml-model';

const TEXT = `# yaml-language-server: $schema=../../schema/procedure.schema.json
code: "9.000001" # the code
version: 1.0.0
# the deadline, by law
deadline: { value: 1, unit: working-day } # Article 5
steps:
  # first the officer checks
  - id: verify
    kind: task
    role: civil-status-officer
    actions:
      approve: { to: approved } # the happy path
      reject: { to: rejected }
outcomes:
  approved: { status: done }
  rejected: { status: rejected }
`;

const keysOf = (text: string): string[] => text.split('\n').filter((l) => /^[a-z]/.test(l)).map((l) => l.split(':')[0] ?? '');

describe('YamlModel', () => {
  it('changes a scalar in place: every comment and the key order survive', () => {
    const m = new YamlModel(TEXT);
    m.edit('deadline', (tx) => tx.set(['deadline', 'value'], 3));
    expect(m.text).toContain('deadline: { value: 3, unit: working-day } # Article 5');
    expect(m.text).toContain('# the deadline, by law');
    expect(m.text).toContain('# yaml-language-server');
    expect(m.text).toContain('approve: { to: approved } # the happy path');
    expect(keysOf(m.text)).toEqual(keysOf(TEXT));
  });

  it('reconciles a whole object: keeps the commented nodes it does not change', () => {
    const m = new YamlModel(TEXT);
    m.edit('step', (tx) => tx.set(['steps', 0], { id: 'verify', kind: 'task', role: 'justice-officer', actions: { approve: { to: 'approved' }, reject: { to: 'rejected' } } }));
    expect(m.text).toContain('role: justice-officer');
    expect(m.text).toContain('# first the officer checks');
    expect(m.text).toContain('approve: { to: approved } # the happy path');
  });

  it('undoes and redoes compound commands as one step, restoring the text exactly', () => {
    const m = new YamlModel(TEXT);
    m.edit('two changes', (tx) => {
      tx.set(['deadline', 'value'], 5);
      tx.renameKey(['outcomes', 'approved'], 'granted');
      tx.set(['steps', 0, 'actions', 'approve', 'to'], 'granted');
      tx.insert(['steps'], { id: 'pay', kind: 'payment', to: 'verify' }, 0);
    });
    const after = m.text;
    expect(after).toContain('granted: { status: done }');
    expect(m.getSnapshot().undoLabel).toBe('two changes');
    m.undo();
    expect(m.text).toBe(new YamlModel(TEXT).text);
    expect(m.getSnapshot().canRedo).toBe(true);
    m.redo();
    expect(m.text).toBe(after);
    m.undo();
    m.edit('other', (tx) => tx.set(['version'], '2.0.0'));
    expect(m.getSnapshot().canRedo).toBe(false);
  });

  it('removes a key and puts it back at its place on undo', () => {
    const m = new YamlModel(TEXT);
    m.edit('remove', (tx) => tx.remove(['version']));
    expect(m.text).not.toContain('version');
    m.undo();
    expect(keysOf(m.text)).toEqual(keysOf(TEXT));
  });

  it('creates missing parents and adds keys at the end of their map', () => {
    const m = new YamlModel(TEXT);
    m.edit('fee', (tx) => {
      tx.insert(['fees'], { id: 'f', amount: 1000, exempt: 'data.poor' });
      tx.set(['suspension', 'clock'], 'stop');
    });
    const value = m.value as { fees: unknown[]; suspension: unknown };
    expect(value.fees).toEqual([{ id: 'f', amount: 1000, exempt: 'data.poor' }]);
    expect(value.suspension).toEqual({ clock: 'stop' });
    expect(keysOf(m.text).slice(-2)).toEqual(['fees', 'suspension']);
  });

  it('rolls back a change that throws', () => {
    const m = new YamlModel(TEXT);
    expect(() => m.edit('bad', (tx) => {
      tx.set(['version'], '9.9.9');
      tx.renameKey(['outcomes', 'approved'], 'rejected');
    })).toThrow(/exists/);
    expect(m.text).toBe(new YamlModel(TEXT).text);
    expect(m.getSnapshot().canUndo).toBe(false);
  });

  it('takes text edits that parse as one command and refuses the others', () => {
    const m = new YamlModel(TEXT);
    expect(m.replaceText(TEXT.replace('1.0.0', '1.0.1'))).toBe(true);
    expect(m.text).toContain('1.0.1');
    expect(m.replaceText('steps: [\n')).toBe(false);
    expect(m.text).toContain('1.0.1');
    m.undo();
    expect(m.text).toContain('version: 1.0.0');
  });

  it('moves items of maps and lists, and dirty follows the undo position', () => {
    const m = new YamlModel(TEXT);
    expect(m.getSnapshot().dirty).toBe(false);
    m.edit('move', (tx) => tx.move(['outcomes'], 1, 0));
    expect(Object.keys((m.value as { outcomes: object }).outcomes)).toEqual(['rejected', 'approved']);
    expect(m.getSnapshot().dirty).toBe(true);
    m.undo();
    expect(m.getSnapshot().dirty).toBe(false);
  });

  it('merges quick text edits into one undo step', () => {
    const m = new YamlModel(TEXT);
    m.replaceText(TEXT.replace('1.0.0', '1.0.1'));
    m.replaceText(TEXT.replace('1.0.0', '1.0.12'));
    m.edit('graph edit', (tx) => tx.set(['deadline', 'value'], 2));
    m.replaceText(m.text.replace('1.0.12', '1.0.13'));
    m.undo();
    expect(m.text).toContain('1.0.12');
    m.undo();
    m.undo();
    expect(m.text).toBe(new YamlModel(TEXT).text);
    expect(m.getSnapshot().canUndo).toBe(false);
  });

  it('prints every procedure of the library byte for byte as written (opening is not editing)', () => {
    let count = 0;
    for (const dir of readdirSync('procedures')) {
      if (dir === 'catalogues' || dir === 'calendars' || !/^[a-z-]+$/.test(dir)) continue;
      for (const f of readdirSync(join('procedures', dir)).filter((x) => x.endsWith('.yaml') && !x.endsWith('.test.yaml'))) {
        const text = readFileSync(join('procedures', dir, f), 'utf8');
        expect(new YamlModel(text).text, f).toBe(text);
        count++;
      }
    }
    expect(count).toBeGreaterThan(30);
  });
});
