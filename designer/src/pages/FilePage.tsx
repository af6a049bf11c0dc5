/**
 * A citizen files a case: the commune, the e-form, the dossier components, the fees and the
 * deadline, then `POST /api/cases`. A refusal lists everything missing at once.
 *
 * Before filing, the page asks what the national sources hold for the signed-in citizen
 * (`GET /api/procedures/:code/prefill`: their own records only, the read logged for them): the
 * prefilled values are listed with their source and placed in the form (locked ones read-only),
 * components their own records replace need no upload, and a component a wallet document may
 * replace by its number offers the citizen's documents to pick from instead of an upload.
 *
 * The form is the version the server has in force (`GET /api/procedures/:code`), not the copy
 * bundled in the app: an author may have published a newer one since the app was built, and
 * the server checks the filing against its own.
 */
import { useEffect, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { withoutComputed, type Component as DossierComponent, type Procedure } from 'motcua/engine';
import { SchemaForm } from '../components/SchemaForm';
import { ErrorBox } from '../components/ErrorBox';
import { componentNamer } from '../lib/error-text';
import { UnitPicker } from '../components/UnitPicker';
import type { DocumentView, PrefillView, ReplacedComponent } from 'motcua/contract';
import { api, ApiError, errorText, getToken, myDocuments, uploadFile as upload, type SessionUser } from '../lib/api';
import { estimateFees } from '../lib/fee-estimate';
import { applicantFromAccount, computedUiSchema, enumLabelsUiSchema, getPath, prefilledRows, prefillUiSchema, setPath, sourceLabel, type PrefilledRow } from '../lib/form';
import { formatDate, formatDuration, formatVnd, localized } from '../lib/format';
import { useCatalogues } from '../lib/catalogue-names';
import { href, navigate } from '../lib/route';
import type { CaseView } from '../lib/types';
import { SignInFirst } from './SignInFirst';

type Served = { kind: 'loading' } | { kind: 'ok'; procedure: Procedure } | { kind: 'broken' } | { kind: 'unknown' } | { kind: 'offline' };

export function FilePage({ code, user }: { code: string; user: SessionUser | null }) {
  // `values`: the names of the e-form's coded values (its selects never show an id).
  const { t } = useTranslation(['portal', 'values']);
  const [served, setServed] = useState<Served>({ kind: 'loading' });
  useCatalogues(); // the national sources' names
  useEffect(() => {
    let live = true;
    api<{ status: string; procedure: Procedure }>('GET', `/api/procedures/${encodeURIComponent(code)}`)
      .then((r) => live && setServed(r.status === 'ok' ? { kind: 'ok', procedure: r.procedure } : { kind: 'broken' }))
      .catch((err: unknown) => live && setServed(err instanceof ApiError && err.status === 404 ? { kind: 'unknown' } : { kind: 'offline' }));
    return () => {
      live = false;
    };
  }, [code]);
  const back = <a href={href('portal')}>{t('common:words.back')}</a>;
  if (served.kind === 'loading') return <p aria-busy="true">{t('file.loading', { code })}</p>;
  if (served.kind === 'unknown') return <p role="alert">{t('file.unknown', { code })} {back}</p>;
  if (served.kind === 'broken') return <p role="alert">{t('file.broken', { code })} {back}</p>;
  // The server is the source of truth: without it there is no form to show (filing needs it anyway).
  if (served.kind === 'offline') return <p role="alert">{t('common:api.network')}. {back}</p>;
  const procedure = served.procedure;
  if (!user || !getToken()) return <SignInFirst back={['portal', code]} />;
  return <Prefilled key={procedure.version} procedure={procedure} nationalId={user.nationalId} />;
}

type PrefillState = { kind: 'loading' } | { kind: 'ok'; view: PrefillView } | { kind: 'failed'; text: string };

/** Asks what the sources hold for the citizen, then shows the form started from it. */
function Prefilled({ procedure, nationalId }: { procedure: Procedure; nationalId: string | undefined }) {
  const { t } = useTranslation('portal');
  const [state, setState] = useState<PrefillState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    api<PrefillView>('GET', `/api/procedures/${encodeURIComponent(procedure.code)}/prefill?version=${encodeURIComponent(procedure.version)}`)
      .then((view) => live && setState({ kind: 'ok', view }))
      .catch((err: unknown) => live && setState({ kind: 'failed', text: errorText(err) }));
    return () => {
      live = false;
    };
  }, [procedure.code, procedure.version]);
  if (state.kind === 'loading') return <p aria-busy="true">{t('file.reading')}</p>;
  return <FileForm procedure={procedure} nationalId={nationalId} prefill={state.kind === 'ok' ? state.view : undefined} prefillError={state.kind === 'failed' ? state.text : undefined} />;
}

function FileForm({ procedure, nationalId, prefill, prefillError }: { procedure: Procedure; nationalId: string | undefined; prefill: PrefillView | undefined; prefillError: string | undefined }) {
  const { t, i18n } = useTranslation('portal');
  const schema = procedure.data?.schema ?? { type: 'object' };
  const mine = useMemo(
    () => applicantFromAccount(procedure, computedUiSchema(prefillUiSchema(procedure.data?.prefill, prefill?.fields), procedure.data?.computed), nationalId),
    [procedure, nationalId, prefill, i18n.language],
  );
  const ui = useMemo(() => enumLabelsUiSchema(schema, mine.ui), [schema, mine.ui, i18n.language]);
  const rows = useMemo(() => prefilledRows(schema, prefill?.fields ?? []), [schema, prefill, i18n.language]);
  const [unit, setUnit] = useState('');
  const [data, setData] = useState<unknown>(prefill?.data ?? mine.data);
  const wallet = useWallet(procedure);
  const [files, setFiles] = useState<Record<string, File>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; details?: unknown } | null>(null);
  const fees = useMemo(() => estimateFees(procedure.fees, schema, data), [procedure.fees, schema, data]);

  const submit = async (formData: unknown): Promise<void> => {
    if (!unit) {
      setError({ text: t('file.chooseUnit') });
      document.getElementById('file-unit')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const uploads: Record<string, string> = {};
      for (const [component, file] of Object.entries(files)) {
        uploads[component] = await upload(file);
      }
      const created = await api<CaseView>('POST', '/api/cases', { procedure: procedure.code, version: procedure.version, unit, data: withoutComputed(procedure.data?.computed, (formData ?? {}) as Record<string, unknown>), uploads });
      navigate('cases', created.id);
    } catch (err) {
      setError({ text: errorText(err), details: err instanceof ApiError ? err.details : undefined });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="file-page">
      <nav className="crumbs" aria-label={t('file.crumbs')}><a href={href('portal')}>{t('common:nav.portal')}</a> › {procedure.code}</nav>
      <h1>{localized(procedure.name)}</h1>
      <div className="facts">
        <div><span>{t('file.deadline')}</span><strong>{formatDuration(procedure.deadline)}</strong></div>
        <div><span>{t('file.feeEstimate')}</span><strong data-testid="fee-total">{formatVnd(fees.total)}{fees.partial ? ' +' : ''}</strong></div>
        <div><span>{t('file.payWhen')}</span><strong>{t(procedure.payment === 'on-result' ? 'file.payOnResult' : procedure.payment === 'none' ? 'file.payNone' : 'file.payBefore')}</strong></div>
      </div>

      <UnitPicker level={procedure.level} value={unit} onChange={setUnit} />

      <PrefillPanel rows={rows} error={prefillError} />

      <h2>{t('file.eform')}</h2>
      <SchemaForm schema={schema} uiSchema={ui} formData={data} onChange={setData} onSubmit={(d) => void submit(d)} submitLabel={busy ? t('file.sending') : t('file.submit')} disabled={busy} idPrefix="case">
        <h2>{t('file.dossier')}</h2>
        <ul className="components">
          {(procedure.components ?? []).map((c) => (
            <ComponentRow
              key={c.id}
              component={c}
              file={files[c.id]}
              replaced={prefill?.replaced.find((r) => r.component === c.id)}
              picker={walletField(c) && wallet ? { documents: wallet, value: getPath(data, walletField(c)!), onPick: (id) => setData((d: unknown) => setPath((d ?? {}) as Record<string, unknown>, walletField(c)!, id)) } : undefined}
              onFile={(f) => setFiles((all) => {
                const next = { ...all };
                if (f) next[c.id] = f; else delete next[c.id];
                return next;
              })}
            />
          ))}
        </ul>
        <h2 id="file-fees">{t('file.fees')}</h2>
        <table className="list fees" aria-labelledby="file-fees">
          <tbody>
            {fees.lines.map((l) => (
              <tr key={l.id}>
                <td>{localized(l.fee.name) || l.id}</td>
                <td className="num">{l.total === 'unknown' ? t('file.feeDepends') : l.applies === false ? t('file.feeNotApplied') : l.exempt === true ? t('file.feeExempt') : formatVnd(l.total)}</td>
              </tr>
            ))}
            <tr className="total"><th scope="row">{t('file.feeTotal')}</th><td className="num">{formatVnd(fees.total)}</td></tr>
          </tbody>
        </table>
        {error ? <ErrorBox text={error.text} details={error.details} name={componentNamer(procedure)} /> : null}
      </SchemaForm>
    </section>
  );
}

/** "Thông tin từ cơ sở dữ liệu quốc gia": every prefilled value with its source, before filing. */
function PrefillPanel({ rows, error }: { rows: readonly PrefilledRow[]; error: string | undefined }) {
  const { t } = useTranslation('portal');
  if (error) return <p role="alert" className="notice warn">{t('prefill.failed', { error })}</p>;
  if (!rows.length) return null;
  return (
    <section className="prefill" aria-labelledby="prefill-title">
      <h2 id="prefill-title">{t('prefill.title')}</h2>
      <p className="muted small">{t('prefill.note')}</p>
      <table className="list" aria-label={t('prefill.table')}>
        <thead><tr><th scope="col">{t('prefill.field')}</th><th scope="col">{t('prefill.value')}</th><th scope="col">{t('prefill.source')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} data-field={r.field}>
              <td>{r.label}</td>
              <td><strong>{r.value}</strong>{r.lock ? <span className="badge" title={t('prefill.lockedTitle')}> {t('prefill.locked')}</span> : null}</td>
              <td className="small">{r.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The e-form field (dotted) a component's wallet key reads, when it is a plain field path: the picker fills it with a document's number. */
function walletField(c: DossierComponent): string | undefined {
  const key = c.replaceableBy?.source === WALLET ? c.replaceableBy.key.trim() : '';
  return /^data(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(key) ? key.split('.').slice(1).join('.') : undefined;
}

const WALLET = 'wallet';

/** The citizen's wallet documents in force, when some component may take one (else undefined: no call). */
function useWallet(procedure: Procedure): DocumentView[] | undefined {
  const wanted = (procedure.components ?? []).some((c) => walletField(c) !== undefined);
  const [docs, setDocs] = useState<DocumentView[] | undefined>(undefined);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    myDocuments()
      .then((all) => live && setDocs(all.filter((d) => d.status === 'valid' && d.inWallet)))
      .catch(() => live && setDocs([]));
    return () => {
      live = false;
    };
  }, [wanted]);
  return docs;
}

interface Picker {
  documents: readonly DocumentView[];
  value: unknown;
  onPick: (id: string) => void;
}

function documentLabel(d: DocumentView, t: TFunction<'portal'>): string {
  const doc = d.document;
  return t('wallet.option', { name: doc.procedure.name ?? doc.document, id: doc.id, date: formatDate(doc.issuedAt) }) + (doc.issuer.name ? `, ${doc.issuer.name}` : '');
}

function ComponentRow({ component: c, file, replaced, picker, onFile }: { component: DossierComponent; file: File | undefined; replaced: ReplacedComponent | undefined; picker: Picker | undefined; onFile: (f: File | undefined) => void }) {
  const { t } = useTranslation('portal');
  const id = `component-${c.id}`;
  const required = t(c.required === true ? 'component.required' : typeof c.required === 'string' ? 'component.depends' : 'component.optional');
  const picked = typeof picker?.value === 'string' && picker.value !== '' ? picker.value : undefined;
  return (
    <li data-component={c.id}>
      <label htmlFor={id}>{localized(c.name)} <span className="muted small">({required})</span></label>
      {replaced ? (
        <p className="notice ok small" data-testid={`replaced-${c.id}`}>{t('component.replaced', { source: sourceLabel(replaced.source, replaced.sourceName) })}</p>
      ) : c.replaceableBy && !picker ? (
        <p className="muted small">{t('component.replaceable', { source: sourceLabel(c.replaceableBy.source) })}</p>
      ) : null}
      {picker ? (
        <p className="small">
          <label htmlFor={`${id}-wallet`}>{t('wallet.reuse')}</label>
          <select id={`${id}-wallet`} value={picked ?? ''} onChange={(e) => picker.onPick(e.target.value)}>
            <option value="">{t(picker.documents.length ? 'wallet.choose' : 'wallet.empty')}</option>
            {picker.documents.map((d) => <option key={d.id} value={d.id}>{documentLabel(d, t)}</option>)}
          </select>
        </p>
      ) : null}
      {replaced || picked ? null : <input id={id} type="file" accept={c.accept?.join(',') ?? 'application/pdf,image/*'} onChange={(e) => onFile(e.target.files?.[0])} />}
      {file ? <span className="small"> {file.name}</span> : null}
    </li>
  );
}
