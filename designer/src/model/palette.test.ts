import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCEDURE_SCHEMA } from 'motcua/engine';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OUTCOME_STATUSES, mainSlot, paletteAnchor } from './palette';
import { addStep, NEW_OUTCOMES, references, type AddableKind } from './procedure-edits';
import { YamlModel } from './yaml-model';

type Obj = Record<string, unknown>;
const FIXTURE = readFileSync(join(import.meta.dirname, '../../../test/fixtures/designer/commented-procedure.yaml'), 'utf8');

/** The fixture after adding a step of `kind` from the palette with `selection`; the new step's id too. */
function added(selection: Parameters<typeof paletteAnchor>[1], kind: AddableKind = 'task', text = FIXTURE): { id: string; value: { steps: Obj[]; outcomes: Obj } } {
  const model = new YamlModel(text);
  const id = addStep(model, kind, { ...paletteAnchor(model.value, selection), role: 'certification-officer' });
  return { id, value: parse(model.text) as { steps: Obj[]; outcomes: Obj } };
}
const step = (v: { steps: Obj[] }, id: string): Obj | undefined => v.steps.find((s) => s.id === id);

describe('the palette', () => {
  it('offers every outcome status the format defines', () => {
    const statuses = ((((PROCEDURE_SCHEMA.$defs as Obj).outcome as Obj).properties as Obj).status as { enum: string[] }).enum;
    expect(statuses.length).toBeGreaterThan(2);
    expect(OUTCOME_STATUSES).toEqual(statuses);
    for (const s of statuses) expect(NEW_OUTCOMES).toHaveProperty(s);
  });

  it("connects a step added while a task is selected to the task's approve action", () => {
    const { id, value } = added({ kind: 'node', id: 'check' });
    expect(value.steps.map((s) => s.id)).toEqual(['pay', 'check', id, 'sign']);
    expect(step(value, 'check')?.actions).toMatchObject({ approve: { to: id }, reject: { to: 'rejected' }, withdraw: { to: 'withdrawn' } });
    // The new step goes on where approve went.
    expect(step(value, id)?.actions).toEqual({ approve: { to: 'sign' } });
  });

  it('without an approve action, uses the first action leading forward', () => {
    // `sign` has sign -> approved (an outcome issuing a result) and return -> check (back).
    const reordered = FIXTURE.replace('      sign: { to: approved, name: { vi: Ký chứng thực, en: Sign } }\n      return: { to: check, name: { vi: Trả lại để kiểm tra lại, en: Return } }', '      return: { to: check, name: { vi: Trả lại để kiểm tra lại, en: Return } }\n      sign: { to: approved, name: { vi: Ký chứng thực, en: Sign } }');
    expect(reordered).not.toBe(FIXTURE);
    const { id, value } = added({ kind: 'node', id: 'sign' }, 'payment', reordered);
    expect(step(value, 'sign')?.actions).toMatchObject({ return: { to: 'check' }, sign: { to: id } });
    expect(step(value, id)).toMatchObject({ kind: 'payment', to: 'approved' });
  });

  it("uses a payment's `to`, a choice's `otherwise`, and the arrow into a selected outcome", () => {
    const pay = added({ kind: 'node', id: 'pay' }, 'supplement');
    expect(step(pay.value, 'pay')?.to).toBe(pay.id);
    expect(step(pay.value, pay.id)).toMatchObject({ kind: 'supplement', to: 'check' });

    const withChoice = added({ kind: 'node', id: 'pay' }, 'choice');
    const model = new YamlModel(FIXTURE);
    addStep(model, 'choice', paletteAnchor(model.value, { kind: 'node', id: 'pay' }));
    expect(mainSlot(model.value, withChoice.id)).toEqual(['steps', 1, 'otherwise']);

    const before = added({ kind: 'node', id: 'approved' });
    expect(step(before.value, 'sign')?.actions).toMatchObject({ sign: { to: before.id } });
    expect(step(before.value, before.id)?.actions).toEqual({ approve: { to: 'approved' } });
  });

  it('inserts on a selected arrow, and adds at the end unconnected with nothing selected', () => {
    const onArrow = added({ kind: 'edge', from: 'check', handle: 'reject' });
    expect(step(onArrow.value, 'check')?.actions).toMatchObject({ reject: { to: onArrow.id }, approve: { to: 'sign' } });
    expect(step(onArrow.value, onArrow.id)?.actions).toEqual({ approve: { to: 'rejected' } });

    const alone = added(null);
    expect(alone.value.steps.at(-1)?.id).toBe(alone.id);
    expect(references(alone.value, alone.id)).toEqual([]);
  });
});
