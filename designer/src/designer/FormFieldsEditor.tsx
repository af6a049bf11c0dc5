/**
 * The fields of a form's JSON Schema, edited field by field: the e-form builder's list and an
 * action's form in the properties panel use this one editor.
 */
import type { SourceEntry } from 'motcua/engine';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../lib/format';
import { setTranslation, translatedText } from '../model/form-i18n';
import type { Path, YamlModel } from '../model/yaml-model';
import { ChoicesEditor } from './ChoicesEditor';
import { CheckField, SelectField, TextField, str } from './fields';

type Obj = Record<string, unknown>;

/** The field types offered, named through `designer:formBuilder.type.*`. */
const TYPES = ['string', 'date', 'integer', 'number', 'boolean', 'object'] as const;

function typeOf(s: Obj): string {
  if (s.type === 'string' && s.format === 'date') return 'date';
  return typeof s.type === 'string' ? s.type : 'string';
}

/** Prefill rules (`data.prefill`) and the sources they may name: only the e-form has them. */
export interface Prefill {
  rules: Obj[];
  sources: ReadonlyMap<string, SourceEntry>;
}

export interface FormFieldsEditorProps {
  model: YamlModel;
  /** Path of the form's JSON Schema in the file (`['data', 'schema']`, an action's `form`). */
  path: Path;
  /** That schema as plain data (absent: the form does not exist yet; adding a field creates it). */
  schema: Obj | undefined;
  /** The e-form's prefill rules; without them the fields offer no prefill. */
  prefill?: Prefill;
}

/** The fields of a form's JSON Schema: add, reorder, group, type, title, required, pattern, choices, default (and prefill on the e-form). */
export function FormFieldsEditor({ model, path, schema, prefill }: FormFieldsEditorProps) {
  return <Group model={model} path={path} schema={schema ?? {}} prefix="" prefill={prefill} depth={0} />;
}

function freshKey(props: Obj, base: string): string {
  if (!(base in props)) return base;
  for (let i = 2; ; i++) if (!(`${base}${i}` in props)) return `${base}${i}`;
}

/** Sets field `key` of the form at `path`, creating the form (`type: object`) when it is absent. */
function addTo(model: YamlModel, label: string, path: Path, schema: Obj, key: string, field: Obj): void {
  model.edit(label, (tx) => {
    if (!tx.has(path) || schema.type === undefined) tx.set([...path, 'type'], 'object');
    tx.set([...path, 'properties', key], field);
  });
}

function Group({ model, path, schema, prefix, prefill, depth }: { model: YamlModel; path: Path; schema: Obj; prefix: string; prefill: Prefill | undefined; depth: number }) {
  const props = (schema.properties ?? {}) as Obj;
  const required = (Array.isArray(schema.required) ? schema.required : []) as string[];
  const keys = Object.keys(props);
  const { t } = useTranslation('designer');
  return (
    <div className={depth ? 'fb-group nested' : 'fb-group'}>
      <ol className="entity-list">
        {keys.map((key, i) => (
          // A field (not a group) is a block that renders only near the viewport (styles.css, `.fb-field-item`).
          <li key={key} className={typeOf((props[key] ?? {}) as Obj) === 'object' ? 'entity' : 'entity fb-field-item'}>
            <FieldEditor model={model} path={path} fieldKey={key} index={i} count={keys.length} field={(props[key] ?? {}) as Obj} required={required} prefix={prefix} prefill={prefill} depth={depth} />
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" onClick={() => addTo(model, t('formBuilder.edit.addField'), path, schema, freshKey(props, 'truongMoi'), { type: 'string', title: 'Trường mới' })}>{t('formBuilder.addField')}</button>
        {depth < 3 ? <button type="button" onClick={() => addTo(model, t('formBuilder.edit.addGroup'), path, schema, freshKey(props, 'nhomMoi'), { type: 'object', title: 'Nhóm mới', properties: {} })}>{t('formBuilder.addGroup')}</button> : null}
      </div>
    </div>
  );
}

function FieldEditor({ model, path, fieldKey, index, count, field, required, prefix, prefill, depth }: { model: YamlModel; path: Path; fieldKey: string; index: number; count: number; field: Obj; required: string[]; prefix: string; prefill: Prefill | undefined; depth: number }) {
  const fieldPath: Path = [...path, 'properties', fieldKey];
  const dotted = prefix ? `${prefix}.${fieldKey}` : fieldKey;
  const set = (rel: Path, v: unknown, label: string): void => model.edit(label, (tx) => tx.set([...fieldPath, ...rel], v));
  const type = typeOf(field);
  const isRequired = required.includes(fieldKey);
  const ruleIndex = prefill ? prefill.rules.findIndex((r) => r.field === dotted) : -1;
  const rule = ruleIndex >= 0 ? prefill?.rules[ruleIndex] : undefined;
  const [keyError, setKeyError] = useState<string | undefined>();
  const { t } = useTranslation('designer');
  const title = typeof field.title === 'string' ? field.title : fieldKey;
  return (
    <div className="fb-field" aria-label={t('formBuilder.field', { title })}>
      <div className="entity-head">
        <strong>{title}</strong> <code className="muted">{dotted}</code>
        <div className="list-controls">
          <button type="button" className="icon" disabled={index === 0} aria-label={t('formBuilder.moveUp', { title })} onClick={() => model.edit(t('formBuilder.edit.moveUp'), (tx) => tx.move([...path, 'properties'], index, index - 1))}>↑</button>
          <button type="button" className="icon" disabled={index === count - 1} aria-label={t('formBuilder.moveDown', { title })} onClick={() => model.edit(t('formBuilder.edit.moveDown'), (tx) => tx.move([...path, 'properties'], index, index + 1))}>↓</button>
          <button type="button" className="small danger" onClick={() => model.edit(t('formBuilder.edit.remove', { title }), (tx) => {
            tx.remove(fieldPath);
            if (isRequired) tx.set([...path, 'required'], required.filter((r) => r !== fieldKey));
            if (ruleIndex >= 0) tx.remove(['data', 'prefill', ruleIndex]);
          })}>{t('formBuilder.remove')}</button>
        </div>
      </div>
      <div className="df-row">
        <TextField label={t('formBuilder.title')} value={title} onCommit={(v) => set(['title'], v, t('formBuilder.edit.title'))} />
        <TextField label={t('formBuilder.titleEn')} hint={t('formBuilder.titleEnHint')} value={translatedText(field, 'en', 'title')} onCommit={(v) => model.edit(t('formBuilder.edit.titleEn'), (tx) => setTranslation(tx, fieldPath, 'en', 'title', v))} />
        <TextField label={t('formBuilder.key')} mono value={fieldKey} error={keyError} onCommit={(v) => {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) {
            setKeyError(t('formBuilder.keyError'));
            return;
          }
          setKeyError(undefined);
          model.edit(t('formBuilder.edit.key', { key: fieldKey }), (tx) => {
            tx.renameKey(fieldPath, v);
            if (isRequired) tx.set([...path, 'required'], required.map((r) => (r === fieldKey ? v : r)));
          });
        }} />
        <SelectField label={t('formBuilder.type.label')} value={type} options={TYPES.map((value) => ({ value, label: t(`formBuilder.type.${value}`) }))} onCommit={(v) => model.edit(t('formBuilder.edit.type'), (tx) => {
          tx.set([...fieldPath, 'type'], v === 'date' ? 'string' : v);
          tx.set([...fieldPath, 'format'], v === 'date' ? 'date' : undefined);
          if (v === 'object') tx.set([...fieldPath, 'properties'], field.properties ?? {});
          // Patterns and choices are offered for text only: none is left behind, unseen, on another type.
          if (v !== 'string') for (const k of ['pattern', 'enum', 'oneOf']) tx.set([...fieldPath, k], undefined);
        })} />
      </div>
      <div className="df-row">
        <TextField label={t('formBuilder.description')} hint={t('formBuilder.descriptionHint')} value={str(field.description, '')} onCommit={(v) => set(['description'], v.trim() || undefined, t('formBuilder.edit.description'))} />
        <TextField label={t('formBuilder.descriptionEn')} hint={t('formBuilder.descriptionEnHint')} value={translatedText(field, 'en', 'description')} onCommit={(v) => model.edit(t('formBuilder.edit.descriptionEn'), (tx) => setTranslation(tx, fieldPath, 'en', 'description', v))} />
      </div>
      <CheckField label={t('formBuilder.required')} checked={isRequired} onCommit={(on) => model.edit(on ? t('formBuilder.edit.required') : t('formBuilder.edit.optional'), (tx) => tx.set([...path, 'required'], on ? [...required, fieldKey] : required.filter((r) => r !== fieldKey)))} />
      {type === 'string' ? (
        <div className="df-row">
          <TextField label={t('formBuilder.pattern')} mono value={str(field.pattern, '')} hint={t('formBuilder.patternHint')} onCommit={(v) => set(['pattern'], v || undefined, t('formBuilder.edit.pattern'))} />
        </div>
      ) : null}
      {type === 'string' ? <ChoicesEditor model={model} path={fieldPath} field={field} title={title} /> : null}
      {type !== 'object' ? (
        <TextField label={t('formBuilder.default')} value={field.default === undefined ? '' : str(field.default)} onCommit={(v) => set(['default'], v === '' ? undefined : type === 'integer' || type === 'number' ? Number(v) : type === 'boolean' ? v === 'true' || v === 'có' || v === t('formBuilder.yes') : v, t('formBuilder.edit.default'))} />
      ) : null}
      {prefill && (depth === 0 || type === 'object') ? (
        <div className="df-row">
          <SelectField label={t('formBuilder.prefillFrom')} value={str(rule?.source, '')} options={[{ value: '', label: t('formBuilder.noPrefill') }, ...[...prefill.sources.values()].map((s) => ({ value: s.id, label: localized(s.name) }))]} onCommit={(v) => model.edit(v ? t('formBuilder.edit.prefill') : t('formBuilder.edit.noPrefill'), (tx) => {
            if (!v) {
              if (ruleIndex >= 0) tx.remove(['data', 'prefill', ruleIndex]);
            } else if (ruleIndex >= 0) tx.set(['data', 'prefill', ruleIndex, 'source'], v);
            else tx.insert(['data', 'prefill'], { field: dotted, source: v, key: 'data.applicant.nationalId', lock: true });
          })} />
          {rule ? <CheckField label={t('formBuilder.lock')} checked={rule.lock === true} onCommit={(on) => model.edit(t('formBuilder.edit.lock'), (tx) => tx.set(['data', 'prefill', ruleIndex, 'lock'], on))} /> : null}
        </div>
      ) : null}
      {type === 'object' ? <Group model={model} path={fieldPath} schema={field} prefix={dotted} prefill={prefill} depth={depth + 1} /> : null}
    </div>
  );
}
