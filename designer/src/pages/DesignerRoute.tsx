/**
 * The designer's route: fetches what the designer reads of the library (the version's YAML
 * text, the catalogues for the validator) from the server, then opens the designer. Loaded
 * lazily with it: the citizen pages never download either.
 */
import { useEffect, useState } from 'react';
import DesignerPage from '../designer/DesignerPage';
import { errorText } from '../lib/api';
import { loadDesignerLibrary } from '../lib/designer-library';

export default function DesignerRoute({ code }: { code: string }) {
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; text: string }>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    loadDesignerLibrary(code).then(
      () => live && setState({ kind: 'ready' }),
      (err: unknown) => live && setState({ kind: 'error', text: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [code]);
  if (state.kind === 'loading') return <p role="status" aria-busy="true">Đang mở trình thiết kế… <small lang="en">Opening the designer…</small></p>;
  if (state.kind === 'error') return <p role="alert">Không tải được thủ tục từ máy chủ: {state.text}</p>;
  return <DesignerPage code={code} />;
}
