/**
 * The draft's scenario files, run in the browser by the engine's scenario runner
 * (`runScenarioText`: the same checks and run as `motcua test` and the server's draft check),
 * each case passing or failing with its reason in words.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioFile } from 'motcua/contract';
import { runScenarioText, type ScenarioTextResult } from 'motcua/testing/pure';
import type { Simulated } from './SimulatorPanel';
import { failureText } from './simulator-text';

/** Offers `text` as a file download named `name`. */
export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type Results = Record<string, ScenarioTextResult | { crashed: string }>;

export function ScenarioRuns({ simulated, scenarios, isDraft, editable, unsaved, onRemove }: {
  simulated: Simulated;
  scenarios: readonly ScenarioFile[];
  isDraft: boolean;
  editable: boolean;
  unsaved: boolean;
  onRemove: (name: string) => Promise<void>;
}) {
  const { t } = useTranslation('simulator');
  const [results, setResults] = useState<Results | null>(null);
  const [running, setRunning] = useState(false);
  // Results belong to one procedure and one set of files: anything else is run again.
  useEffect(() => setResults(null), [simulated, scenarios]);

  const runAll = async (): Promise<void> => {
    setRunning(true);
    const out: Results = {};
    for (const s of scenarios) {
      try {
        out[s.name] = await runScenarioText(s.source, s.name, simulated.compiled, simulated.library);
      } catch (err) {
        out[s.name] = { crashed: err instanceof Error ? err.message : String(err) };
      }
    }
    setResults(out);
    setRunning(false);
  };

  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const r of Object.values(results ?? {})) {
    if ('crashed' in r || (r.cases.length === 0 && r.diagnostics.some((d) => d.severity === 'error'))) counts.failed++;
    else for (const c of r.cases) counts[c.status]++;
  }

  return (
    <section className="card sim-scenarios" aria-labelledby="sim-scenarios-title">
      <h3 id="sim-scenarios-title">{t('scenarios.title')} <small>({scenarios.length})</small></h3>
      <p className="muted">{t('scenarios.intro')}</p>
      {!isDraft ? <p className="muted">{t('scenarios.versionOnly')}</p> : scenarios.length === 0 ? <p className="muted">{t('scenarios.none')}</p> : null}
      {scenarios.length > 0 ? (
        <>
          <div className="sim-toolbar">
            <button type="button" className="primary" disabled={running} onClick={() => void runAll()}>{running ? t('scenarios.running') : t('scenarios.runAll')}</button>
            {results ? <span role="status" className={counts.failed ? 'badge bad' : 'badge good'} data-testid="scenario-summary">{t('scenarios.summary', counts)}</span> : null}
          </div>
          {unsaved ? <p className="notice warn small" role="note">{t('scenarios.unsavedNote')}</p> : null}
          <ul className="sim-files" aria-label={t('scenarios.title')}>
            {scenarios.map((s) => {
              const r = results?.[s.name];
              return (
                <li key={s.name} className="sim-file" aria-label={s.name}>
                  <div className="entity-head">
                    <code>{s.name}</code>
                    <span className="list-controls">
                      <button type="button" className="small" onClick={() => download(s.name, s.source)}>{t('scenarios.download')}</button>
                      {editable ? <button type="button" className="small danger" onClick={() => void onRemove(s.name)}>{t('scenarios.remove')}</button> : null}
                    </span>
                  </div>
                  {r && 'crashed' in r ? <p className="sim-fail" role="alert">{t('scenarios.cannotRun')}: {r.crashed}</p> : null}
                  {r && !('crashed' in r) && r.cases.length === 0 && r.diagnostics.length > 0 ? (
                    <div className="sim-fail" role="alert">
                      {t('scenarios.cannotRun')}:
                      <ul>{r.diagnostics.map((d, i) => <li key={i}>{t('scenarios.line', { line: d.line })}: {d.message} <code>{d.code}</code></li>)}</ul>
                    </div>
                  ) : null}
                  {r && !('crashed' in r) ? (
                    <ul className="sim-cases">
                      {r.cases.map((c, i) => (
                        <li key={i} className={`sim-case sim-${c.status}`} data-status={c.status}>
                          <span className={c.status === 'passed' ? 'badge good' : c.status === 'failed' ? 'badge bad' : 'badge'}>{t(`scenarios.${c.status}`)}</span> {c.name}
                          {c.failures.map((f, j) => <p key={j} className="sim-reason">{failureText(t, f)}{f.hint ? <small className="muted"> — {f.hint}</small> : null}</p>)}
                          {c.skipReason ? <p className="muted small">{c.skipReason}</p> : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
