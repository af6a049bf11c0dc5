/**
 * The designer's validator off the main thread: the engine's checks of a procedure text
 * ({@link diagnose}) run here, so typing, dragging and the graph never wait for them. Messages:
 * `{ kind: 'context', context }` (the catalogues, once and when they change), then
 * `{ kind: 'check', id, text, file }`, answered with `{ id, diagnostics }`.
 */
import type { Diagnostic, LibraryContext } from 'motcua/engine';
import { diagnose } from './diagnose';

/** What the page sends. */
export type DiagnoseRequest = { kind: 'context'; context: LibraryContext } | { kind: 'check'; id: number; text: string; file: string };
/** What the worker answers. */
export interface DiagnoseAnswer {
  id: number;
  diagnostics: Diagnostic[];
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<DiagnoseRequest>) => void) | null; postMessage: (answer: DiagnoseAnswer) => void };
let context: LibraryContext = {};

// Warm-up, as soon as the worker starts (the designer's route starts it before the draft is
// fetched): the first check compiles the format's JSON Schema with ajv and runs the engine's
// code for the first time, which on a 2-core machine took longer than the check of a 60-step
// procedure itself. An empty mapping is enough to compile the schema and costs nothing else.
diagnose('{}');

scope.onmessage = (e) => {
  const message = e.data;
  if (message.kind === 'context') context = message.context;
  else scope.postMessage({ id: message.id, diagnostics: diagnose(message.text, message.file, context).diagnostics });
};
