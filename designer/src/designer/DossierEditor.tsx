/**
 * Everything outside the flow, as forms: deadline and suspension, dossier components (copies,
 * required condition, replaceable by a national source), fees (amount, quantity, condition,
 * exemption) and legal basis. Each commit is one command on the model.
 */
import type { SourceEntry } from 'motcua/engine';
import { i18next } from '../i18n';
import { formatNumber, localized } from '../lib/format';
import type { FormField } from '../model/conditions';
import { readCondition } from '../model/conditions';
import type { Path, YamlModel } from '../model/yaml-model';
import { ConditionEditor } from './ConditionEditor';
import { CheckField, DurationField, NameFields, NumberField, SelectField, TextField, str, unitName } from './fields';

type Obj = Record<string, unknown>;

/** The designer's words for these forms (`designer:dossier.*`), read at render. */
const t = (key: string, options?: Record<string, unknown>): string => i18next.t(`designer:dossier.${key}`, options ?? {});

/** A `{vi, en}` name in the language shown, else the id. */
const nameOr = (name: unknown, id: string): string => (name && typeof name === 'object' && typeof (name as { vi?: unknown }).vi === 'string' ? localized(name as { vi: string; en?: string }) : id);

export interface DossierEditorProps {
  model: YamlModel;
  value: Obj;
  sources: ReadonlyMap<string, SourceEntry>;
  fields: readonly FormField[];
}

/** A fresh id among those of a list. */
function nextId(list: readonly Obj[], base: string): string {
  const taken = new Set(list.map((x) => x.id));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

function ListControls({ model, path, index, count, what }: { model: YamlModel; path: Path; index: number; count: number; what: string }) {
  return (
    <div className="list-controls">
      <button type="button" className="icon" disabled={index === 0} aria-label={t('up', { what })} onClick={() => model.edit(t('up', { what }), (tx) => tx.move(path, index, index - 1))}>↑</button>
      <button type="button" className="icon" disabled={index === count - 1} aria-label={t('down', { what })} onClick={() => model.edit(t('down', { what }), (tx) => tx.move(path, index, index + 1))}>↓</button>
      <button type="button" className="small danger" aria-label={t('deleteWhat', { what })} onClick={() => model.edit(t('deleteWhat', { what }), (tx) => tx.remove([...path, index]))}>{t('delete')}</button>
    </div>
  );
}

export function DossierEditor({ model, value, sources, fields }: DossierEditorProps) {
  const components = (Array.isArray(value.components) ? value.components : []) as Obj[];
  const fees = (Array.isArray(value.fees) ? value.fees : []) as Obj[];
  const legal = (Array.isArray(value.legalBasis) ? value.legalBasis : []) as Obj[];
  const suspension = value.suspension as Obj | undefined;
  const extension = value.extension as Obj | undefined;
  const stringFields = fields.filter((f) => f.type === 'string');
  const intFields = fields.filter((f) => f.type === 'integer' || f.type === 'number');
  return (
    <div className="dossier">
      <section aria-labelledby="sec-deadline" className="card">
        <h3 id="sec-deadline">{t('deadline')}</h3>
        <DurationField label={t('deadlineLaw')} value={value.deadline as { value?: number; unit?: string } | undefined} onCommit={(v) => model.edit(t('changeDeadline'), (tx) => tx.set(['deadline'], v))} />
        <NumberField label={t('extensionMax')} hint={t('extensionHint')} value={typeof extension?.max === 'number' ? extension.max : undefined} min={0} max={3660} suffix={unitName(value.deadline)} onCommit={(n) => model.edit(t('changeExtension'), (tx) => tx.set(['extension'], n === undefined ? undefined : { max: n }))} />
        <SelectField label={t('suspension')} value={str(suspension?.clock, 'stop')} options={[{ value: 'stop', label: t('suspensionStop') }, { value: 'restart', label: t('suspensionRestart') }]} onCommit={(v) => model.edit(t('changeSuspension'), (tx) => tx.set(['suspension', 'clock'], v))} />
        <SelectField label={t('payment')} value={str(value.payment, 'none')} options={[{ value: 'before-processing', label: t('paymentBefore') }, { value: 'on-result', label: t('paymentOnResult') }, { value: 'none', label: t('paymentNone') }]} onCommit={(v) => model.edit(t('changePayment'), (tx) => tx.set(['payment'], v))} />
      </section>

      <section aria-labelledby="sec-components" className="card">
        <h3 id="sec-components">{t('components')} <small>({components.length})</small></h3>
        <ol className="entity-list">
          {components.map((c, i) => {
            const path: Path = ['components', i];
            const set = (rel: Path, v: unknown, label: string): void => model.edit(label, (tx) => tx.set([...path, ...rel], v));
            const copies = (c.copies ?? {}) as { original?: number; copy?: number };
            const rb = c.replaceableBy as { source?: string; key?: string } | undefined;
            const required = c.required === undefined ? 'yes' : c.required === true ? 'yes' : c.required === false ? 'no' : 'when';
            return (
              <li key={`${String(c.id)}-${i}`} className="entity" aria-label={t('componentLabel', { name: nameOr(c.name, String(c.id)) })}>
                <div className="entity-head"><strong>{nameOr(c.name, String(c.id))}</strong><ListControls model={model} path={['components']} index={i} count={components.length} what={t('componentWhat', { name: nameOr(c.name, String(c.id)) })} /></div>
                <NameFields what={t('componentName')} value={c.name as { vi?: string } | undefined} onCommit={(v) => set(['name'], v, t('renameComponent'))} />
                <div className="df-row">
                  <TextField label={t('id')} mono value={str(c.id, '')} onCommit={(v) => set(['id'], v, t('changeComponentId'))} />
                  <NumberField label={t('originals')} value={copies.original ?? 0} min={0} max={20} onCommit={(v) => set(['copies'], { original: v ?? 0, copy: copies.copy ?? 0 }, t('changeCopies'))} />
                  <NumberField label={t('copies')} value={copies.copy ?? 0} min={0} max={20} onCommit={(v) => set(['copies'], { original: copies.original ?? 0, copy: v ?? 0 }, t('changeCopies'))} />
                </div>
                <SelectField label={t('required')} value={required} options={[{ value: 'yes', label: t('requiredYes') }, { value: 'no', label: t('requiredNo') }, { value: 'when', label: t('requiredWhen') }]} onCommit={(v) => set(['required'], v === 'yes' ? true : v === 'no' ? false : 'true', t('changeRequired'))} />
                {required === 'when' ? <ConditionEditor label={t('requiredWhenLabel')} cel={str(c.required)} fields={fields} onCommit={(v) => set(['required'], v, t('editRequired'))} /> : null}
                <CheckField
                  label={t('replaceable')}
                  checked={rb !== undefined}
                  onCommit={(on) => set(['replaceableBy'], on ? { source: [...sources.keys()][0] ?? 'population', key: `data.${stringFields[0]?.path ?? 'applicant.nationalId'}` } : undefined, on ? t('allowReplace') : t('dropReplace'))}
                />
                {rb ? (
                  <div className="df-row">
                    <SelectField label={t('source')} value={rb.source ?? ''} options={[...sources.values()].map((s) => ({ value: s.id, label: s.name.vi }))} onCommit={(v) => set(['replaceableBy', 'source'], v, t('changeSource'))} />
                    <SelectField label={t('lookupField')} value={(rb.key ?? '').replace(/^data\./, '')} options={stringFields.map((f) => ({ value: f.path, label: f.title }))} onCommit={(v) => set(['replaceableBy', 'key'], `data.${v}`, t('changeLookup'))} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
        <button type="button" onClick={() => model.edit(t('addComponent'), (tx) => tx.insert(['components'], { id: nextId(components, 'giay-to'), name: { vi: 'Giấy tờ mới', en: 'New document' }, required: true, copies: { original: 1, copy: 0 } }))}>+ {t('addComponent')}</button>
      </section>

      <section aria-labelledby="sec-fees" className="card">
        <h3 id="sec-fees">{t('fees')} <small>({fees.length})</small></h3>
        <ol className="entity-list">
          {fees.map((f, i) => {
            const path: Path = ['fees', i];
            const set = (rel: Path, v: unknown, label: string): void => model.edit(label, (tx) => tx.set([...path, ...rel], v));
            const name = nameOr(f.name, String(f.id));
            return (
              <li key={`${String(f.id)}-${i}`} className="entity" aria-label={t('feeLabel', { name })}>
                <div className="entity-head"><strong>{name}</strong><ListControls model={model} path={['fees']} index={i} count={fees.length} what={t('feeLabel', { name })} /></div>
                <NameFields what={t('feeName')} value={f.name as { vi?: string } | undefined} onCommit={(v) => set(['name'], v, t('renameFee'))} />
                <div className="df-row">
                  <TextField label={t('id')} mono value={str(f.id, '')} onCommit={(v) => set(['id'], v, t('changeFeeId'))} />
                  <NumberField label={t('amount')} suffix={t('dong')} value={typeof f.amount === 'number' ? f.amount : undefined} min={0} max={1_000_000_000} onCommit={(v) => set(['amount'], v ?? 0, t('changeAmount'))} />
                  <SelectField label={t('kind')} value={str(f.kind, '')} options={[{ value: 'charge', label: t('charge') }, { value: 'fee', label: t('fee') }]} onCommit={(v) => set(['kind'], v, t('changeKind'))} />
                </div>
                <SelectField label={t('quantity')} value={typeof f.quantity === 'string' ? f.quantity.replace(/^data\./, '') : ''} options={[{ value: '', label: t('once') }, ...intFields.map((x) => ({ value: x.path, label: `theo «${x.title}»` }))]} onCommit={(v) => set(['quantity'], v ? `data.${v}` : undefined, t('changeQuantity'))} />
                <CheckField label={t('conditional')} checked={f.when !== undefined} onCommit={(on) => set(['when'], on ? 'true' : undefined, t('changeWhen'))} />
                {f.when !== undefined ? <ConditionEditor label={t('when')} cel={str(f.when)} fields={fields} onCommit={(v) => set(['when'], v, t('editWhen'))} /> : null}
                <CheckField label={t('exempt')} checked={f.exempt !== undefined} onCommit={(on) => set(['exempt'], on ? (fields.find((x) => x.type === 'boolean') ? `data.${fields.find((x) => x.type === 'boolean')?.path}` : "case.channel == 'online'") : undefined, on ? t('addExempt') : t('dropExempt'))} />
                {f.exempt !== undefined ? <ConditionEditor label={t('exemptWhen')} cel={str(f.exempt)} fields={fields} onCommit={(v) => set(['exempt'], v, t('editExempt'))} /> : null}
                <p className="muted small">{t('summary', { amount: typeof f.amount === 'number' ? formatNumber(f.amount) : '?' })}{f.quantity ? t('summaryQuantity') : ''}{f.when ? t('summaryWhen', { condition: readCondition(str(f.when), fields) }) : ''}{f.exempt ? t('summaryExempt', { condition: readCondition(str(f.exempt), fields) }) : ''}.</p>
              </li>
            );
          })}
        </ol>
        <button type="button" onClick={() => model.edit(t('addFee'), (tx) => tx.insert(['fees'], { id: nextId(fees, 'le-phi'), name: { vi: 'Lệ phí', en: 'Charge' }, kind: 'charge', amount: 0 }))}>+ {t('addFee')}</button>
      </section>

      <section aria-labelledby="sec-legal" className="card">
        <h3 id="sec-legal">{t('legal')} <small>({legal.length})</small></h3>
        <ol className="entity-list">
          {legal.map((l, i) => {
            const set = (rel: Path, v: unknown, label: string): void => model.edit(label, (tx) => tx.set(['legalBasis', i, ...rel], v === '' ? undefined : v));
            return (
              <li key={i} className="entity">
                <div className="df-row">
                  <TextField label={t('docNumber')} value={str(l.doc, '')} onCommit={(v) => set(['doc'], v, t('changeDocNumber'))} />
                  <TextField label={t('docTitle')} value={str(l.title, '')} onCommit={(v) => set(['title'], v, t('changeDocTitle'))} />
                  <TextField label={t('article')} value={str(l.article, '')} onCommit={(v) => set(['article'], v, t('changeArticle'))} />
                </div>
                <ListControls model={model} path={['legalBasis']} index={i} count={legal.length} what={t('docWhat', { n: i + 1 })} />
              </li>
            );
          })}
        </ol>
        <button type="button" onClick={() => model.edit(t('addLegal'), (tx) => tx.insert(['legalBasis'], { doc: '', title: '' }))}>+ {t('addDoc')}</button>
      </section>
    </div>
  );
}
