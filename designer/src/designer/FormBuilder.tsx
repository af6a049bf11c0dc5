/**
 * The e-form builder: the fields of `data.schema` (add, reorder, group; type, title in Vietnamese
 * and English (`x-i18n`), required,
 * pattern, choices with their labels, default; prefill from a national source, locked) beside a
 * live preview of what the citizen will see. Writes go through the model, so comments in the
 * schema survive. The field list (`FormFieldsEditor.tsx`) is the one builder of every form a
 * procedure holds: the properties panel edits an action's form (what the officer fills) with it.
 */
import type { SourceEntry } from 'motcua/engine';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SchemaForm } from '../components/SchemaForm';
import { prefillUiSchema } from '../lib/form';
import type { YamlModel } from '../model/yaml-model';
import { FormFieldsEditor } from './FormFieldsEditor';

type Obj = Record<string, unknown>;

export interface FormBuilderProps {
  model: YamlModel;
  value: Obj;
  sources: ReadonlyMap<string, SourceEntry>;
}

export function FormBuilder({ model, value, sources }: FormBuilderProps) {
  const { t } = useTranslation('designer');
  const data = (value.data ?? {}) as Obj;
  const schema = (data.schema ?? { type: 'object', properties: {} }) as Obj;
  const prefill = (Array.isArray(data.prefill) ? data.prefill : []) as Obj[];
  return (
    <div className="form-builder">
      <div className="fb-fields">
        <FormFieldsEditor model={model} path={['data', 'schema']} schema={schema} prefill={{ rules: prefill, sources }} />
      </div>
      <div className="fb-preview" aria-label={t('formBuilder.preview')}>
        <h3>{t('formBuilder.citizenSees')}</h3>
        <Preview schema={schema} prefill={prefill} />
      </div>
    </div>
  );
}

function Preview({ schema, prefill }: { schema: Obj; prefill: Obj[] }) {
  const { t } = useTranslation('designer');
  const ui = useMemo(() => prefillUiSchema(prefill as never), [prefill]);
  const [formData, setFormData] = useState<unknown>({});
  return <SchemaForm schema={schema} uiSchema={ui} formData={formData} onChange={setFormData} onSubmit={() => undefined} submitLabel={t('formBuilder.tryCheck')} idPrefix="fb-preview" />;
}

