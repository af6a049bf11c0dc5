/**
 * The properties of the selected step, action or outcome. Each field commit is one command on
 * the model (through {@link Tx.set}, which keeps comments), so undo covers property edits too.
 */
import type { RoleEntry } from 'motcua/engine';
import { useState } from 'react';
import { actionName, isCommonAction } from '../lib/flow-graph';
import type { FormField } from '../model/conditions';
import { deleteAction, idProblem, renameAction, renameNode, stepPlaces, valueAt, whatDeletionBreaks, deleteNode, addAction } from '../model/procedure-edits';
import type { Path, YamlModel } from '../model/yaml-model';
import { ConditionEditor } from './ConditionEditor';
import { CheckField, DurationField, NameFields, NumberField, SelectField, TextField, str } from './fields';
import { KIND_VI, type Selection } from './GraphEditor';

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

const LEVEL_VI: Record<string, string> = { commune: 'cấp xã', province: 'cấp tỉnh', ministry: 'cấp bộ' };
const STATUS_OPTIONS = [
  { value: 'done', label: 'Hoàn thành (trả kết quả)' },
  { value: 'rejected', label: 'Từ chối' },
  { value: 'withdrawn', label: 'Rút hồ sơ' },
  { value: 'cancelled', label: 'Hủy' },
];

type Obj = Record<string, unknown>;

/** Targets for a slot: every step and outcome, named in Vietnamese. */
function targetOptions(value: unknown): { value: string; label: string }[] {
  const steps = stepPlaces(value).map((p) => ({ value: p.id, label: `${p.step.name?.vi ?? p.id} (${KIND_VI[String(p.step.kind)] ?? ''})` }));
  const outcomes = Object.entries(((value as Obj | null)?.outcomes ?? {}) as Record<string, { name?: { vi?: string } } | null>).map(([id, o]) => ({ value: id, label: `Kết quả: ${o?.name?.vi ?? id}` }));
  return [...steps, ...outcomes];
}

export function PropertiesPanel(props: PropertiesPanelProps) {
  const { model, value, selection, frozen } = props;
  if (frozen) return <p className="muted">YAML đang có lỗi cú pháp: sửa ở thẻ YAML để tiếp tục chỉnh sơ đồ.</p>;
  if (!selection) {
    return <p className="muted">Chọn một bước, một kết quả hoặc một mũi tên trên sơ đồ để xem và sửa thuộc tính của nó.</p>;
  }
  const stepId = selection.kind === 'node' ? selection.id : selection.from;
  const place = stepPlaces(value).find((p) => p.id === stepId);
  if (place) return <StepProperties key={stepId} {...props} path={place.path} step={place.step as Obj} id={stepId} focusAction={selection.kind === 'edge' ? selection.handle : undefined} />;
  const outcome = ((value as Obj | null)?.outcomes as Obj | undefined)?.[stepId] as Obj | undefined;
  if (outcome !== undefined) return <OutcomeProperties key={stepId} model={model} value={value} id={stepId} outcome={outcome ?? {}} onSelect={props.onSelect} />;
  return <p className="muted">Không còn phần tử này.</p>;
}

function IdField({ model, value, id, onSelect }: { model: YamlModel; value: unknown; id: string; onSelect: (s: Selection) => void }) {
  const [error, setError] = useState<string | undefined>();
  return (
    <TextField
      label="Mã (dùng để nối các bước)"
      mono
      value={id}
      error={error}
      hint="Đổi mã sẽ cập nhật mọi chỗ trỏ tới nó."
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

function DeleteButton({ model, value, id, onSelect }: { model: YamlModel; value: unknown; id: string; onSelect: (s: Selection) => void }) {
  const [asking, setAsking] = useState(false);
  const broken = whatDeletionBreaks(value, id);
  if (!asking) return <button type="button" className="danger" onClick={() => setAsking(true)}>Xóa «{id}»</button>;
  return (
    <div className="confirm" role="alertdialog" aria-label={`Xóa ${id}?`}>
      <p><strong>Xóa «{id}»?</strong></p>
      {broken.length ? (
        <>
          <p>Các chỗ sau đang trỏ tới nó và sẽ cần nối lại:</p>
          <ul>{broken.map((r) => <li key={r.path.join('.')}>bước <code>{r.from}</code>, {actionName(r.slot)}</li>)}</ul>
        </>
      ) : <p>Không có bước nào trỏ tới nó.</p>}
      <div className="actions">
        <button type="button" className="danger" onClick={() => { deleteNode(model, id); onSelect(null); }}>Xóa</button>
        <button type="button" onClick={() => setAsking(false)}>Thôi</button>
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
      <h3>{KIND_VI[kind] ?? kind}: {(step.name as { vi?: string } | undefined)?.vi ?? id}</h3>
      <IdField model={model} value={value} id={id} onSelect={onSelect} />
      <NameFields what="Tên bước" value={step.name as { vi?: string; en?: string } | undefined} onCommit={(v) => set(['name'], v, 'Đổi tên bước')} />
      {kind === 'task' ? (
        <>
          <SelectField
            label="Vai trò xử lý"
            value={str(step.role, '')}
            options={[...roles.values()].map((r) => ({ value: r.id, label: `${r.name.vi} (${(r.levels ?? []).map((l) => LEVEL_VI[l] ?? l).join(', ')})` }))}
            error={step.role ? undefined : 'Chọn vai trò xử lý.'}
            onCommit={(v) => set(['role'], v, 'Đổi vai trò')}
          />
          <SelectField
            label="Cấp xử lý"
            value={str(step.level, '')}
            options={[{ value: '', label: 'theo cấp của thủ tục' }, ...(role?.levels ?? ['commune', 'province', 'ministry']).map((l) => ({ value: l, label: LEVEL_VI[l] ?? l }))]}
            onCommit={(v) => set(['level'], v === '' ? undefined : v, 'Đổi cấp xử lý')}
          />
          <DurationField label="Thời hạn của bước (SLA)" value={step.sla as { value?: number; unit?: string } | undefined} onCommit={(v) => set(['sla'], v, 'Đổi thời hạn bước')} />
          <h4>Thao tác của cán bộ</h4>
          <ul className="props-list">
            {Object.entries((step.actions ?? {}) as Record<string, Obj | null>).map(([name, spec]) => (
              <li key={name} className={focusAction === name ? 'props-item focused' : 'props-item'}>
                <ActionEditor model={model} path={[...path, 'actions', name]} stepId={id} name={name} spec={spec ?? {}} targets={targets} />
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => addAction(model, id, targets[0]?.value ?? 'end', 'action')}>+ Thêm thao tác</button>
        </>
      ) : null}
      {kind === 'supplement' || kind === 'payment' || kind === 'parallel' ? target(['to'], kind === 'parallel' ? 'Khi các nhánh xong, đi tới' : 'Sau đó đi tới') : null}
      {kind === 'procedure' ? (
        <>
          <SelectField label="Thủ tục liên thông" value={str(step.procedure, '')} options={procedureCodes.map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }))} onCommit={(v) => set(['procedure'], v, 'Đổi thủ tục liên thông')} />
          {target(['to'], 'Liên thông xong, đi tới')}
          {target(['onFail'], 'Liên thông thất bại, đi tới')}
        </>
      ) : null}
      {kind === 'choice' ? (
        <>
          <h4>Các nhánh (xét lần lượt)</h4>
          <ol className="props-list">
            {((step.branches ?? []) as Obj[]).map((b, i) => (
              <li key={i} className="props-item">
                <ConditionEditor label={i === 0 ? 'Nếu' : 'Nếu không, nếu'} cel={str(b.when, 'true')} fields={fields} onCommit={(v) => set(['branches', i, 'when'], v, 'Sửa điều kiện rẽ nhánh')} />
                {target(['branches', i, 'to'], 'thì đi tới')}
                <button type="button" className="small danger" onClick={() => model.edit('Xóa nhánh', (tx) => tx.remove([...path, 'branches', i]))}>Xóa nhánh</button>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => model.edit('Thêm nhánh', (tx) => tx.insert([...path, 'branches'], { when: 'true', to: str(step.otherwise ?? targets[0]?.value, '') }))}>+ Thêm nhánh</button>
          {target(['otherwise'], 'Còn lại (không nhánh nào thỏa), đi tới')}
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
      <TextField label="Tên thao tác (mã)" mono value={name} error={error} hint={isCommonAction(name) ? `hiển thị: ${actionName(name)}` : undefined} onCommit={(to) => {
        try {
          renameAction(model, stepId, name, to);
          setError(undefined);
        } catch (err) {
          setError((err as Error).message);
        }
      }} />
      <NameFields what="Nhãn nút" optional value={spec.name as { vi?: string } | undefined} onCommit={(v) => model.edit('Đổi nhãn thao tác', (tx) => tx.set([...path, 'name'], v))} />
      <SelectField label="Đi tới" value={str(spec.to, '')} options={targets} onCommit={(v) => model.edit(`Nối «${name}» tới «${v}»`, (tx) => tx.set([...path, 'to'], v))} />
      <CheckField label="Cán bộ phải ghi lý do" checked={needsReason} onCommit={(on) => model.edit(on ? 'Yêu cầu lý do' : 'Bỏ yêu cầu lý do', (tx) => tx.set([...path, 'form'], on ? { type: 'object', required: ['reason'], properties: { reason: { type: 'string', title: 'Lý do' } } } : undefined))} />
      <NumberField label="Gia hạn thêm (theo đơn vị thời hạn)" value={typeof spec.extend === 'number' ? spec.extend : undefined} min={1} max={365} onCommit={(v) => model.edit('Đổi gia hạn', (tx) => tx.set([...path, 'extend'], v))} />
      <button type="button" className="small danger" onClick={() => deleteAction(model, stepId, name)}>Xóa thao tác «{name}»</button>
    </div>
  );
}

function OutcomeProperties({ model, value, id, outcome, onSelect }: { model: YamlModel; value: unknown; id: string; outcome: Obj; onSelect: (s: Selection) => void }) {
  const set = (rel: Path, v: unknown, label: string): void => model.edit(label, (tx) => tx.set(['outcomes', id, ...rel], v));
  const result = outcome.result as Obj | undefined;
  return (
    <div className="props">
      <h3>Kết quả: {(outcome.name as { vi?: string } | undefined)?.vi ?? id}</h3>
      <IdField model={model} value={value} id={id} onSelect={onSelect} />
      <NameFields what="Tên kết quả" value={outcome.name as { vi?: string } | undefined} onCommit={(v) => set(['name'], v, 'Đổi tên kết quả')} />
      <SelectField label="Trạng thái hồ sơ" value={str(outcome.status, '')} options={STATUS_OPTIONS} onCommit={(v) => set(['status'], v, 'Đổi trạng thái')} />
      {outcome.status === 'done' ? (
        <>
          <CheckField label="Cấp giấy tờ kết quả" checked={result !== undefined} onCommit={(on) => set(['result'], on ? { document: 'ket-qua', issuer: 'commune', store: 'wallet' } : undefined, on ? 'Thêm giấy tờ kết quả' : 'Bỏ giấy tờ kết quả')} />
          {result ? (
            <>
              <TextField label="Loại giấy tờ (mã)" mono value={str(result.document, '')} onCommit={(v) => set(['result', 'document'], v, 'Đổi loại giấy tờ')} />
              <SelectField label="Cơ quan cấp" value={str(result.issuer, '')} options={[{ value: 'commune', label: 'cấp xã' }, { value: 'province', label: 'cấp tỉnh' }, { value: 'ministry', label: 'cấp bộ' }]} onCommit={(v) => set(['result', 'issuer'], v, 'Đổi cơ quan cấp')} />
              <CheckField label="Lưu vào kho giấy tờ của người dân" checked={result.store !== 'none'} onCommit={(on) => set(['result', 'store'], on ? 'wallet' : 'none', 'Đổi nơi lưu')} />
            </>
          ) : null}
        </>
      ) : null}
      <DeleteButton model={model} value={value} id={id} onSelect={onSelect} />
    </div>
  );
}
