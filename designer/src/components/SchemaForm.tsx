/**
 * rjsf with the ajv 2020-12 validator (procedure schemas are draft 2020-12) and Vietnamese
 * buttons. Used for the e-form preview, the citizen's e-form, officers' action forms and the
 * designer's properties panel (which brings its own widgets, fields and templates). Titles,
 * descriptions and choice labels are shown in the UI language where the schema's `x-i18n` has
 * them (`localizeSchema`), so the portal, the case page and the simulator all show them alike.
 */
import Form from '@rjsf/core';
import type { RegistryFieldsType, RegistryWidgetsType, TemplatesType, UiSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020';
import { useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localizeSchema } from 'motcua/engine';

const validator = customizeValidator({ AjvClass: Ajv2020 });

export interface SchemaFormProps {
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  formData?: unknown;
  onChange?: (data: unknown) => void;
  onSubmit?: (data: unknown) => void;
  submitLabel?: string;
  disabled?: boolean;
  /** Extra content before the submit button (e.g. fees). */
  children?: ReactNode;
  idPrefix?: string;
  /** Custom widgets, fields and templates named in the uiSchema; `context` reaches them as rjsf's formContext. */
  widgets?: RegistryWidgetsType;
  fields?: RegistryFieldsType;
  templates?: Partial<TemplatesType>;
  context?: unknown;
  /** `div` for a form nested in another form or one without a submit (the designer's panel). */
  tagName?: 'form' | 'div';
}

const NO_UI: UiSchema = {};

/**
 * What SchemaForm puts inside rjsf's `<form>` (the caller's extras, such as fees, and the submit
 * button), handed to rjsf as one element that never changes. rjsf compares its props deeply on
 * every render of the caller and, when they differ, re-derives its state from `formData`, which
 * SchemaForm holds back while it is rjsf's own echo (see SchemaForm): fresh children would make
 * every render such a change, and undo the last edit. Preact's elements never compare equal (each
 * carries its own render bookkeeping), so on the app's runtime that was every render: a dropdown
 * lost its choice as soon as the page re-rendered. The slot's content changes without rjsf's
 * props changing.
 */
interface Slot {
  get(this: void): ReactNode;
  set(this: void, node: ReactNode): void;
  subscribe(this: void, listener: () => void): () => void;
}

function createSlot(initial: ReactNode): Slot {
  let node = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => node,
    set(next) {
      if (next === node) return;
      node = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function SlotContent({ slot }: { slot: Slot }): ReactNode {
  return useSyncExternalStore(slot.subscribe, slot.get);
}

/**
 * The form. It stays fast on long e-forms (hundreds of fields): rjsf keeps the data being typed
 * in its own state, and recomputes every default of the whole schema whenever its props differ
 * from the last ones. So the props keep their identity across renders (schema and uiSchema
 * memoised, the content inside the form in a slot), and the data rjsf itself just reported
 * through `onChange` is not handed back to it: `formData` reaches rjsf only when the caller sets
 * other data (a reset, a prefill) or another prop changes (rjsf then re-derives from it).
 */
export function SchemaForm({ schema, uiSchema, formData, onChange, onSubmit, submitLabel, disabled, children, idPrefix, widgets, fields, templates, context, tagName }: SchemaFormProps) {
  const { t, i18n } = useTranslation();
  const rest = useMemo(() => {
    const { $schema: _ignored, ...r } = localizeSchema(schema, i18n.language);
    return r;
  }, [schema, i18n.language]);
  const ui = (uiSchema as UiSchema | undefined) ?? NO_UI;
  const emitted = useRef<unknown>(undefined);
  const given = useRef<unknown>(formData);
  const others = { rest, ui, disabled, idPrefix, widgets, fields, templates, context, tagName };
  const last = useRef(others);
  // Any other prop changing makes rjsf re-derive its state from `formData`: it must be the current data then.
  const othersChanged = (Object.keys(others) as (keyof typeof others)[]).some((k) => last.current[k] !== others[k]);
  if (formData !== emitted.current || othersChanged) given.current = formData;
  last.current = others;
  // rjsf renders its own submit button only without children: ours is always in the slot.
  const inside = (
    <>
      {children}
      {onSubmit ? <button type="submit" className="primary" disabled={disabled}>{submitLabel ?? t('words.send')}</button> : null}
    </>
  );
  const [slot] = useState(() => createSlot(inside));
  const slotted = useMemo(() => <SlotContent slot={slot} />, [slot]);
  useLayoutEffect(() => slot.set(inside));
  return (
    <Form
      schema={rest}
      uiSchema={ui}
      formData={given.current}
      validator={validator}
      disabled={disabled}
      idPrefix={idPrefix}
      {...(widgets ? { widgets } : {})}
      {...(fields ? { fields } : {})}
      {...(templates ? { templates } : {})}
      {...(context !== undefined ? { formContext: context } : {})}
      {...(tagName ? { tagName } : {})}
      showErrorList={false}
      noHtml5Validate
      onChange={(e) => {
        emitted.current = e.formData;
        onChange?.(e.formData);
      }}
      onSubmit={(e) => onSubmit?.(e.formData)}
    >
      {slotted}
    </Form>
  );
}
