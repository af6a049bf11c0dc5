/**
 * The properties panel's custom rjsf widgets and fields (named in `panelUi`, panel-schema.ts):
 * the role picker from the catalogue with its levels, levels and statuses in words, targets by
 * their titles, a duration (SLA) in the law's units, a name in two languages, an action's form
 * (a reason in one click, every field with the e-form's builder), a choice's conditions (the
 * ConditionEditor), and the list of a task's actions, each drawn by rjsf from the `action`
 * definition; a parallel step's branches (`panel-parallel.tsx`) and a linked procedure with its
 * data (`panel-linked.tsx`). Text inputs commit on
 * blur or Enter (one undo step per field commit, never per keystroke), as `fields.tsx` does.
 */
import type { FieldProps, RegistryFieldsType, RegistryWidgetsType, TemplatesType, WidgetProps, BaseInputTemplateProps } from '@rjsf/utils';
import { toFieldPathId } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { i18next } from '../i18n';
import { levelLabel } from '../components/ProcedureFilters';
import { localized } from '../lib/format';
import { actionName, isCommonAction } from '../lib/flow-graph';
import { addAction, deleteAction, renameAction } from '../model/procedure-edits';
import type { YamlModel } from '../model/yaml-model';
import { ctxOf, dt, useLiveValue, roleOptions, Select } from './panel-common';
import { ConditionEditor } from './ConditionEditor';
import { CheckField, DurationField, NameFields, TextField, str } from './fields';
import { FormFieldsEditor } from './FormFieldsEditor';
import { ChildDataField, LinkedProcedureWidget } from './panel-linked';
import { ParallelBranchesField } from './panel-parallel';
import { ACTION_UI } from './panel-schema';

type Obj = Record<string, unknown>;

export type { PanelContext } from './panel-common';

/** The role picker: every role of the catalogue by its name and the levels it works at. */
function RoleWidget(props: WidgetProps) {
  const { roles } = ctxOf(props);
  const value = str(props.value, '');
  const options = roleOptions(roles);
  return (
    <>
      <Select id={props.id} value={value} options={options} disabled={props.disabled} invalid={!value} onChange={(v) => props.onChange(v)} />
      {value ? null : <small className="df-error" role="alert">{dt('props.roleMissing')}</small>}
    </>
  );
}

/**
 * A level in words. On a step it may be left to the procedure's level and offers only the levels
 * the step's role works at; elsewhere (a result's issuer) the format's levels.
 */
function LevelWidget(props: WidgetProps) {
  const { roles, role, stepId } = ctxOf(props);
  const levels = (props.schema.enum ?? ['commune', 'province', 'ministry']) as string[];
  const allowed = stepId && role ? (roles.get(role)?.levels ?? levels) : levels;
  const options = [...(props.required ? [] : [{ value: '', label: stepId ? dt('props.levelOfProcedure') : i18next.t('common:unit.choose') }]), ...allowed.map((l) => ({ value: l, label: levelLabel(l) }))];
  return <Select id={props.id} value={str(props.value, '')} options={options} disabled={props.disabled} onChange={(v) => props.onChange(v === '' ? undefined : v)} />;
}

/** Where a slot leads: a step or an outcome, by its title. */
function TargetWidget(props: WidgetProps) {
  return <Select id={props.id} value={str(props.value, '')} options={ctxOf(props).targets} disabled={props.disabled} onChange={(v) => props.onChange(v)} />;
}

/** An outcome's status in words. */
function StatusWidget(props: WidgetProps) {
  const options = ((props.schema.enum ?? []) as string[]).map((s) => ({ value: s, label: s === 'done' ? dt('props.statusDone') : i18next.t(`common:outcomeStatus.${s}`) }));
  return <Select id={props.id} value={str(props.value, '')} options={options} disabled={props.disabled} onChange={(v) => props.onChange(v)} />;
}

/** Where a result is kept, in words. */
function StoreWidget(props: WidgetProps) {
  const options = ((props.schema.enum ?? []) as string[]).map((s) => ({ value: s, label: dt(`panel.storeIn.${s}`, { defaultValue: s }) }));
  return <Select id={props.id} value={str(props.value, '')} options={[...(props.required ? [] : [{ value: '', label: i18next.t('common:unit.choose') }]), ...options]} disabled={props.disabled} onChange={(v) => props.onChange(v === '' ? undefined : v)} />;
}

/** rjsf's text and number input, committing on blur or Enter; Escape restores the committed value. */
function BlurInput(props: BaseInputTemplateProps) {
  const value = props.value === undefined || props.value === null ? '' : String(props.value);
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const numeric = props.type === 'number' || props.type === 'integer';
  const commit = (): void => {
    if (draft !== value) props.onChange(draft === '' ? props.options.emptyValue : draft);
  };
  return (
    <input
      id={props.id}
      name={props.id}
      type={numeric ? 'text' : String(props.type ?? 'text')}
      inputMode={numeric ? 'numeric' : undefined}
      value={draft}
      disabled={props.disabled || props.readonly}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
        if (e.key === 'Escape') setDraft(value);
      }}
    />
  );
}

/** A name in Vietnamese and English (the format's `localizedText`). */
function LocalizedField(props: FieldProps) {
  const value = props.formData as { vi?: string; en?: string } | undefined;
  return <NameFields what={String(props.schema.title ?? '')} optional={!props.required} value={value} onCommit={(v) => props.onChange(v, props.fieldPathId.path)} />;
}

/** A span of time in the law's units (a step's SLA, a result's validity). */
function DurationRjsfField(props: FieldProps) {
  return <DurationField label={String(props.schema.title ?? '')} value={props.formData as { value?: number; unit?: string } | undefined} onCommit={(v) => props.onChange(v, props.fieldPathId.path)} />;
}

const REASON = { type: 'string', minLength: 1, title: 'Lý do' } as const;

/**
 * The form an officer fills when taking the action: whether a reason is required (one click,
 * the common case), and every field of the form, edited with the e-form's own builder
 * (`FormFieldsEditor`: add, remove, reorder, type, title, required, choices, pattern).
 */
function ActionFormField(props: FieldProps) {
  const { model, path } = ctxOf(props);
  const live = useLiveValue(props);
  const form = live && typeof live === 'object' ? (live as Obj) : undefined;
  const properties = (form?.properties ?? {}) as Record<string, Obj>;
  const reason = properties.reason;
  const required = Array.isArray(form?.required) ? (form.required as string[]) : [];
  const others = Object.keys(properties).filter((k) => k !== 'reason');
  const set = (v: Obj | undefined): void => props.onChange(v, props.fieldPathId.path);
  const toggle = (on: boolean): void => {
    // The reason's title is procedure data: written in Vietnamese, the format's first language.
    if (on) set({ ...(form ?? { type: 'object' }), required: [...required.filter((r) => r !== 'reason'), 'reason'], properties: { ...properties, reason: REASON } });
    else if (others.length === 0) set(undefined);
    else set({ ...form, required: required.filter((r) => r !== 'reason'), properties: { ...properties, reason: undefined } });
  };
  return (
    <fieldset className="df-action-form">
      <legend>{String(props.schema.title ?? '')}</legend>
      <CheckField label={dt('props.needsReason')} checked={reason !== undefined} onCommit={toggle} />
      {path ? <FormFieldsEditor model={model} path={[...path, ...props.fieldPathId.path]} schema={form} /> : null}
    </fieldset>
  );
}

/** A choice's branches: each a condition (built without CEL) and where it leads, tried in order. */
function BranchesField(props: FieldProps) {
  const { fields, targets, otherwise } = ctxOf(props);
  const branches = (Array.isArray(props.formData) ? props.formData : []) as Obj[];
  const set = (v: Obj[]): void => props.onChange(v, props.fieldPathId.path);
  return (
    <div className="df-field">
      <span className="df-label">{String(props.schema.title ?? '')}</span>
      <ol className="props-list">
        {branches.map((b, i) => (
          <li key={i} className="props-item">
            <ConditionEditor label={i === 0 ? dt('props.if') : dt('props.elseIf')} cel={str(b.when, 'true')} fields={fields} onCommit={(v) => set(branches.map((x, j) => (j === i ? { ...x, when: v } : x)))} />
            <label className="df-field">
              <span>{dt('props.then')}</span>
              <Select id={`${props.fieldPathId.$id}-${i}-to`} value={str(b.to, '')} options={targets} onChange={(v) => set(branches.map((x, j) => (j === i ? { ...x, to: v } : x)))} />
            </label>
            <button type="button" className="small danger" onClick={() => set(branches.filter((_, j) => j !== i))}>{dt('props.deleteBranch')}</button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => set([...branches, { when: 'true', to: otherwise ?? targets[0]?.value ?? '' }])}>+ {dt('props.addBranch')}</button>
    </div>
  );
}

/** The action's key, renamed in place (its comments and order kept). */
function ActionKey({ model, stepId, name }: { model: YamlModel; stepId: string; name: string }) {
  const [error, setError] = useState<string | undefined>();
  return (
    <TextField label={dt('props.actionId')} mono value={name} error={error} hint={isCommonAction(name) ? dt('props.shownAs', { name: actionName(name) }) : undefined} onCommit={(to) => {
      try {
        renameAction(model, stepId, name, to);
        setError(undefined);
      } catch (err) {
        setError((err as Error).message);
      }
    }} />
  );
}

/** A task's actions: each drawn by rjsf from the format's `action` definition, with its key, and deletable. */
function ActionsField(props: FieldProps) {
  const { model, stepId, targets, focusAction } = ctxOf(props);
  const actions = (props.formData ?? {}) as Record<string, Obj | null>;
  const actionSchema = (props.schema.additionalProperties ?? { type: 'object' }) as Obj;
  const { SchemaField } = props.registry.fields;
  if (!stepId || !SchemaField) return null;
  return (
    <div className="df-field">
      <span className="df-label">{String(props.schema.title ?? '')}</span>
      <ul className="props-list">
        {Object.entries(actions).map(([name, spec]) => (
          <li key={name} className={focusAction === name ? 'props-item focused' : 'props-item'} aria-label={dt('panel.actionItem', { name: localizedOr(spec?.name, actionName(name)) })}>
            <div className="action-editor">
              <ActionKey model={model} stepId={stepId} name={name} />
              <SchemaField
                name={name}
                schema={actionSchema}
                uiSchema={ACTION_UI}
                fieldPathId={toFieldPathId(name, props.registry.globalFormOptions, props.fieldPathId)}
                formData={spec ?? {}}
                errorSchema={undefined}
                onChange={props.onChange}
                onBlur={props.onBlur}
                onFocus={props.onFocus}
                registry={props.registry}
                required
                disabled={props.disabled}
                readonly={props.readonly}
                hideError
              />
              <button type="button" className="small danger" onClick={() => deleteAction(model, stepId, name)}>{dt('props.deleteAction', { name })}</button>
            </div>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => addAction(model, stepId, targets[0]?.value ?? 'end', 'action')}>+ {dt('props.addAction')}</button>
    </div>
  );
}

const localizedOr = (name: unknown, fallback: string): string => (name && typeof name === 'object' && typeof (name as { vi?: unknown }).vi === 'string' ? localized(name as { vi: string; en?: string }) : fallback);

/** The widgets named in the panel's uiSchema. */
export const PANEL_WIDGETS: RegistryWidgetsType = { role: RoleWidget, level: LevelWidget, target: TargetWidget, procedure: LinkedProcedureWidget, status: StatusWidget, store: StoreWidget };
/** The fields named in the panel's uiSchema. */
export const PANEL_FIELDS: RegistryFieldsType = { localized: LocalizedField, duration: DurationRjsfField, childData: ChildDataField, parallelBranches: ParallelBranchesField, actionForm: ActionFormField, branches: BranchesField, actions: ActionsField };
/** The panel's templates: inputs that commit on blur. */
export const PANEL_TEMPLATES: Partial<TemplatesType> = { BaseInputTemplate: BlurInput };
