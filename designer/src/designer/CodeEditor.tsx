/**
 * The YAML tab: CodeMirror 6 with YAML highlighting, auto-indent, the engine's diagnostics as
 * lint marks, completion and hover from the procedure's JSON Schema, and Noto Sans Mono (its
 * Vietnamese subset is bundled) so that stacked accents (ệ, ở, ữ) draw attached. CodeMirror
 * keeps no history of its own for synced changes: undo is the model's (one stack for all views).
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { Annotation, EditorState, Transaction } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { basicSetup } from 'codemirror';
import '@fontsource/noto-sans-mono/vietnamese-400.css';
import '@fontsource/noto-sans-mono/latin-400.css';
import { PROCEDURE_SCHEMA, type Diagnostic } from 'motcua/engine';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { diagnosticText } from '../lib/diagnostic-text';
import { describeKey, keysAt, pathAt } from './schema-complete';

export interface CodeEditorHandle {
  jumpTo: (line: number, column: number) => void;
}

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  diagnostics: readonly Diagnostic[];
}

/** Keystrokes the editor remembers while the model catches up (see `typed` in CodeEditor). */
const MAX_IN_FLIGHT = 32;

/** Marks changes that come from the model (graph or form edits, undo): not echoed back. */
const fromModel = Annotation.define<boolean>();
const schema = PROCEDURE_SCHEMA as Record<string, unknown>;

function complete(ctx: CompletionContext): CompletionResult | null {
  const line = ctx.state.doc.lineAt(ctx.pos);
  const before = line.text.slice(0, ctx.pos - line.from);
  const keyTyping = /^(\s*(?:- )?)([A-Za-z_-]*)$/.exec(before);
  const text = ctx.state.doc.toString();
  if (keyTyping) {
    const path = pathAt(text, line.number - 1);
    const options = keysAt(schema, path).map((k) => ({ label: k.key, type: 'property', info: k.description, apply: `${k.key}: ` }));
    if (options.length === 0) return null;
    return { from: ctx.pos - (keyTyping[2] ?? '').length, options, validFor: /^[A-Za-z_-]*$/ };
  }
  const valueTyping = /^\s*(?:- )?([A-Za-z_][\w-]*):\s*([A-Za-z0-9_-]*)$/.exec(before);
  if (valueTyping) {
    const info = describeKey(schema, [...pathAt(text, line.number - 1), valueTyping[1] ?? '']);
    if (!info?.values.length) return null;
    return { from: ctx.pos - (valueTyping[2] ?? '').length, options: info.values.map((v) => ({ label: v, type: 'enum' })) };
  }
  return null;
}

const hover = hoverTooltip((view, pos) => {
  const line = view.state.doc.lineAt(pos);
  const m = /^(\s*(?:- )?)([A-Za-z_][\w-]*):/.exec(line.text);
  if (!m) return null;
  const start = line.from + (m[1] ?? '').length;
  const end = start + (m[2] ?? '').length;
  if (pos < start || pos > end) return null;
  const info = describeKey(schema, [...pathAt(view.state.doc.toString(), line.number - 1), m[2] ?? '']);
  if (!info?.description && !info?.values.length) return null;
  return {
    pos: start,
    end,
    create: () => {
      const dom = document.createElement('div');
      dom.className = 'cm-schema-hover';
      dom.textContent = `${info.description}${info.values.length ? ` (${info.values.join(', ')})` : ''}`;
      return { dom };
    },
  };
});

function toCm(state: EditorState, list: readonly Diagnostic[]): CmDiagnostic[] {
  const doc = state.doc;
  const at = (line: number, column: number): number => {
    const l = doc.line(Math.max(1, Math.min(line, doc.lines)));
    return Math.min(l.from + Math.max(0, column - 1), l.to);
  };
  return list.map((d) => {
    const from = at(d.line, d.column);
    const end = d.endLine !== undefined ? at(d.endLine, d.endColumn ?? 1) : doc.lineAt(from).to;
    const text = diagnosticText(d);
    return { from, to: Math.max(from, end), severity: d.severity, message: `${d.code}: ${text.message}${text.hint ? `\n${text.hint}` : ''}` };
  });
}

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13.5px' },
  '.cm-content, .cm-gutters': { fontFamily: '"Noto Sans Mono", "DejaVu Sans Mono", ui-monospace, monospace' },
  '.cm-content': { lineHeight: '1.6' },
});

/**
 * `forwardRef`, not `ref` as a prop (React 19 only): the app runs on Preact's compat layer
 * (designer/vite.config.ts), whose function components do not receive `ref`.
 */
export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor({ value, onChange, diagnostics }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const change = useRef(onChange);
  change.current = onChange;
  // The texts the author typed that the model has not caught up with yet. A value that is one of
  // them is an echo of an earlier keystroke, not a change from the model: applying it would drop
  // what was typed since. React renders a keystroke's echo before the next key; Preact renders
  // and runs effects later, so several keystrokes can be in flight (typing "legal" fast kept "lgl").
  const typed = useRef<string[]>([]);

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          keymap.of([indentWithTab]),
          yaml(),
          lintGutter(),
          autocompletion({ override: [complete] }),
          hover,
          theme,
          EditorView.contentAttributes.of({ 'aria-label': 'Nội dung YAML của thủ tục', lang: 'vi' }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged || u.transactions.some((t) => t.annotation(fromModel))) return;
            const text = u.state.doc.toString();
            // Bounded: a model that never catches up must not grow it without end.
            typed.current = [...typed.current.slice(-(MAX_IN_FLIGHT - 1)), text];
            change.current(text);
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; later values arrive through the effect below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const current = v.state.doc.toString();
    if (current === value) {
      typed.current = [];
      return;
    }
    if (typed.current.includes(value)) return;
    typed.current = [];
    v.dispatch({ changes: { from: 0, to: current.length, insert: value }, annotations: [fromModel.of(true), Transaction.addToHistory.of(false)] });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, toCm(v.state, diagnostics)));
  }, [diagnostics, value]);

  useImperativeHandle(ref, () => ({
    jumpTo(line: number, column: number) {
      const v = view.current;
      if (!v) return;
      const l = v.state.doc.line(Math.max(1, Math.min(line, v.state.doc.lines)));
      const pos = Math.min(l.from + Math.max(0, column - 1), l.to);
      v.dispatch({ selection: { anchor: pos, head: l.to }, scrollIntoView: true });
      v.focus();
    },
  }));

  return <div className="code-editor" ref={host} />;
});
