import type { CompiledProcedure } from '../compile/compile-procedure';
import type { Procedure } from '../model/procedure';
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

/**
 * Where a citizen's own national ID goes in the e-form they file as themself: the dotted path
 * (`applicant.nationalId`, `signer.nationalId`) of `data.applicantId` when it is a plain field
 * path, else `applicant.nationalId`; undefined when the schema declares no such field (the
 * form then names its applicant some other way and nothing is filled in for them). The portal
 * starts the field with the signed-in citizen's ID; the server prefills from it.
 */
export function applicantField(procedure: Pick<Procedure, 'data'>): string | undefined {
  const source = (procedure.data?.applicantId ?? 'data.applicant.nationalId').trim();
  if (!FIELD_PATH.test(source)) return undefined;
  const parts = source.split('.').slice(1);
  let node: unknown = procedure.data?.schema;
  for (const part of parts) {
    const props = node && typeof node === 'object' ? (node as { properties?: Record<string, unknown> }).properties : undefined;
    node = props?.[part];
    if (node === undefined) return undefined;
  }
  return parts.join('.');
}
