import { readFileSync } from 'node:fs';
import { validateProcedureText } from 'motcua/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18next, setLanguage } from '../i18n';
import { addAction, addOutcome, addStep, connect, deleteNode, references, renameNode, whatDeletionBreaks } from './procedure-edits';
import { YamlModel } from './yaml-model';

const FILE = 'procedures/certification/2.000884-certify-signature.yaml';
const TEXT = readFileSync(FILE, 'utf8');

const errors = (text: string): string[] => validateProcedureText(text, FILE, {}).diagnostics.filter((d) => d.severity === 'error' && d.code !== 'E_UNKNOWN_ROLE' && d.code !== 'E_UNKNOWN_SOURCE').map((d) => `${d.code} ${d.message}`);

describe('procedure edits', () => {
  beforeAll(async () => {
    await setLanguage('vi');
    await i18next.loadNamespaces('designer');
  });
  afterAll(async () => {
    await setLanguage('vi');
  });

  it('labels each command for undo in the language shown, by names rather than ids', async () => {
    const m = new YamlModel(TEXT);
    addStep(m, 'task', { after: 'sign' });
    expect(m.getSnapshot().undoLabel).toBe('Thêm bước «Bước xử lý mới»');
    deleteNode(m, 'task');
    expect(m.getSnapshot().undoLabel).toBe('Xóa «Bước xử lý mới»');
    await setLanguage('en');
    addOutcome(m, 'rejected');
    expect(m.getSnapshot().undoLabel).toBe('Add outcome ‘Rejected’');
    expect(() => renameNode(m, 'sign', 'Ký')).toThrow(/lower-case letters/);
    await setLanguage('vi');
  });

  it('renames a step and every reference to it, in one undoable command', () => {
    const m = new YamlModel(TEXT);
    const before = references(m.value, 'sign').length;
    expect(before).toBeGreaterThan(0);
    renameNode(m, 'sign', 'ky-chung-thuc');
    expect(references(m.value, 'sign')).toEqual([]);
    expect(references(m.value, 'ky-chung-thuc')).toHaveLength(before);
    expect(errors(m.text)).toEqual(errors(TEXT));
    m.undo();
    expect(m.text).toBe(new YamlModel(TEXT).text);
  });

  it('renames an outcome key in place', () => {
    const m = new YamlModel(TEXT);
    const outcomes = Object.keys((m.value as { outcomes: object }).outcomes);
    renameNode(m, outcomes[0] as string, 'xong');
    expect(Object.keys((m.value as { outcomes: object }).outcomes)).toEqual(['xong', ...outcomes.slice(1)]);
    expect(errors(m.text)).toEqual(errors(TEXT));
  });

  it('refuses an id in use or badly formed', () => {
    const m = new YamlModel(TEXT);
    expect(() => renameNode(m, 'sign', 'pay')).toThrow(/đã được dùng/);
    expect(() => renameNode(m, 'sign', 'Ký')).toThrow(/chữ thường/);
    expect(m.getSnapshot().canUndo).toBe(false);
  });

  it('adds a task after a step, wired from a slot, and the procedure stays valid', () => {
    const m = new YamlModel(TEXT);
    const from = references(m.value).find((r) => r.from === 'check' && r.slot === 'approve');
    expect(from).toBeDefined();
    const id = addStep(m, 'task', { after: 'check', from: from?.path as (string | number)[], role: 'commune-justice-officer' });
    const ids = (m.value as { steps: { id: string }[] }).steps.map((s) => s.id);
    expect(ids.indexOf(id)).toBe(ids.indexOf('check') + 1);
    expect(references(m.value, id)).toHaveLength(1);
    expect(errors(m.text)).toEqual(errors(TEXT));
  });

  it('adds each kind of step and an outcome, and connects an action', () => {
    const m = new YamlModel(TEXT);
    for (const kind of ['supplement', 'choice', 'payment', 'parallel'] as const) addStep(m, kind, { role: 'commune-justice-officer' });
    const out = addOutcome(m, 'rejected');
    expect(out).toBe('rejected-2');
    const action = addAction(m, 'check', out, 'refuse');
    expect(action).toBe('refuse');
    expect(m.value).toMatchObject({ steps: expect.arrayContaining([expect.objectContaining({ id: 'check', actions: expect.objectContaining({ refuse: { to: out, name: { vi: 'Thao tác mới', en: 'New action' } } }) })]) });
    const ref = references(m.value, out);
    expect(ref.map((r) => r.slot)).toEqual(['refuse']);
    connect(m, ref[0]?.path ?? [], 'sign');
    expect(references(m.value, out)).toEqual([]);
    expect((m.value as { steps: unknown[] }).steps).toHaveLength((new YamlModel(TEXT).value as { steps: unknown[] }).steps.length + 4);
  });

  it('lists what a deletion breaks, then deletes', () => {
    const m = new YamlModel(TEXT);
    const broken = whatDeletionBreaks(m.value, 'sign');
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.every((r) => r.from !== 'sign')).toBe(true);
    deleteNode(m, 'sign');
    expect(errors(m.text).some((e) => e.startsWith('E_UNKNOWN_TARGET'))).toBe(true);
    m.undo();
    expect(errors(m.text)).toEqual(errors(TEXT));
  });
});
