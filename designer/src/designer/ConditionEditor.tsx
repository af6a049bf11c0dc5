/**
 * A condition built from rows (field of the e-form, an operator fitting its type, a value),
 * read back as a sentence in the language shown. The CEL is shown only behind a toggle; a condition the
 * rows cannot express stays editable there as text.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codedValueLabel } from '../lib/values';
import { caseFields, OPERATORS, parseCondition, readCondition, rowProblems, toCel, type ConditionRow, type FormField, type Operator } from '../model/conditions';

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
  const { t } = useTranslation('designer');
  const id = useId();
  const [showCel, setShowCel] = useState(false);
  const all = [...fields, ...caseFields()];
  const cond = parseCondition(cel);
  const commitRows = (rows: ConditionRow[], join: 'and' | 'or'): void => onCommit(toCel({ kind: 'rows', join, rows }));
  return (
    <fieldset className="cond" aria-describedby={`${id}-reading`}>
      <legend>{label}</legend>
      {cond.kind === 'rows' ? (
        <>
          {cond.rows.length > 1 ? (
            <label className="cond-join">{t('condition.satisfy')}{' '}
              <select value={cond.join} onChange={(e) => commitRows(cond.rows, e.target.value as 'and' | 'or')}>
                <option value="and">{t('condition.all')}</option>
                <option value="or">{t('condition.any')}</option>
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
                  <select aria-label={t('condition.fieldOf', { n: i + 1 })} value={row.field} onChange={(e) => {
                    const f = all.find((x) => x.path === e.target.value);
                    set({ field: e.target.value, op: 'is', value: defaultValue(f) });
                  }}>
                    {field ? null : <option value={row.field}>{row.field}</option>}
                    {all.map((f) => <option key={f.path} value={f.path}>{f.title}</option>)}
                  </select>
                  <select aria-label={t('condition.opOf', { n: i + 1 })} value={row.op} onChange={(e) => set({ op: e.target.value as Operator })}>
                    {ops.map((op) => <option key={op} value={op}>{t(`condition.op.${op}`)}</option>)}
                  </select>
                  <RowValue row={row} field={field} index={i} onCommit={(value) => set({ value })} />
                  <button type="button" className="icon" aria-label={t('condition.removeRow', { n: i + 1 })} onClick={() => commitRows(cond.rows.filter((_, j) => j !== i), cond.join)}>✕</button>
                  {problems.map((p) => <small key={p} className="df-error" role="alert">{p}</small>)}
                </li>
              );
            })}
          </ol>
          <button type="button" className="small" onClick={() => {
            const f = fields.find((x) => x.type === 'boolean') ?? fields[0] ?? caseFields()[0];
            commitRows([...cond.rows, { field: f?.path ?? 'case.channel', op: 'is', value: defaultValue(f) }], cond.join);
          }}>{t('condition.addRow')}</button>
        </>
      ) : (
        <p className="muted">{t('condition.custom')}</p>
      )}
      <p className="cond-reading" id={`${id}-reading`}><span className="muted">{t('condition.reads')}</span> {readCondition(cel, fields)}</p>
      <button type="button" className="link small" aria-expanded={showCel || cond.kind === 'custom'} onClick={() => setShowCel(!showCel)}>{t('condition.cel')}</button>
      {showCel || cond.kind === 'custom' ? <CelText cel={cel} onCommit={onCommit} /> : null}
    </fieldset>
  );
}

function RowValue({ row, field, index, onCommit }: { row: ConditionRow; field: FormField | undefined; index: number; onCommit: (v: string | number | boolean) => void }) {
  const { t } = useTranslation('designer');
  const label = t('condition.valueOf', { n: index + 1 });
  const [draft, setDraft] = useState(String(row.value));
  if (field?.type === 'boolean' || typeof row.value === 'boolean') {
    return (
      <select aria-label={label} value={String(row.value)} onChange={(e) => onCommit(e.target.value === 'true')}>
        <option value="true">{t('condition.yes')}</option>
        <option value="false">{t('condition.no')}</option>
      </select>
    );
  }
  if (field?.choices) {
    return (
      <select aria-label={label} value={String(row.value)} onChange={(e) => onCommit(e.target.value)}>
        {field.choices.includes(String(row.value)) ? null : <option value={String(row.value)}>{String(row.value)}</option>}
        {field.choices.map((c) => { const name = field.choiceLabels?.[c] ?? codedValueLabel(c); return <option key={c} value={c}>{name ? `${name} (${c})` : c}</option>; })}
      </select>
    );
  }
  const numeric = field?.type === 'integer' || field?.type === 'number';
  const commit = (): void => {
    const v = numeric && draft.trim() !== '' && !Number.isNaN(Number(draft)) ? Number(draft) : draft;
    if (v !== row.value) onCommit(v);
  };
  return <input aria-label={label} title={field ? t(`condition.type.${field.type}`) : undefined} inputMode={numeric ? 'decimal' : undefined} value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') commit(); }} />;
}

function CelText({ cel, onCommit }: { cel: string; onCommit: (v: string) => void }) {
  const { t } = useTranslation('designer');
  const [draft, setDraft] = useState(cel);
  return <textarea className="mono cond-cel" aria-label={t('condition.celText')} rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={() => { if (draft !== cel) onCommit(draft); }} />;
}
