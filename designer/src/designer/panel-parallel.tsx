/**
 * A parallel step's branches in the properties panel: each branch by name (renamed in place),
 * its steps in order with their role (picked from the catalogue), a button opening a step in the
 * panel, a step added at the branch's end or removed, and branches added or removed. The join
 * (where the case goes once every branch has ended) is the step's `to`, drawn by rjsf above.
 * Every button is one named command (`model/parallel-edits.ts`), so undo covers it.
 */
import type { FieldProps } from '@rjsf/utils';
import { useState } from 'react';
import { localized } from '../lib/format';
import { stepKindName } from '../lib/flow-graph';
import { addBranch, addBranchStep, removeBranch, removeBranchStep, renameBranch } from '../model/parallel-edits';
import { TextField } from './fields';
import { ctxOf, dt, useLiveValue, roleOptions, Select } from './panel-common';

type Obj = Record<string, unknown>;

const titleOf = (step: Obj, id: string): string => {
  const name = step.name as { vi?: unknown; en?: string } | undefined;
  return typeof name?.vi === 'string' ? localized({ vi: name.vi, ...(name.en ? { en: name.en } : {}) }) : id;
};

/** One branch: its name, its steps (role, open, remove) and a step added at its end. */
function Branch({ props, name, steps, only }: { props: FieldProps; name: string; steps: Obj[]; only: boolean }) {
  const { model, stepId, roles, onSelect } = ctxOf(props);
  const [error, setError] = useState<string | undefined>();
  if (!stepId) return null;
  const base = `${props.fieldPathId.$id}-${name}`;
  return (
    <li className="props-item" aria-label={dt('parallel.branch', { name })}>
      <TextField label={dt('parallel.name')} mono value={name} error={error} hint={dt('parallel.nameHint')} onCommit={(to) => setError(renameBranch(model, stepId, name, to))} />
      <ol className="props-list">
        {steps.map((step, i) => {
          const id = typeof step.id === 'string' ? step.id : String(i);
          const title = titleOf(step, id);
          return (
            <li key={id} className="branch-step" aria-label={dt('parallel.step', { n: i + 1, name: title })}>
              <span>{i + 1}. <strong>{title}</strong> <span className="muted">({stepKindName(String(step.kind))})</span></span>
              {step.kind === 'task' ? (
                <label className="df-field">
                  <span>{dt('props.role')}</span>
                  <Select id={`${base}-${i}-role`} value={typeof step.role === 'string' ? step.role : ''} options={roleOptions(roles)} invalid={!step.role} onChange={(v) => model.edit(dt('props.changeRole'), (tx) => tx.set([...(ctxOf(props).path ?? []), 'branches', name, i, 'role'], v))} />
                </label>
              ) : null}
              <div className="actions">
                {onSelect ? <button type="button" className="small" onClick={() => onSelect({ kind: 'node', id })}>{dt('parallel.open', { name: title })}</button> : null}
                <button type="button" className="small danger" disabled={steps.length <= 1} title={steps.length <= 1 ? dt('parallel.lastStep') : undefined} onClick={() => removeBranchStep(model, stepId, name, id)}>{dt('parallel.removeStep', { name: title })}</button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="actions">
        <button type="button" onClick={() => addBranchStep(model, stepId, name)}>+ {dt('parallel.addStep')}</button>
        <button type="button" className="danger" disabled={only} title={only ? dt('parallel.lastBranch') : undefined} onClick={() => removeBranch(model, stepId, name)}>{dt('parallel.removeBranch', { name })}</button>
      </div>
    </li>
  );
}

/** The branches of a parallel step, run at the same time; the step goes on when all have ended. */
export function ParallelBranchesField(props: FieldProps) {
  const { model, stepId } = ctxOf(props);
  const live = useLiveValue(props);
  const branches = (live && typeof live === 'object' ? live : {}) as Record<string, unknown>;
  const names = Object.keys(branches);
  if (!stepId) return null;
  return (
    <div className="df-field">
      <span className="df-label">{String(props.schema.title ?? '')}</span>
      <small className="df-hint">{dt('parallel.hint')}</small>
      <ul className="props-list">
        {names.map((name) => <Branch key={name} props={props} name={name} steps={(Array.isArray(branches[name]) ? branches[name] : []) as Obj[]} only={names.length <= 1} />)}
      </ul>
      <button type="button" onClick={() => addBranch(model, stepId)}>+ {dt('parallel.addBranch')}</button>
    </div>
  );
}
