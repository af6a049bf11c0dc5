/**
 * Everything outside the flow, as forms: deadline and suspension, dossier components (copies,
 * required condition, replaceable by a national source), fees (amount, quantity, condition,
 * exemption) and legal basis. Each commit is one command on the model.
 */
import type { SourceEntry } from 'motcua/engine';
import type { FormField } from '../model/conditions';
import { readCondition } from '../model/conditions';
import type { Path, YamlModel } from '../model/yaml-model';
import { ConditionEditor } from './ConditionEditor';
import { CheckField, DurationField, NameFields, NumberField, SelectField, TextField, str } from './fields';

type Obj = Record<string, unknown>;

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
      <button type="button" className="icon" disabled={index === 0} aria-label={`Đưa ${what} lên`} onClick={() => model.edit(`Đưa ${what} lên`, (tx) => tx.move(path, index, index - 1))}>↑</button>
      <button type="button" className="icon" disabled={index === count - 1} aria-label={`Đưa ${what} xuống`} onClick={() => model.edit(`Đưa ${what} xuống`, (tx) => tx.move(path, index, index + 1))}>↓</button>
      <button type="button" className="small danger" onClick={() => model.edit(`Xóa ${what}`, (tx) => tx.remove([...path, index]))}>Xóa</button>
    </div>
  );
}

export function DossierEditor({ model, value, sources, fields }: DossierEditorProps) {
  const components = (Array.isArray(value.components) ? value.components : []) as Obj[];
  const fees = (Array.isArray(value.fees) ? value.fees : []) as Obj[];
  const legal = (Array.isArray(value.legalBasis) ? value.legalBasis : []) as Obj[];
  const suspension = value.suspension as Obj | undefined;
  const stringFields = fields.filter((f) => f.type === 'string');
  const intFields = fields.filter((f) => f.type === 'integer' || f.type === 'number');
  return (
    <div className="dossier">
      <section aria-labelledby="sec-deadline" className="card">
        <h3 id="sec-deadline">Thời hạn giải quyết</h3>
        <DurationField label="Thời hạn giải quyết theo luật" value={value.deadline as { value?: number; unit?: string } | undefined} onCommit={(v) => model.edit('Đổi thời hạn giải quyết', (tx) => tx.set(['deadline'], v))} />
        <SelectField label="Khi chờ người nộp bổ sung, thời hạn" value={str(suspension?.clock, 'stop')} options={[{ value: 'stop', label: 'tạm dừng, tính tiếp khi nhận đủ' }, { value: 'restart', label: 'tính lại từ đầu khi nhận đủ' }]} onCommit={(v) => model.edit('Đổi cách tính khi bổ sung', (tx) => tx.set(['suspension', 'clock'], v))} />
        <SelectField label="Thời điểm nộp phí" value={str(value.payment, 'none')} options={[{ value: 'before-processing', label: 'trước khi xử lý' }, { value: 'on-result', label: 'khi nhận kết quả' }, { value: 'none', label: 'không thu phí' }]} onCommit={(v) => model.edit('Đổi thời điểm nộp phí', (tx) => tx.set(['payment'], v))} />
      </section>

      <section aria-labelledby="sec-components" className="card">
        <h3 id="sec-components">Thành phần hồ sơ <small>({components.length})</small></h3>
        <ol className="entity-list">
          {components.map((c, i) => {
            const path: Path = ['components', i];
            const set = (rel: Path, v: unknown, label: string): void => model.edit(label, (tx) => tx.set([...path, ...rel], v));
            const copies = (c.copies ?? {}) as { original?: number; copy?: number };
            const rb = c.replaceableBy as { source?: string; key?: string } | undefined;
            const required = c.required === undefined ? 'yes' : c.required === true ? 'yes' : c.required === false ? 'no' : 'when';
            return (
              <li key={`${String(c.id)}-${i}`} className="entity" aria-label={`Thành phần ${(c.name as { vi?: string } | undefined)?.vi ?? String(c.id)}`}>
                <div className="entity-head"><strong>{(c.name as { vi?: string } | undefined)?.vi ?? String(c.id)}</strong><ListControls model={model} path={['components']} index={i} count={components.length} what="thành phần" /></div>
                <NameFields what="Tên giấy tờ" value={c.name as { vi?: string } | undefined} onCommit={(v) => set(['name'], v, 'Đổi tên thành phần')} />
                <div className="df-row">
                  <TextField label="Mã" mono value={str(c.id, '')} onCommit={(v) => set(['id'], v, 'Đổi mã thành phần')} />
                  <NumberField label="Số bản chính" value={copies.original ?? 0} min={0} max={20} onCommit={(v) => set(['copies'], { original: v ?? 0, copy: copies.copy ?? 0 }, 'Đổi số bản')} />
                  <NumberField label="Số bản sao" value={copies.copy ?? 0} min={0} max={20} onCommit={(v) => set(['copies'], { original: copies.original ?? 0, copy: v ?? 0 }, 'Đổi số bản')} />
                </div>
                <SelectField label="Bắt buộc" value={required} options={[{ value: 'yes', label: 'bắt buộc' }, { value: 'no', label: 'không bắt buộc' }, { value: 'when', label: 'bắt buộc khi…' }]} onCommit={(v) => set(['required'], v === 'yes' ? true : v === 'no' ? false : 'true', 'Đổi điều kiện bắt buộc')} />
                {required === 'when' ? <ConditionEditor label="Bắt buộc khi" cel={str(c.required)} fields={fields} onCommit={(v) => set(['required'], v, 'Sửa điều kiện bắt buộc')} /> : null}
                <CheckField
                  label="Không cần nộp nếu lấy được dữ liệu từ CSDL quốc gia"
                  checked={rb !== undefined}
                  onCommit={(on) => set(['replaceableBy'], on ? { source: [...sources.keys()][0] ?? 'population', key: `data.${stringFields[0]?.path ?? 'applicant.nationalId'}` } : undefined, on ? 'Cho phép thay bằng dữ liệu' : 'Bỏ thay bằng dữ liệu')}
                />
                {rb ? (
                  <div className="df-row">
                    <SelectField label="Nguồn dữ liệu" value={rb.source ?? ''} options={[...sources.values()].map((s) => ({ value: s.id, label: s.name.vi }))} onCommit={(v) => set(['replaceableBy', 'source'], v, 'Đổi nguồn dữ liệu')} />
                    <SelectField label="Tra cứu theo trường" value={(rb.key ?? '').replace(/^data\./, '')} options={stringFields.map((f) => ({ value: f.path, label: f.title }))} onCommit={(v) => set(['replaceableBy', 'key'], `data.${v}`, 'Đổi khóa tra cứu')} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
        <button type="button" onClick={() => model.edit('Thêm thành phần hồ sơ', (tx) => tx.insert(['components'], { id: nextId(components, 'giay-to'), name: { vi: 'Giấy tờ mới', en: 'New document' }, required: true, copies: { original: 1, copy: 0 } }))}>+ Thêm thành phần hồ sơ</button>
      </section>

      <section aria-labelledby="sec-fees" className="card">
        <h3 id="sec-fees">Phí, lệ phí <small>({fees.length})</small></h3>
        <ol className="entity-list">
          {fees.map((f, i) => {
            const path: Path = ['fees', i];
            const set = (rel: Path, v: unknown, label: string): void => model.edit(label, (tx) => tx.set([...path, ...rel], v));
            const name = (f.name as { vi?: string } | undefined)?.vi ?? String(f.id);
            return (
              <li key={`${String(f.id)}-${i}`} className="entity" aria-label={`Khoản phí ${name}`}>
                <div className="entity-head"><strong>{name}</strong><ListControls model={model} path={['fees']} index={i} count={fees.length} what="khoản phí" /></div>
                <NameFields what="Tên khoản phí" value={f.name as { vi?: string } | undefined} onCommit={(v) => set(['name'], v, 'Đổi tên khoản phí')} />
                <div className="df-row">
                  <TextField label="Mã" mono value={str(f.id, '')} onCommit={(v) => set(['id'], v, 'Đổi mã khoản phí')} />
                  <NumberField label="Mức thu" suffix="đồng" value={typeof f.amount === 'number' ? f.amount : undefined} min={0} max={1_000_000_000} onCommit={(v) => set(['amount'], v ?? 0, 'Đổi mức thu')} />
                  <SelectField label="Loại" value={str(f.kind, '')} options={[{ value: 'charge', label: 'lệ phí' }, { value: 'fee', label: 'phí' }]} onCommit={(v) => set(['kind'], v, 'Đổi loại')} />
                </div>
                <SelectField label="Số lượng tính phí" value={typeof f.quantity === 'string' ? f.quantity.replace(/^data\./, '') : ''} options={[{ value: '', label: 'một lần' }, ...intFields.map((x) => ({ value: x.path, label: `theo «${x.title}»` }))]} onCommit={(v) => set(['quantity'], v ? `data.${v}` : undefined, 'Đổi số lượng tính phí')} />
                <CheckField label="Chỉ thu khi có điều kiện" checked={f.when !== undefined} onCommit={(on) => set(['when'], on ? 'true' : undefined, 'Đổi điều kiện thu')} />
                {f.when !== undefined ? <ConditionEditor label="Thu khi" cel={str(f.when)} fields={fields} onCommit={(v) => set(['when'], v, 'Sửa điều kiện thu')} /> : null}
                <CheckField label="Có trường hợp được miễn" checked={f.exempt !== undefined} onCommit={(on) => set(['exempt'], on ? (fields.find((x) => x.type === 'boolean') ? `data.${fields.find((x) => x.type === 'boolean')?.path}` : "case.channel == 'online'") : undefined, on ? 'Thêm miễn phí' : 'Bỏ miễn phí')} />
                {f.exempt !== undefined ? <ConditionEditor label="Miễn khi" cel={str(f.exempt)} fields={fields} onCommit={(v) => set(['exempt'], v, 'Sửa điều kiện miễn')} /> : null}
                <p className="muted small">Tóm tắt: {typeof f.amount === 'number' ? f.amount.toLocaleString('vi-VN') : '?'} đồng{f.quantity ? ' × số lượng' : ''}{f.when ? `, thu khi ${readCondition(str(f.when), fields)}` : ''}{f.exempt ? `, miễn khi ${readCondition(str(f.exempt), fields)}` : ''}.</p>
              </li>
            );
          })}
        </ol>
        <button type="button" onClick={() => model.edit('Thêm khoản phí', (tx) => tx.insert(['fees'], { id: nextId(fees, 'le-phi'), name: { vi: 'Lệ phí', en: 'Charge' }, kind: 'charge', amount: 0 }))}>+ Thêm khoản phí</button>
      </section>

      <section aria-labelledby="sec-legal" className="card">
        <h3 id="sec-legal">Căn cứ pháp lý <small>({legal.length})</small></h3>
        <ol className="entity-list">
          {legal.map((l, i) => {
            const set = (rel: Path, v: unknown, label: string): void => model.edit(label, (tx) => tx.set(['legalBasis', i, ...rel], v === '' ? undefined : v));
            return (
              <li key={i} className="entity">
                <div className="df-row">
                  <TextField label="Số hiệu văn bản" value={str(l.doc, '')} onCommit={(v) => set(['doc'], v, 'Đổi số hiệu')} />
                  <TextField label="Tên văn bản" value={str(l.title, '')} onCommit={(v) => set(['title'], v, 'Đổi tên văn bản')} />
                  <TextField label="Điều" value={str(l.article, '')} onCommit={(v) => set(['article'], v, 'Đổi điều')} />
                </div>
                <ListControls model={model} path={['legalBasis']} index={i} count={legal.length} what="văn bản" />
              </li>
            );
          })}
        </ol>
        <button type="button" onClick={() => model.edit('Thêm căn cứ pháp lý', (tx) => tx.insert(['legalBasis'], { doc: '', title: '' }))}>+ Thêm văn bản</button>
      </section>
    </div>
  );
}
