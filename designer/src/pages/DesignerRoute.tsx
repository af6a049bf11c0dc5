/**
 * The designer's route: fetches the catalogues the designer's validator checks against from the
 * server (the page reads the version or draft itself), then opens the designer. Loaded lazily
 * with it: the citizen pages never download either. It also starts the validator's worker at
 * once, so that its start-up overlaps the fetches and the first drawing.
 */
import { useEffect, useState } from 'react';
import DesignerPage, { type DesignerTarget } from '../designer/DesignerPage';
import { errorText } from '../lib/api';
import { loadDesignerLibrary } from '../lib/designer-library';
import { warmChecker } from '../lib/live-diagnostics';

export default function DesignerRoute({ target }: { target: DesignerTarget }) {
  const code = target.kind === 'version' ? target.code : '';
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; text: string }>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    // The validator's worker starts while the catalogues download (docs/designer.md, "Speed").
    warmChecker();
    loadDesignerLibrary(code).then(
      () => live && setState({ kind: 'ready' }),
      (err: unknown) => live && setState({ kind: 'error', text: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [code]);
  if (state.kind === 'loading') return <p role="status" aria-busy="true">Đang mở trình thiết kế… <small lang="en">Opening the designer…</small></p>;
  if (state.kind === 'error') return <p role="alert">Không tải được danh mục từ máy chủ: {state.text}</p>;
  return <DesignerPage target={target} />;
}
