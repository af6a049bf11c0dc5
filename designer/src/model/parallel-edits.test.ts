import { readFileSync } from 'node:fs';
import { validateProcedureText } from 'motcua/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { i18next, setLanguage } from '../i18n';
import { addBranch, addBranchStep, removeBranch, removeBranchStep, renameBranch } from './parallel-edits';
import { addStep } from './procedure-edits';
import { YamlModel } from './yaml-model';

const FILE = 'procedures/certification/2.000884-certify-signature.yaml';
const TEXT = readFileSync(FILE, 'utf8');
type Obj = Record<string, unknown>;

const errors = (text: string): string[] => validateProcedureText(text, FILE, {}).diagnostics.filter((d) => d.severity === 'error' && d.code !== 'E_UNKNOWN_ROLE' && d.code !== 'E_UNKNOWN_SOURCE').map((d) => `${d.code} ${d.message}`);
const parallel = (m: YamlModel, id: string): { branches: Record<string, Obj[]>; to: string } => (parse(m.text) as { steps: Obj[] }).steps.find((s) => s.id === id) as never;

describe('parallel branch edits', () => {
  beforeAll(async () => {
    await setLanguage('vi');
    await i18next.loadNamespaces('designer');
  });

  it('adds, renames, extends, shortens and removes branches, each one undo step, and the file stays valid', () => {
    const m = new YamlModel(TEXT);
    const sign = (parse(m.text) as { steps: Obj[] }).steps.findIndex((s) => s.id === 'sign');
    // Inserted on sign's way forward, so it is reached (and goes on to pay).
    const id = addStep(m, 'parallel', { after: 'sign', from: ['steps', sign, 'actions', 'sign', 'to'] });
    const roleOfA = parallel(m, id).branches.a?.[0]?.role;
    m.edit('role', (tx) => tx.set(['steps', (parse(m.text) as { steps: Obj[] }).steps.findIndex((s) => s.id === id), 'branches', 'a', 0, 'role'], 'commune-chair'));
    expect(roleOfA).toBe('');

    const name = addBranch(m, id);
    expect(m.getSnapshot().undoLabel).toBe('Thêm nhánh song song');
    // The new branch's task takes a role of the step's tasks and ends its branch.
    expect(parallel(m, id).branches[name]).toEqual([{ id: `${id}-${name}`, kind: 'task', name: { vi: 'Nhánh mới', en: 'New branch' }, role: 'commune-chair', actions: { done: { to: 'end' } } }]);

    expect(renameBranch(m, id, name, 'bad name')).toMatch(/Tên nhánh/);
    expect(renameBranch(m, id, name, 'a')).toMatch(/Đã có nhánh/);
    expect(renameBranch(m, id, name, 'thue')).toBeUndefined();
    expect(Object.keys(parallel(m, id).branches)).toEqual(['a', 'thue']);

    // A step added at a branch's end: what ended the branch now leads to it.
    const added = addBranchStep(m, id, 'thue');
    const branch = parallel(m, id).branches.thue ?? [];
    expect(branch.map((s) => s.id)).toEqual([`${id}-${name}`, added]);
    expect(branch[0]).toMatchObject({ actions: { done: { to: added } } });
    expect(branch[1]).toMatchObject({ role: 'commune-chair', actions: { done: { to: 'end' } } });
    expect(errors(m.text)).toEqual([]);

    // Removing the first step: the branch goes straight to the second.
    removeBranchStep(m, id, 'thue', `${id}-${name}`);
    expect(parallel(m, id).branches.thue?.map((s) => s.id)).toEqual([added]);
    expect(() => removeBranchStep(m, id, 'thue', added)).toThrow(/ít nhất một bước/);
    expect(errors(m.text)).toEqual([]);

    removeBranch(m, id, 'thue');
    expect(Object.keys(parallel(m, id).branches)).toEqual(['a']);
    expect(() => removeBranch(m, id, 'a')).toThrow(/ít nhất một nhánh/);
    m.undo();
    expect(Object.keys(parallel(m, id).branches)).toEqual(['a', 'thue']);
  });
});
