/**
 * The properties of the selected step, action or outcome. Each field commit is one command on
 * the model (through {@link Tx.set}, which keeps comments), so undo covers property edits too.
 */
import type { RoleEntry } from 'motcua/engine';
import { useState } from 'react';
import { i18next } from '../i18n';
import { localized } from '../lib/format';
import { levelLabel } from '../components/ProcedureFilters';
import { actionName, isCommonAction, stepKindName } from '../lib/flow-graph';
import type { FormField } from '../model/conditions';
import { deleteAction, idProblem, renameAction, renameNode, stepPlaces, valueAt, whatDeletionBreaks, deleteNode, addAction } from '../model/procedure-edits';
import type { Path, YamlModel } from '../model/yaml-model';
import { ConditionEditor } from './ConditionEditor';
import { CheckField, DurationField, NameFields, NumberField, SelectField, TextField, str } from './fields';
import type { Selection } from './GraphEditor';

export interface PropertiesPanelProps {
  model: YamlModel;
  value: unknown;
  selection: Selection;
  onSelect: (s: Selection) => void;
  roles: ReadonlyMap<string, RoleEntry>;
  procedureCodes: readonly { code: string; name: string }[];
  fields: readonly FormField[];
  frozen: boolean;
}

/** The designer's words (`designer:props.*`), read at render: the panel re-renders on a language switch. */
const t = (key: string, options?: Record<string, unknown>): string => i18next.t(`designer:props.${key}`, options ?? {});

function statusOptions(): { value: string; label: string }[] {
  return (['done', 'rejected', 'withdrawn', 'cancelled'] as const).map((s) => ({ value: s, label: s === 'done' ? t('statusDone') : i18next.t(`common:outcomeStatus.${s}`) }));
}

/** A name (`{vi, en}`) in the language shown, else the id. */
const nameOr = (name: unknown, id: string): string => (name && typeof name === 'object' && typeof (name as { vi?: unknown }).vi === 'string' ? localized(name as { vi: string; en?: string }) : id);

type Obj = Record<string, unknown>;

/** Targets for a slot: every step and outcome, by name. */
function targetOptions(value: unknown): { value: string; label: string }[] {
  const steps = stepPlaces(value).map((p) => ({ value: p.id, label: `${nameOr(p.step.name, p.id)} (${stepKindName(String(p.step.kind))})` }));
  const outcomes = Object.entries(((value as Obj | null)?.outcomes ?? {}) as Record<string, { name?: { vi?: string } } | null>).map(([id, o]) => ({ value: id, label: t('outcomeOption', { name: nameOr(o?.name, id) }) }));
  return [...steps, ...outcomes];
}

export function PropertiesPanel(props: PropertiesPanelProps) {
  const { model, value, selection, frozen } = props;
  if (frozen) return <p className="muted">{t('frozen')}</p>;
  if (!selection) {
    return <p className="muted">{t('pick')}</p>;
  }
  const stepId = selection.kind === 'node' ? selection.id : selection.from;
  const place = stepPlaces(value).find((p) => p.id === stepId);
  if (place) return <StepProperties key={stepId} {...props} path={place.path} step={place.step as Obj} id={stepId} focusAction={selection.kind === 'edge' ? selection.handle : undefined} />;
  const outcome = ((value as Obj | null)?.outcomes as Obj | undefined)?.[stepId] as Obj | undefined;
  if (outcome !== undefined) return <OutcomeProperties key={stepId} model={model} value={value} id={stepId} outcome={outcome ?? {}} onSelect={props.onSelect} />;
  return <p className="muted">{t('gone')}</p>;
}

function IdField({ model, value, id, onSelect }: { model: YamlModel; value: unknown; id: string; onSelect: (s: Selection) => void }) {
  const [error, setError] = useState<string | undefined>();
  return (
    <TextField
      label={t('id')}
      mono
      value={id}
      error={error}
      hint={t('idHint')}
      onCommit={(to) => {
        const problem = idProblem(value, to, id);
        setError(problem);
        if (problem) return;
        renameNode(model, id, to);
        onSelect({ kind: 'node', id: to });
      }}
    />
  );
}

/** A reference named as the author knows it: the step's title and the action's (never their ids). */
function slotTitle(value: unknown, stepId: string, slot: string): { step: string; action: string } {
  const step = stepPlaces(value).find((p) => p.id === stepId)?.step as (Obj & { name?: { vi?: string }; actions?: Record<string, { name?: { vi?: string } } | null> }) | undefined;
  return { step: step?.name?.vi ?? stepId, action: step?.actions?.[slot]?.name?.vi ?? actionName(slot) };
}

function DeleteButton({ model, value, id, onSelect }: { model: YamlModel; value: unknown; id: string; onSelect: (s: Selection) => void }) {
  const [asking, setAsking] = useState(false);
  const broken = whatDeletionBreaks(value, id);
  if (!asking) return <button type="button" className="danger" onClick={() => setAsking(true)}>{t('delete', { id })}</button>;
  return (
    // Escape closes the question, as a dialog does.
    <div className="confirm" role="alertdialog" aria-label={t('deleteAsk', { id })} onKeyDown={(e) => { if (e.key === 'Escape') setAsking(false); }}>
      <p><strong>{t('deleteAsk', { id })}</strong></p>
      {broken.length ? (
        <>
          <p>{t('deleteBreaks')}</p>
          <ul>{broken.map((r) => { const n = slotTitle(value, r.from, r.slot); return <li key={r.path.join('.')}>{t('deleteStep')} «{n.step}», {n.action}</li>; })}</ul>
        </>
      ) : <p>{t('deleteNothing')}</p>}
      <div className="actions">
        <button type="button" className="danger" autoFocus onClick={() => { deleteNode(model, id); onSelect(null); }}>{t('deleteConfirm')}</button>
        <button type="button" onClick={() => setAsking(false)}>{t('deleteCancel')}</button>
      </div>
    </div>
  );
}

function StepProperties({ model, value, path, step, id, onSelect, roles, procedureCodes, fields, focusAction }: PropertiesPanelProps & { path: Path; step: Obj; id: string; focusAction: string | undefined }) {
  const set = (rel: Path, v: unknown, label: string): void => model.edit(label, (tx) => tx.set([...path, ...rel], v));
  const kind = String(step.kind);
  const targets = targetOptions(value);
  const target = (rel: Path, label: string) => (
    <SelectField label={label} value={str(valueAt(step, rel), '')} options={targets} onCommit={(v) => set(rel, v, `${label}: ${v}`)} />
  );
  const role = roles.get(str(step.role, ''));
  return (
    <div className="props">
      <h3>{stepKindName(kind)}: {nameOr(step.name, id)}</h3>
      <IdField model={model} value={value} id={id} onSelect={onSelect} />
      <NameFields what={t('stepName')} value={step.name as { vi?: string; en?: string } | undefined} onCommit={(v) => set(['name'], v, t('renameStep'))} />
      {kind === 'task' ? (
        <>
          <SelectField
            label={t('role')}
            value={str(step.role, '')}
            options={[...roles.values()].map((r) => ({ value: r.id, label: `${localized(r.name)} (${(r.levels ?? []).map((l) => levelLabel(l)).join(', ')})` }))}
            error={step.role ? undefined : t('roleMissing')}
            onCommit={(v) => set(['role'], v, t('changeRole'))}
          />
          <SelectField
            label={t('level')}
            value={str(step.level, '')}
            options={[{ value: '', label: t('levelOfProcedure') }, ...(role?.levels ?? ['commune', 'province', 'ministry']).map((l) => ({ value: l, label: levelLabel(l) }))]}
            onCommit={(v) => set(['level'], v === '' ? undefined : v, t('changeLevel'))}
          />
          <DurationField label={t('sla')} value={step.sla as { value?: number; unit?: string } | undefined} onCommit={(v) => set(['sla'], v, t('changeSla'))} />
          <h4>{t('actions')}</h4>
          <ul className="props-list">
            {Object.entries((step.actions ?? {}) as Record<string, Obj | null>).map(([name, spec]) => (
              <li key={name} className={focusAction === name ? 'props-item focused' : 'props-item'}>
                <ActionEditor model={model} path={[...path, 'actions', name]} stepId={id} name={name} spec={spec ?? {}} targets={targets} />
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => addAction(model, id, targets[0]?.value ?? 'end', 'action')}>+ {t('addAction')}</button>
        </>
      ) : null}
      {kind === 'supplement' || kind === 'payment' || kind === 'parallel' ? target(['to'], kind === 'parallel' ? t('toAfterBranches') : t('toAfter')) : null}
      {kind === 'procedure' ? (
        <>
          <SelectField label={t('linked')} value={str(step.procedure, '')} options={procedureCodes.map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }))} onCommit={(v) => set(['procedure'], v, t('changeLinked'))} />
          {target(['to'], t('linkedDone'))}
          {target(['onFail'], t('linkedFailed'))}
        </>
      ) : null}
      {kind === 'choice' ? (
        <>
          <h4>{t('branches')}</h4>
          <ol className="props-list">
            {((step.branches ?? []) as Obj[]).map((b, i) => (
              <li key={i} className="props-item">
                <ConditionEditor label={i === 0 ? t('if') : t('elseIf')} cel={str(b.when, 'true')} fields={fields} onCommit={(v) => set(['branches', i, 'when'], v, t('changeCondition'))} />
                {target(['branches', i, 'to'], t('then'))}
                <button type="button" className="small danger" onClick={() => model.edit(t('deleteBranch'), (tx) => tx.remove([...path, 'branches', i]))}>{t('deleteBranch')}</button>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => model.edit(t('addBranch'), (tx) => tx.insert([...path, 'branches'], { when: 'true', to: str(step.otherwise ?? targets[0]?.value, '') }))}>+ {t('addBranch')}</button>
          {target(['otherwise'], t('otherwise'))}
        </>
      ) : null}
      <DeleteButton model={model} value={value} id={id} onSelect={onSelect} />
    </div>
  );
}

function ActionEditor({ model, path, stepId, name, spec, targets }: { model: YamlModel; path: Path; stepId: string; name: string; spec: Obj; targets: { value: string; label: string }[] }) {
  const [error, setError] = useState<string | undefined>();
  const form = spec.form as { required?: string[] } | undefined;
  const needsReason = Array.isArray(form?.required) && form.required.includes('reason');
  return (
    <div className="action-editor">
      <TextField label={t('actionId')} mono value={name} error={error} hint={isCommonAction(name) ? t('shownAs', { name: actionName(name) }) : undefined} onCommit={(to) => {
        try {
          renameAction(model, stepId, name, to);
          setError(undefined);
        } catch (err) {
          setError((err as Error).message);
        }
      }} />
      <NameFields what={t('buttonLabel')} optional value={spec.name as { vi?: string } | undefined} onCommit={(v) => model.edit(t('changeButtonLabel'), (tx) => tx.set([...path, 'name'], v))} />
      <SelectField label={t('goTo')} value={str(spec.to, '')} options={targets} onCommit={(v) => model.edit(t('connect', { from: name, to: v }), (tx) => tx.set([...path, 'to'], v))} />
      {/* The reason field's title is procedure data: written in Vietnamese, the format's first language. */}
      <CheckField label={t('needsReason')} checked={needsReason} onCommit={(on) => model.edit(on ? t('requireReason') : t('dropReason'), (tx) => tx.set([...path, 'form'], on ? { type: 'object', required: ['reason'], properties: { reason: { type: 'string', title: 'Lý do' } } } : undefined))} />
      <NumberField label={t('extend')} value={typeof spec.extend === 'number' ? spec.extend : undefined} min={1} max={365} onCommit={(v) => model.edit(t('changeExtend'), (tx) => tx.set([...path, 'extend'], v))} />
      <button type="button" className="small danger" onClick={() => deleteAction(model, stepId, name)}>{t('deleteAction', { name })}</button>
    </div>
  );
}

function OutcomeProperties({ model, value, id, outcome, onSelect }: { model: YamlModel; value: unknown; id: string; outcome: Obj; onSelect: (s: Selection) => void }) {
  const set = (rel: Path, v: unknown, label: string): void => model.edit(label, (tx) => tx.set(['outcomes', id, ...rel], v));
  const result = outcome.result as Obj | undefined;
  return (
    <div className="props">
      <h3>{t('outcomeOption', { name: nameOr(outcome.name, id) })}</h3>
      <IdField model={model} value={value} id={id} onSelect={onSelect} />
      <NameFields what={t('outcomeName')} value={outcome.name as { vi?: string } | undefined} onCommit={(v) => set(['name'], v, t('renameOutcome'))} />
      <SelectField label={t('caseStatus')} value={str(outcome.status, '')} options={statusOptions()} onCommit={(v) => set(['status'], v, t('changeStatus'))} />
      {outcome.status === 'done' ? (
        <>
          <CheckField label={t('issuesResult')} checked={result !== undefined} onCommit={(on) => set(['result'], on ? { document: 'ket-qua', issuer: 'commune', store: 'wallet' } : undefined, on ? t('addResult') : t('dropResult'))} />
          {result ? (
            <>
              <TextField label={t('documentType')} mono value={str(result.document, '')} onCommit={(v) => set(['result', 'document'], v, t('changeDocumentType'))} />
              <SelectField label={t('issuer')} value={str(result.issuer, '')} options={(['commune', 'province', 'ministry'] as const).map((l) => ({ value: l, label: levelLabel(l) }))} onCommit={(v) => set(['result', 'issuer'], v, t('changeIssuer'))} />
              <CheckField label={t('toWallet')} checked={result.store !== 'none'} onCommit={(on) => set(['result', 'store'], on ? 'wallet' : 'none', t('changeStore'))} />
            </>
          ) : null}
        </>
      ) : null}
      <DeleteButton model={model} value={value} id={id} onSelect={onSelect} />
    </div>
  );
}
