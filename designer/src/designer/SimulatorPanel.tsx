/**
 * The designer's simulator tab: the draft's scenario files run in the browser with the
 * engine's own scenario runner (`motcua/testing/pure`, the code `motcua test` and the server's
 * draft check run, against the library the server would give them), and a case stepped by hand
 * that can be saved into the draft as one more scenario file. Nothing here reaches the server
 * but saving the draft.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftView, ScenarioFile } from 'motcua/contract';
import { compileProcedure, validateProcedureText, type CompiledProcedure, type Library } from 'motcua/engine';
import { useCatalogues } from '../lib/catalogue-names';
import { libraryContext } from '../lib/designer-library';
import { HandRunPanel } from './HandRunPanel';
import { ScenarioRuns } from './ScenarioRuns';
import { simulationLibrary } from './simulator-library';

export interface SimulatorPanelProps {
  /** The procedure's text as edited now (saved or not). */
  text: string;
  file: string;
  /** The draft, when the designer edits one (scenarios live in drafts). */
  draft: DraftView | null;
  editable: boolean;
  /** Saves the draft with these scenario files (and the text as edited now). */
  onSaveScenarios: (scenarios: ScenarioFile[]) => Promise<void>;
  /** True when the text differs from the draft saved on the server. */
  unsaved: boolean;
}

/** What the simulator runs: the compiled procedure and the library its scenarios see. */
export interface Simulated {
  compiled: CompiledProcedure;
  library: Library;
}

export default function SimulatorPanel({ text, file, draft, editable, onSaveScenarios, unsaved }: SimulatorPanelProps) {
  const { t } = useTranslation('simulator');
  const catalogues = useCatalogues();
  const compiled = useMemo(() => {
    const result = validateProcedureText(text, file, libraryContext());
    if (!result.procedure) return undefined;
    try {
      // Compiled as the server compiles a draft's candidate (server/src/publishing/validator.ts).
      return compileProcedure(result.procedure);
    } catch {
      return undefined;
    }
  }, [text, file]);
  const simulated = useMemo<Simulated | undefined>(() => (compiled && catalogues ? { compiled, library: simulationLibrary(catalogues, compiled.procedure) } : undefined), [compiled, catalogues]);

  if (!compiled) return <p className="notice warn" role="alert">{t('notReady')}</p>;
  if (!simulated) return <p role="status">{t('loading')}</p>;
  const scenarios = draft?.scenarios ?? [];
  const remove = (name: string): Promise<void> => onSaveScenarios(scenarios.filter((s) => s.name !== name));
  const add = (s: ScenarioFile): Promise<void> => onSaveScenarios([...scenarios.filter((x) => x.name !== s.name), s]);
  return (
    <div className="simulator">
      <ScenarioRuns simulated={simulated} scenarios={scenarios} isDraft={draft !== null} editable={editable} unsaved={unsaved} onRemove={remove} />
      <HandRunPanel simulated={simulated} canSave={draft !== null && editable} taken={scenarios.map((s) => s.name)} onSave={add} />
    </div>
  );
}
