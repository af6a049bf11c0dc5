import type { Diagnostic } from './diagnostics/diagnostic';

/** Options shared by every motcua error. */
export interface MotcuaErrorOptions {
  /** HTTP status the server answers with (default 500). */
  status?: number;
  /** Whether the message is safe to show to the caller (default: true when status < 500). */
  expose?: boolean;
  /** How to fix the problem. */
  hint?: string;
  /** Where: a JSON path, a field, or `file:line:col`. */
  path?: string;
  /** Structured details, e.g. every missing component. */
  details?: unknown;
  cause?: unknown;
}

/**
 * The base of every error motcua throws on purpose. It carries a stable `code` (e.g.
 * `E_DEADLINE_UNIT`), an HTTP `status` and `expose` (as Koa's errors do), and a hint.
 * The server maps these to HTTP in one place.
 */
export class MotcuaError extends Error {
  readonly code: string;
  readonly status: number;
  readonly expose: boolean;
  readonly hint: string | undefined;
  readonly path: string | undefined;
  readonly details: unknown;

  constructor(code: string, message: string, options: MotcuaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
    this.expose = options.expose ?? this.status < 500;
    this.hint = options.hint;
    this.path = options.path;
    this.details = options.details;
  }

  /** The JSON body the server sends for this error. */
  toJSON(): { code: string; message: string; hint?: string; path?: string; details?: unknown } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.path === undefined ? {} : { path: this.path }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** A procedure, calendar or scenario file that does not validate. Carries every diagnostic. */
export class InvalidDefinitionError extends MotcuaError {
  readonly diagnostics: readonly Diagnostic[];
  constructor(message: string, diagnostics: readonly Diagnostic[], options: MotcuaErrorOptions = {}) {
    super('E_INVALID_DEFINITION', message, {
      status: 422,
      ...options,
      details: diagnostics,
    });
    this.diagnostics = diagnostics;
  }
}

/** One problem with what a user sent: a field, a component, an expression. */
export interface Problem {
  code: string;
  message: string;
  /** JSON path of the offending field or component id. */
  path?: string;
  hint?: string;
}

/**
 * A command on a case that the rules refuse: a submission with missing components or invalid
 * data, an action not allowed in the current step, a role that may not act. Lists every
 * problem at once so that the applicant is asked once, not piecemeal.
 */
export class RefusalError extends MotcuaError {
  readonly problems: readonly Problem[];
  constructor(code: string, message: string, problems: readonly Problem[] = [], options: MotcuaErrorOptions = {}) {
    super(code, message, { status: 422, ...options, details: problems.length ? problems : options.details });
    this.problems = problems;
  }
}

/** The caller may not do this (403) or is not known (401). */
export class AccessError extends MotcuaError {
  constructor(code: 'E_UNAUTHENTICATED' | 'E_FORBIDDEN' | 'E_FOUR_EYES' | 'E_REVIEW_REQUIRED' | 'E_NOT_SUBJECT', message: string, options: MotcuaErrorOptions = {}) {
    super(code, message, { status: code === 'E_UNAUTHENTICATED' ? 401 : 403, ...options });
  }
}

/** A stale version or a replayed request with a different body (409). */
export class ConflictError extends MotcuaError {
  constructor(code: string, message: string, options: MotcuaErrorOptions = {}) {
    super(code, message, { status: 409, ...options });
  }
}

/** Something named does not exist (404). */
export class NotFoundError extends MotcuaError {
  constructor(code: string, message: string, options: MotcuaErrorOptions = {}) {
    super(code, message, { status: 404, ...options });
  }
}
