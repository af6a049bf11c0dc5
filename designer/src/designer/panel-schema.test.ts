import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { YamlModel } from '../model/yaml-model';
import { changeLabelKey, changesBetween, PANEL_DEFS, panelSchema, panelUi, type Change, type PanelKind } from './panel-schema';
import { PANEL_FIELDS, PANEL_WIDGETS } from './panel-widgets';

type Obj = Record<string, unknown>;
const REPO = join(import.meta.dirname, '../../..');
const texts = (lng: string): Obj => JSON.parse(readFileSync(join(REPO, `designer/src/i18n/locales/${lng}/designer.json`), 'utf8')) as Obj;
/** A `t` over the real locale file that fails loudly on a missing key. */
const tOf = (lng: string) => {
  const all = texts(lng);
  return (key: string): string => {
    const v = key.split('.').reduce<unknown>((o, k) => (o as Obj | undefined)?.[k], all);
    if (typeof v !== 'string') throw new Error(`${lng}: no text for designer:${key}`);
    return v;
  };
};

/** Every `description` anywhere in a schema, by path. */
function descriptions(node: unknown, path = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => descriptions(n, `${path}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as Obj).flatMap(([k, v]) => [...(k === 'description' ? [path] : []), ...descriptions(v, `${path}/${k}`)]);
}

/** Properties rjsf's own object field draws (not those a custom field or a hidden widget draws as a whole), with their titles. */
function drawnTitles(schema: Obj, ui: Obj, path = ''): { path: string; title: unknown }[] {
  const props = (schema.properties ?? {}) as Record<string, Obj>;
  return Object.entries(props).flatMap(([name, sub]) => {
    const u = (ui[name] ?? {}) as Obj;
    const here = { path: `${path}.${name}`, title: sub.title };
    if (u['ui:widget'] === 'hidden') return [];
    if (u['ui:field'] || !sub.properties) return [here];
    return [here, ...drawnTitles(sub, u, `${path}.${name}`)];
  });
}

describe('panelSchema', () => {
  const kinds = Object.keys(PANEL_DEFS) as PanelKind[];
  for (const lng of ['vi', 'en']) {
    it(`titles every drawn property in ${lng} and keeps none of the format's English descriptions`, () => {
      const t = tOf(lng);
      for (const kind of kinds) {
        const schema = panelSchema(kind, t);
        expect(descriptions(schema), kind).toEqual([]);
        expect(JSON.stringify(schema), kind).not.toContain('$ref');
        const drawn = drawnTitles(schema, panelUi(kind));
        expect(drawn.length, kind).toBeGreaterThan(1);
        for (const d of drawn) {
          expect(typeof d.title, `${kind}${d.path}`).toBe('string');
          expect(String(d.title), `${kind}${d.path}`).not.toMatch(/^(props|panel)\./);
        }
      }
      // The task's actions are drawn from the action definition, titled as the action panel's.
      const action = (panelSchema('task', t).properties as Record<string, Obj>).actions?.additionalProperties as Obj;
      expect(action).toEqual(panelSchema('action', t));
    });
  }

  it('differs between the languages (no raw ids, no English in the Vietnamese panel)', () => {
    const vi = drawnTitles(panelSchema('task', tOf('vi')), panelUi('task'));
    const en = drawnTitles(panelSchema('task', tOf('en')), panelUi('task'));
    expect(vi.map((d) => d.title)).toContain('Vai trò xử lý');
    expect(vi.map((d) => d.title)).not.toEqual(en.map((d) => d.title));
  });

  it('names only widgets and fields the panel registers, and sends no property to the YAML tab', () => {
    const named = (ui: unknown): { kind: 'ui:field' | 'ui:widget'; name: string }[] =>
      ui && typeof ui === 'object'
        ? Object.entries(ui as Obj).flatMap(([k, v]) => (k === 'ui:field' || k === 'ui:widget') && typeof v === 'string' ? [{ kind: k, name: v }] : named(v))
        : [];
    for (const kind of Object.keys(PANEL_DEFS) as PanelKind[]) {
      const schema = panelSchema(kind, tOf('vi'));
      for (const n of named(panelUi(kind))) {
        if (n.kind === 'ui:field') expect(Object.keys(PANEL_FIELDS), `${kind}: field ${n.name}`).toContain(n.name);
        else if (n.name !== 'hidden') expect(Object.keys(PANEL_WIDGETS), `${kind}: widget ${n.name}`).toContain(n.name);
      }
      // Every object-valued property rjsf would otherwise draw as raw keys has a control of its own.
      const ui = panelUi(kind);
      for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, Obj>)) {
        if (sub.type === 'object' && !sub.properties) expect((ui[name] as Obj | undefined)?.['ui:field'], `${kind}.${name}`).toBeTypeOf('string');
      }
    }
  });

  it('keeps the format\'s constraints (enums, required, minimum)', () => {
    const schema = panelSchema('outcome', tOf('vi'));
    const props = schema.properties as Record<string, Obj>;
    expect(props.status?.enum).toEqual(['done', 'rejected', 'withdrawn', 'cancelled']);
    expect(schema.required).toEqual(['status']);
    expect((props.result?.properties as Record<string, Obj>).issuer?.enum).toEqual(['commune', 'province', 'ministry']);
    expect(((panelSchema('action', tOf('vi')).properties as Record<string, Obj>).extend)?.minimum).toBe(1);
  });
});

describe('changesBetween', () => {
  it('sets a changed scalar in place and leaves keys rjsf does not report alone', () => {
    expect(changesBetween({ role: 'a', sla: { value: 1, unit: 'working-day' } }, { role: 'b', sla: { value: 1, unit: 'working-day' } })).toEqual([{ kind: 'set', path: ['role'], value: 'b' }]);
    expect(changesBetween({ role: 'a', extra: 1 }, { role: 'a' })).toEqual([]);
    expect(changesBetween({ sla: { value: 1, unit: 'working-day' } }, { sla: { value: 3, unit: 'working-hour' } })).toEqual([
      { kind: 'set', path: ['sla', 'value'], value: 3 },
      { kind: 'set', path: ['sla', 'unit'], value: 'working-hour' },
    ]);
  });

  it('removes a key rjsf cleared and ignores the empty objects it fills in', () => {
    expect(changesBetween({ level: 'commune', role: 'x' }, { level: undefined, role: 'x' })).toEqual([{ kind: 'remove', path: ['level'] }]);
    expect(changesBetween({ status: 'done' }, { status: 'done', result: {} })).toEqual([]);
    expect(changesBetween({ status: 'done' }, { status: 'done', result: { document: 'x', store: undefined } })).toEqual([{ kind: 'set', path: ['result'], value: { document: 'x' } }]);
  });

  it('inserts or removes one list item, and replaces a list changed otherwise', () => {
    const a = { when: 'true', to: 'x' };
    const b = { when: 'data.n > 1', to: 'y' };
    const c = { when: 'false', to: 'z' };
    expect(changesBetween({ branches: [a, b, c] }, { branches: [a, c] })).toEqual([{ kind: 'remove', path: ['branches', 1] }]);
    expect(changesBetween({ branches: [a] }, { branches: [a, b] })).toEqual([{ kind: 'insert', path: ['branches'], index: 1, value: b }]);
    expect(changesBetween({ branches: [a, b] }, { branches: [c] })).toEqual([{ kind: 'set', path: ['branches'], value: [c] }]);
    expect(changesBetween({ branches: [a, b] }, { branches: [a, { ...b, to: 'w' }] })).toEqual([{ kind: 'set', path: ['branches', 1, 'to'], value: 'w' }]);
  });

  it('names the edit for the undo button by what it changed', () => {
    const key = (kind: PanelKind, changes: Change[]): string => changeLabelKey(kind, changes);
    expect(key('task', [{ kind: 'set', path: ['role'], value: 'x' }])).toBe('props.changeRole');
    expect(key('task', [{ kind: 'set', path: ['sla', 'value'], value: 2 }])).toBe('props.changeSla');
    expect(key('task', [{ kind: 'set', path: ['actions', 'reject', 'form', 'properties', 'reason', 'title'], value: 'x' }])).toBe('props.requireReason');
    expect(key('task', [{ kind: 'remove', path: ['actions', 'reject', 'form'] }])).toBe('props.dropReason');
    expect(key('outcome', [{ kind: 'set', path: ['name'], value: {} }])).toBe('props.renameOutcome');
  });

  it('applied to the yaml Document, keeps every comment and the keys\' order', () => {
    const text = readFileSync(join(REPO, 'test/fixtures/designer/commented-procedure.yaml'), 'utf8');
    const model = new YamlModel(text);
    const initial = model.text;
    const steps = (model.value as { steps: Obj[] }).steps;
    const check = steps[1] as Obj;
    const actions = check.actions as Record<string, Obj>;
    const reject = actions.reject as Obj;
    const form = reject.form as Obj;
    const next = {
      ...check,
      role: 'commune-chair',
      sla: { unit: 'working-day', value: 3 },
      actions: { ...actions, reject: { ...reject, form: { ...form, properties: { reason: { ...((form.properties as Obj).reason as Obj), title: 'Lý do không chứng thực' } } } } },
    };
    const changes = changesBetween(check, next);
    expect(changes.map((c) => c.path.join('.'))).toEqual(['role', 'sla.unit', 'sla.value', 'actions.reject.form.properties.reason.title']);
    model.edit('panel', (tx) => {
      for (const c of changes) if (c.kind === 'set') tx.set(['steps', 1, ...c.path], c.value);
    });
    const after = model.text;
    for (const line of text.split('\n').filter((l) => l.includes('#'))) expect(after).toContain(line.slice(line.indexOf('#')));
    expect(after).toContain('sla: { unit: working-day, value: 3 }');
    const parsed = parse(after) as { steps: Obj[] };
    expect(Object.keys(parsed.steps[1] as Obj)).toEqual(Object.keys(check));
    expect(parsed.steps[1]).toMatchObject({ role: 'commune-chair', actions: { reject: { form: { properties: { reason: { title: 'Lý do không chứng thực', minLength: 1 } } } } } });
    model.undo();
    expect(model.text).toBe(initial);
  });
});
