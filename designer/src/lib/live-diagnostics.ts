/**
 * Live diagnostics of the text being edited, computed by the engine's validator in a Web Worker
 * (diagnose.worker.ts): the page stays responsive on long procedures while the check runs, and
 * a burst of edits is checked once, on the newest text (at most one check in flight; the texts
 * typed meanwhile are skipped but the last). Where workers are missing the check runs on the
 * main thread after the frame, with the same coalescing.
 *
 * Opening a procedure is the costly case (the worker's script, the format's schema compiled,
 * the first check of a long text): the designer's route starts the worker as soon as its code
 * loads ({@link warmChecker}) and asks for the first check as soon as the text is fetched
 * ({@link prepareCheck}), so all of it runs while the main thread draws the graph; the editor
 * then finds the answer (or the check in flight) for its text instead of starting over.
 */
import { useEffect, useState } from 'react';
import type { Diagnostic, LibraryContext } from 'motcua/engine';
import { diagnose } from './diagnose';
import type { DiagnoseAnswer, DiagnoseRequest } from './diagnose.worker';

/** The diagnostics of `text`, once checked. */
export interface LiveDiagnostics {
  /** The newest diagnostics (of `checked`, which may be an older text than the one on screen). */
  diagnostics: Diagnostic[];
  /** The text those diagnostics are of; undefined before the first check is back. */
  checked: string | undefined;
}

interface Job {
  text: string;
  file: string;
  context: LibraryContext;
}

const sameJob = (a: Job | undefined, b: Job): boolean => a !== undefined && a.text === b.text && a.file === b.file && a.context === b.context;

type Listener = (result: { text: string; diagnostics: Diagnostic[] }) => void;

/** One validator for the page, kept across designer openings (its start-up is paid once). */
export class Checker {
  private worker: Worker | undefined;
  private failed = false;
  private context: LibraryContext | undefined;
  private inFlight: { id: number; job: Job } | undefined;
  private queued: Job | undefined;
  private next = 1;
  private listeners = new Set<Listener>();
  /** The newest answer: an editor opening on that very text shows it at once. */
  private last: (Job & { diagnostics: Diagnostic[] }) | undefined;

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Asks for the diagnostics of `text`; a text already in flight is not checked again. */
  check(text: string, file: string, context: LibraryContext): void {
    const job = { text, file, context };
    if (sameJob(this.inFlight?.job, job)) {
      this.queued = undefined;
      return;
    }
    this.queued = job;
    if (!this.inFlight) this.pump();
  }

  /** The diagnostics of exactly this text, file and context, when they are the newest answer. */
  resultFor(text: string, file: string, context: LibraryContext): Diagnostic[] | undefined {
    return sameJob(this.last, { text, file, context }) ? this.last?.diagnostics : undefined;
  }

  /** Starts the worker (its script, and the format's schema compiled) before any text is known. */
  warm(): void {
    this.start();
  }

  private emit(text: string, diagnostics: Diagnostic[]): void {
    for (const l of this.listeners) l({ text, diagnostics });
  }

  private pump(): void {
    const job = this.queued;
    if (!job) return;
    this.queued = undefined;
    if (this.last && sameJob(this.last, job)) {
      // Back to the text of the newest answer (an undo, a reopened editor): nothing to check.
      this.emit(job.text, this.last.diagnostics);
      return;
    }
    const id = this.next++;
    this.inFlight = { id, job };
    const worker = this.start();
    if (!worker) {
      // No worker: on the main thread, after this frame is painted.
      setTimeout(() => this.done(id, diagnose(job.text, job.file, job.context).diagnostics), 0);
      return;
    }
    if (this.context !== job.context) {
      this.context = job.context;
      worker.postMessage({ kind: 'context', context: job.context } satisfies DiagnoseRequest);
    }
    worker.postMessage({ kind: 'check', id, text: job.text, file: job.file } satisfies DiagnoseRequest);
  }

  private done(id: number, diagnostics: Diagnostic[]): void {
    if (this.inFlight?.id !== id) return;
    const { job } = this.inFlight;
    this.inFlight = undefined;
    this.last = { ...job, diagnostics };
    this.emit(job.text, diagnostics);
    this.pump();
  }

  private start(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    if (typeof Worker === 'undefined') {
      this.failed = true;
      return undefined;
    }
    try {
      const worker = new Worker(new URL('./diagnose.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<DiagnoseAnswer>) => this.done(e.data.id, e.data.diagnostics);
      worker.onerror = () => {
        // A worker that cannot start (a strict CSP, an old browser): the main thread checks instead.
        worker.terminate();
        this.worker = undefined;
        this.failed = true;
        this.context = undefined;
        const lost = this.inFlight;
        this.inFlight = undefined;
        if (lost && !this.queued) this.queued = lost.job;
        this.pump();
      };
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return undefined;
    }
  }
}

let checker: Checker | undefined;
const theChecker = (): Checker => (checker ??= new Checker());

/** Starts the page's validator now: called when the designer's code loads, before any fetch. */
export function warmChecker(): void {
  theChecker().warm();
}

/**
 * Starts checking `text` (the editor's text, as the model prints it) before the editor is on
 * screen: {@link useLiveDiagnostics} for the same text, file and context then reuses it.
 */
export function prepareCheck(text: string, file: string, context: LibraryContext): void {
  theChecker().check(text, file, context);
}

/** The diagnostics of `text` against `context`, checked off the main thread. */
export function useLiveDiagnostics(text: string, file: string, context: LibraryContext): LiveDiagnostics {
  const [state, setState] = useState<LiveDiagnostics>(() => {
    const ready = theChecker().resultFor(text, file, context);
    return ready ? { diagnostics: ready, checked: text } : { diagnostics: [], checked: undefined };
  });
  useEffect(() => theChecker().subscribe(({ text: t, diagnostics }) => setState((s) => (s.checked === t && s.diagnostics === diagnostics ? s : { diagnostics, checked: t }))), []);
  useEffect(() => theChecker().check(text, file, context), [text, file, context]);
  return state;
}
