/**
 * The error body every 4xx and 5xx answer carries, as the server's one error mapper
 * (server/src/http/errors.ts) writes it.
 */

/** One problem of a refusal: a field, a component, an expression. */
export interface ProblemBody {
  code: string;
  message: string;
  /** JSON path of the offending field or component id. */
  path?: string;
  hint?: string;
}

/** The body of an error answer. */
export interface ErrorBody {
  error: {
    /** A stable code registered in `ERROR_CODES` (e.g. `E_NOT_WAITING`). */
    code: string;
    message: string;
    hint?: string;
    /** Where: a JSON path, a field, or `file:line:col`. */
    path?: string;
    /** Every problem at once (a refusal), or the validator's diagnostics. */
    details?: unknown;
    /** Set on a 500: quote it when reporting the problem; the log holds the stack. */
    correlationId?: string;
  };
}
