/**
 * The designer's route: fetches the catalogues the designer's validator checks against from the
 * server and the designer's texts, then opens the designer. Loaded lazily with it: the citizen
 * pages never download either. Beside those fetches it starts the version or draft's fetch (the
 * page takes it) and the validator's worker, so that nothing waits for something it does not
 * need (docs/designer.md, "Speed").
 */
import { useEffect, useState } from 'react';
import i18next from 'i18next';
import DesignerPage, { type DesignerTarget, prefetchDesignerTarget } from '../designer/DesignerPage';
import { errorText } from '../lib/api';
import { loadDesignerLibrary } from '../lib/designer-library';
import { warmChecker } from '../lib/live-diagnostics';

/** The texts the designer shows on opening (lazy namespaces: see i18n/index.ts). */
const DESIGNER_NAMESPACES = ['designer', 'lifecycle', 'diagnostics', 'graph', 'simulator'];

export default function DesignerRoute({ target }: { target: DesignerTarget }) {
  const code = target.kind === 'version' ? target.code : '';
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; text: string }>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    // The validator's worker starts while the catalogues download (docs/designer.md, "Speed").
    warmChecker();
    // The draft (or version) and the designer's texts download beside the catalogues, not after.
    prefetchDesignerTarget(target);
    Promise.all([loadDesignerLibrary(code), i18next.loadNamespaces(DESIGNER_NAMESPACES)]).then(
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
