/**
 * Live diagnostics of the text being edited, computed by the engine's validator in a Web Worker
 * (diagnose.worker.ts): the page stays responsive on long procedures while the check runs, and
 * a burst of edits is checked once, on the newest text (at most one check in flight; the texts
 * typed meanwhile are skipped but the last). Where workers are missing the check runs on the
 * main thread after the frame, with the same coalescing.
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

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  check(text: string, file: string, context: LibraryContext): void {
    this.queued = { text, file, context };
    if (!this.inFlight) this.pump();
  }

  private emit(text: string, diagnostics: Diagnostic[]): void {
    for (const l of this.listeners) l({ text, diagnostics });
  }

  private pump(): void {
    const job = this.queued;
    if (!job) return;
    this.queued = undefined;
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
    const { text } = this.inFlight.job;
    this.inFlight = undefined;
    this.emit(text, diagnostics);
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

/** The diagnostics of `text` against `context`, checked off the main thread. */
export function useLiveDiagnostics(text: string, file: string, context: LibraryContext): LiveDiagnostics {
  const [state, setState] = useState<LiveDiagnostics>({ diagnostics: [], checked: undefined });
  useEffect(() => (checker ??= new Checker()).subscribe(({ text: t, diagnostics }) => setState({ diagnostics, checked: t })), []);
  useEffect(() => (checker ??= new Checker()).check(text, file, context), [text, file, context]);
  return state;
}
