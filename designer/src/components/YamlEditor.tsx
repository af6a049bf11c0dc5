/**
 * A plain textarea with a line-number gutter: no code-editor dependency, works offline, and
 * keyboard/screen-reader behaviour is the browser's own. `jumpTo` selects a line for the
 * diagnostics list.
 */
import { forwardRef, useImperativeHandle, useRef } from 'react';
import { offsetOfLine } from '../lib/form';

export interface YamlEditorHandle {
  jumpTo: (line: number, column: number) => void;
}

export interface YamlEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Lines carrying an error, marked in the gutter. */
  errorLines: ReadonlySet<number>;
}

const LINE_HEIGHT = 20;

/**
 * `forwardRef`, not `ref` as a prop (React 19 only): the app runs on Preact's compat layer
 * (designer/vite.config.ts), whose function components do not receive `ref`.
 */
export const YamlEditor = forwardRef<YamlEditorHandle, YamlEditorProps>(function YamlEditor({ value, onChange, errorLines }, ref) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => ({
    jumpTo(line: number, column: number) {
      const el = area.current;
      if (!el) return;
      const start = offsetOfLine(el.value, line, column);
      const lineEnd = el.value.indexOf('\n', start);
      el.focus();
      el.setSelectionRange(start, lineEnd === -1 ? el.value.length : lineEnd);
      el.scrollTop = Math.max(0, (line - 5) * LINE_HEIGHT);
    },
  }));
  const lines = value.split('\n').length;
  return (
    <div className="yaml-editor">
      <div className="gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className={errorLines.has(i + 1) ? 'gutter-line has-error' : 'gutter-line'}>{i + 1}</div>
        ))}
      </div>
      <textarea
        ref={area}
        aria-label="Nội dung YAML của thủ tục (procedure YAML)"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
        onKeyDown={(e) => {
          // Tab inserts two spaces (YAML forbids tabs); Esc then Tab still leaves the field.
          if (e.key !== 'Tab' || e.shiftKey || e.currentTarget.dataset.escaped === '1') return;
          e.preventDefault();
          const el = e.currentTarget;
          const { selectionStart: s, selectionEnd: t } = el;
          onChange(`${el.value.slice(0, s)}  ${el.value.slice(t)}`);
          requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2));
        }}
        onKeyUp={(e) => {
          e.currentTarget.dataset.escaped = e.key === 'Escape' ? '1' : '';
        }}
      />
    </div>
  );
});
