import type { CompiledProcedure } from '../compile/compile-procedure';
import { keyOf } from './prefill';

/** The applicant's national ID as the form gives it, and where it is in the form. */
export interface ApplicantId {
  value: string | undefined;
  /** The form field (`data.signer.nationalId`), or `data.applicantId` for a computed one. */
  path: string;
}

const FIELD_PATH = /^data(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/**
 * The national ID the applicant files under: the procedure's `data.applicantId` expression,
 * else the form's `applicant.nationalId`; undefined when the form does not give one. The
 * server checks it against the signed-in citizen before reading any national source.
 */
export function applicantIdOf(compiled: CompiledProcedure, data: Record<string, unknown>): ApplicantId {
  const source = compiled.procedure.data?.applicantId;
  if (source !== undefined) {
    return { value: keyOf(compiled, source, 'data.applicantId', data), path: FIELD_PATH.test(source.trim()) ? source.trim() : 'data.applicantId' };
  }
  const applicant = data.applicant;
  const id = applicant !== null && typeof applicant === 'object' ? (applicant as Record<string, unknown>).nationalId : undefined;
  return { value: typeof id === 'string' ? id : undefined, path: 'data.applicant.nationalId' };
}
