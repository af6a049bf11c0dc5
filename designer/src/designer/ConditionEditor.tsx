/**
 * A condition built from rows (field of the e-form, an operator fitting its type, a value),
 * read back as a Vietnamese sentence. The CEL is shown only behind a toggle; a condition the
 * rows cannot express stays editable there as text.
 */
import { useId, useState } from 'react';
import { CASE_FIELDS, OPERATORS, parseCondition, readCondition, rowProblems, toCel, TYPE_VI, VALUE_NAMES, type ConditionRow, type FormField, type Operator } from '../model/conditions';

export interface ConditionEditorProps {
  label: string;
  cel: string;
  fields: readonly FormField[];
  onCommit: (cel: string) => void;
}

function defaultValue(field: FormField | undefined): string | number | boolean {
  if (!field) return true;
  if (field.type === 'boolean') return true;
  if (field.type === 'integer' || field.type === 'number') return 1;
  return field.choices?.[0] ?? '';
}

export function ConditionEditor({ label, cel, fields, onCommit }: ConditionEditorProps) {
  const id = useId();
  const [showCel, setShowCel] = useState(false);
  const all = [...fields, ...CASE_FIELDS];
  const cond = parseCondition(cel);
  const commitRows = (rows: ConditionRow[], join: 'and' | 'or'): void => onCommit(toCel({ kind: 'rows', join, rows }));
  return (
    <fieldset className="cond" aria-describedby={`${id}-reading`}>
      <legend>{label}</legend>
      {cond.kind === 'rows' ? (
        <>
          {cond.rows.length > 1 ? (
            <label className="cond-join">Thỏa mãn{' '}
              <select value={cond.join} onChange={(e) => commitRows(cond.rows, e.target.value as 'and' | 'or')}>
                <option value="and">tất cả các điều kiện</option>
                <option value="or">ít nhất một điều kiện</option>
              </select>
            </label>
          ) : null}
          <ol className="cond-rows">
            {cond.rows.map((row, i) => {
              const field = all.find((f) => f.path === row.field);
              const ops = (Object.keys(OPERATORS) as Operator[]).filter((op) => !field || field.type === 'other' || (OPERATORS[op].types as readonly string[]).includes(field.type));
              const problems = rowProblems(row, fields);
              const set = (patch: Partial<ConditionRow>): void => commitRows(cond.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)), cond.join);
              return (
                <li key={i} className={problems.length ? 'cond-row cond-bad' : 'cond-row'}>
                  <select aria-label={`Trường của điều kiện ${i + 1}`} value={row.field} onChange={(e) => {
                    const f = all.find((x) => x.path === e.target.value);
                    set({ field: e.target.value, op: 'is', value: defaultValue(f) });
                  }}>
                    {field ? null : <option value={row.field}>{row.field}</option>}
                    {all.map((f) => <option key={f.path} value={f.path}>{f.title}</option>)}
                  </select>
                  <select aria-label={`Phép so sánh của điều kiện ${i + 1}`} value={row.op} onChange={(e) => set({ op: e.target.value as Operator })}>
                    {ops.map((op) => <option key={op} value={op}>{OPERATORS[op].vi}</option>)}
                  </select>
                  <RowValue row={row} field={field} index={i} onCommit={(value) => set({ value })} />
                  <button type="button" className="icon" aria-label={`Xóa điều kiện ${i + 1}`} onClick={() => commitRows(cond.rows.filter((_, j) => j !== i), cond.join)}>✕</button>
                  {problems.map((p) => <small key={p} className="df-error" role="alert">{p}</small>)}
                </li>
              );
            })}
          </ol>
          <button type="button" className="small" onClick={() => {
            const f = fields.find((x) => x.type === 'boolean') ?? fields[0] ?? CASE_FIELDS[0];
            commitRows([...cond.rows, { field: f?.path ?? 'case.channel', op: 'is', value: defaultValue(f) }], cond.join);
          }}>+ Thêm điều kiện</button>
        </>
      ) : (
        <p className="muted">Điều kiện này viết bằng biểu thức, chưa chuyển được thành các dòng. Sửa trong ô biểu thức bên dưới.</p>
      )}
      <p className="cond-reading" id={`${id}-reading`}><span className="muted">Đọc là:</span> {readCondition(cel, fields)}</p>
      <button type="button" className="link small" aria-expanded={showCel || cond.kind === 'custom'} onClick={() => setShowCel(!showCel)}>Biểu thức (CEL)</button>
      {showCel || cond.kind === 'custom' ? <CelText cel={cel} onCommit={onCommit} /> : null}
    </fieldset>
  );
}

function RowValue({ row, field, index, onCommit }: { row: ConditionRow; field: FormField | undefined; index: number; onCommit: (v: string | number | boolean) => void }) {
  const label = `Giá trị của điều kiện ${index + 1}`;
  const [draft, setDraft] = useState(String(row.value));
  if (field?.type === 'boolean' || typeof row.value === 'boolean') {
    return (
      <select aria-label={label} value={String(row.value)} onChange={(e) => onCommit(e.target.value === 'true')}>
        <option value="true">có</option>
        <option value="false">không</option>
      </select>
    );
  }
  if (field?.choices) {
    return (
      <select aria-label={label} value={String(row.value)} onChange={(e) => onCommit(e.target.value)}>
        {field.choices.includes(String(row.value)) ? null : <option value={String(row.value)}>{String(row.value)}</option>}
        {field.choices.map((c) => <option key={c} value={c}>{VALUE_NAMES[c] ? `${VALUE_NAMES[c]} (${c})` : c}</option>)}
      </select>
    );
  }
  const numeric = field?.type === 'integer' || field?.type === 'number';
  const commit = (): void => {
    const v = numeric && draft.trim() !== '' && !Number.isNaN(Number(draft)) ? Number(draft) : draft;
    if (v !== row.value) onCommit(v);
  };
  return <input aria-label={label} title={field ? `kiểu ${TYPE_VI[field.type]}` : undefined} inputMode={numeric ? 'decimal' : undefined} value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') commit(); }} />;
}

function CelText({ cel, onCommit }: { cel: string; onCommit: (v: string) => void }) {
  const [draft, setDraft] = useState(cel);
  return <textarea className="mono cond-cel" aria-label="Biểu thức CEL" rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={() => { if (draft !== cel) onCommit(draft); }} />;
}
