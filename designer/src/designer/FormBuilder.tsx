/**
 * The e-form builder: the fields of `data.schema` (add, reorder, group; type, title, required,
 * pattern, choices, default; prefill from a national source, locked) beside a live preview of
 * what the citizen will see. Writes go through the model, so comments in the schema survive.
 */
import type { SourceEntry } from 'motcua/engine';
import { useMemo, useState } from 'react';
import { SchemaForm } from '../components/SchemaForm';
import { prefillUiSchema } from '../lib/form';
import type { Path, YamlModel } from '../model/yaml-model';
import { CheckField, SelectField, TextField, str } from './fields';

type Obj = Record<string, unknown>;

const TYPES = [
  { value: 'string', label: 'Chữ' },
  { value: 'date', label: 'Ngày' },
  { value: 'integer', label: 'Số nguyên' },
  { value: 'number', label: 'Số' },
  { value: 'boolean', label: 'Có/không' },
  { value: 'object', label: 'Nhóm trường' },
];

function typeOf(s: Obj): string {
  if (s.type === 'string' && s.format === 'date') return 'date';
  return typeof s.type === 'string' ? s.type : 'string';
}

export interface FormBuilderProps {
  model: YamlModel;
  value: Obj;
  sources: ReadonlyMap<string, SourceEntry>;
}

export function FormBuilder({ model, value, sources }: FormBuilderProps) {
  const data = (value.data ?? {}) as Obj;
  const schema = (data.schema ?? { type: 'object', properties: {} }) as Obj;
  const prefill = (Array.isArray(data.prefill) ? data.prefill : []) as Obj[];
  return (
    <div className="form-builder">
      <div className="fb-fields">
        <Group model={model} path={['data', 'schema']} schema={schema} prefix="" prefill={prefill} sources={sources} depth={0} />
      </div>
      <div className="fb-preview" aria-label="Xem trước biểu mẫu">
        <h3>Người dân sẽ thấy</h3>
        <Preview schema={schema} prefill={prefill} />
      </div>
    </div>
  );
}

function Preview({ schema, prefill }: { schema: Obj; prefill: Obj[] }) {
  const ui = useMemo(() => prefillUiSchema(prefill as never), [prefill]);
  const [formData, setFormData] = useState<unknown>({});
  return <SchemaForm schema={schema} uiSchema={ui} formData={formData} onChange={setFormData} onSubmit={() => undefined} submitLabel="Thử kiểm tra" idPrefix="fb-preview" />;
}

function freshKey(props: Obj, base: string): string {
  if (!(base in props)) return base;
  for (let i = 2; ; i++) if (!(`${base}${i}` in props)) return `${base}${i}`;
}

function Group({ model, path, schema, prefix, prefill, sources, depth }: { model: YamlModel; path: Path; schema: Obj; prefix: string; prefill: Obj[]; sources: ReadonlyMap<string, SourceEntry>; depth: number }) {
  const props = (schema.properties ?? {}) as Obj;
  const required = (Array.isArray(schema.required) ? schema.required : []) as string[];
  const keys = Object.keys(props);
  return (
    <div className={depth ? 'fb-group nested' : 'fb-group'}>
      <ol className="entity-list">
        {keys.map((key, i) => (
          <li key={key} className="entity">
            <FieldEditor model={model} path={path} fieldKey={key} index={i} count={keys.length} field={(props[key] ?? {}) as Obj} required={required} prefix={prefix} prefill={prefill} sources={sources} depth={depth} />
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" onClick={() => model.edit('Thêm trường', (tx) => tx.set([...path, 'properties', freshKey(props, 'truongMoi')], { type: 'string', title: 'Trường mới' }))}>+ Thêm trường</button>
        {depth < 3 ? <button type="button" onClick={() => model.edit('Thêm nhóm trường', (tx) => tx.set([...path, 'properties', freshKey(props, 'nhomMoi')], { type: 'object', title: 'Nhóm mới', properties: {} }))}>+ Thêm nhóm</button> : null}
      </div>
    </div>
  );
}

function FieldEditor({ model, path, fieldKey, index, count, field, required, prefix, prefill, sources, depth }: { model: YamlModel; path: Path; fieldKey: string; index: number; count: number; field: Obj; required: string[]; prefix: string; prefill: Obj[]; sources: ReadonlyMap<string, SourceEntry>; depth: number }) {
  const fieldPath: Path = [...path, 'properties', fieldKey];
  const dotted = prefix ? `${prefix}.${fieldKey}` : fieldKey;
  const set = (rel: Path, v: unknown, label: string): void => model.edit(label, (tx) => tx.set([...fieldPath, ...rel], v));
  const type = typeOf(field);
  const isRequired = required.includes(fieldKey);
  const ruleIndex = prefill.findIndex((r) => r.field === dotted);
  const rule = ruleIndex >= 0 ? prefill[ruleIndex] : undefined;
  const [keyError, setKeyError] = useState<string | undefined>();
  const title = typeof field.title === 'string' ? field.title : fieldKey;
  return (
    <div className="fb-field" aria-label={`Trường ${title}`}>
      <div className="entity-head">
        <strong>{title}</strong> <code className="muted">{dotted}</code>
        <div className="list-controls">
          <button type="button" className="icon" disabled={index === 0} aria-label={`Đưa trường ${title} lên`} onClick={() => model.edit('Đưa trường lên', (tx) => tx.move([...path, 'properties'], index, index - 1))}>↑</button>
          <button type="button" className="icon" disabled={index === count - 1} aria-label={`Đưa trường ${title} xuống`} onClick={() => model.edit('Đưa trường xuống', (tx) => tx.move([...path, 'properties'], index, index + 1))}>↓</button>
          <button type="button" className="small danger" onClick={() => model.edit(`Xóa trường ${title}`, (tx) => {
            tx.remove(fieldPath);
            if (isRequired) tx.set([...path, 'required'], required.filter((r) => r !== fieldKey));
            if (ruleIndex >= 0) tx.remove(['data', 'prefill', ruleIndex]);
          })}>Xóa</button>
        </div>
      </div>
      <div className="df-row">
        <TextField label="Tiêu đề" value={title} onCommit={(v) => set(['title'], v, 'Đổi tiêu đề trường')} />
        <TextField label="Mã trường" mono value={fieldKey} error={keyError} onCommit={(v) => {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) {
            setKeyError('Mã trường gồm chữ không dấu và số, không có khoảng trắng (ví dụ: hoTen).');
            return;
          }
          setKeyError(undefined);
          model.edit(`Đổi mã trường ${fieldKey}`, (tx) => {
            tx.renameKey(fieldPath, v);
            if (isRequired) tx.set([...path, 'required'], required.map((r) => (r === fieldKey ? v : r)));
          });
        }} />
        <SelectField label="Kiểu" value={type} options={TYPES} onCommit={(v) => model.edit('Đổi kiểu trường', (tx) => {
          tx.set([...fieldPath, 'type'], v === 'date' ? 'string' : v);
          tx.set([...fieldPath, 'format'], v === 'date' ? 'date' : undefined);
          if (v === 'object') tx.set([...fieldPath, 'properties'], field.properties ?? {});
          if (v !== 'string') tx.set([...fieldPath, 'pattern'], undefined);
        })} />
      </div>
      <CheckField label="Bắt buộc" checked={isRequired} onCommit={(on) => model.edit(on ? 'Bắt buộc nhập' : 'Không bắt buộc', (tx) => tx.set([...path, 'required'], on ? [...required, fieldKey] : required.filter((r) => r !== fieldKey)))} />
      {type === 'string' ? (
        <div className="df-row">
          <TextField label="Mẫu kiểm tra (biểu thức chính quy)" mono value={str(field.pattern, '')} hint="ví dụ ^[0-9]{12}$ cho số định danh" onCommit={(v) => set(['pattern'], v || undefined, 'Đổi mẫu kiểm tra')} />
          <TextField label="Các lựa chọn (cách nhau bởi dấu phẩy)" value={Array.isArray(field.enum) ? field.enum.join(', ') : ''} onCommit={(v) => set(['enum'], v.trim() ? v.split(',').map((x) => x.trim()).filter(Boolean) : undefined, 'Đổi các lựa chọn')} />
        </div>
      ) : null}
      {type !== 'object' ? (
        <TextField label="Giá trị mặc định" value={field.default === undefined ? '' : str(field.default)} onCommit={(v) => set(['default'], v === '' ? undefined : type === 'integer' || type === 'number' ? Number(v) : type === 'boolean' ? v === 'true' || v === 'có' : v, 'Đổi giá trị mặc định')} />
      ) : null}
      {depth === 0 || type === 'object' ? (
        <div className="df-row">
          <SelectField label="Điền sẵn từ" value={str(rule?.source, '')} options={[{ value: '', label: 'không điền sẵn' }, ...[...sources.values()].map((s) => ({ value: s.id, label: s.name.vi }))]} onCommit={(v) => model.edit(v ? 'Điền sẵn từ CSDL' : 'Bỏ điền sẵn', (tx) => {
            if (!v) {
              if (ruleIndex >= 0) tx.remove(['data', 'prefill', ruleIndex]);
            } else if (ruleIndex >= 0) tx.set(['data', 'prefill', ruleIndex, 'source'], v);
            else tx.insert(['data', 'prefill'], { field: dotted, source: v, key: 'data.applicant.nationalId', lock: true });
          })} />
          {rule ? <CheckField label="Khóa (người dân không sửa)" checked={rule.lock === true} onCommit={(on) => model.edit('Đổi khóa', (tx) => tx.set(['data', 'prefill', ruleIndex, 'lock'], on))} /> : null}
        </div>
      ) : null}
      {type === 'object' ? <Group model={model} path={fieldPath} schema={field} prefix={dotted} prefill={prefill} sources={sources} depth={depth + 1} /> : null}
    </div>
  );
}
