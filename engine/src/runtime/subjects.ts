/**
 * Data subjects: whose national records a case may read. A procedure declares the people it
 * reads (`subjects:`, else the applicant alone) and the relation that entitles the filer; this
 * module decides, from the filer's national ID (their sign-in) and the records fetched so far,
 * where each subject stands, and hands the rest of the runtime a reader that answers nothing
 * for a person whose records may not (yet) be read.
 *
 * What can be verified, and how (docs/procedure-format.md, "subjects"):
 * - `self`: the subject's ID is the filer's.
 * - `party`: the filer is one of the `party` subjects; the others are read only when they
 *   need no consent, or once they consent.
 * - `child`: the child's population record names the filer as father or mother (`fatherId`,
 *   `motherId`); `parent`: the filer's population record names the subject so.
 * - `deceased`: the subject's population record says `deceased: true`.
 * - `represented`, and any of the three above when the population record cannot show it: the
 *   subject's `authorization` component is in the dossier (uploaded, or replaced by its source).
 * The population records read for these checks are read for that purpose only: they reach
 * the case (prefill, components) only through rules on an entitled subject.
 */
import type { CompiledProcedure } from '../compile/compile-procedure';
import { RefusalError, type Problem } from '../errors';
import type { Subject } from '../model/procedure';
import { applicantIdOf } from './applicant';
import { keyOf } from './prefill';
import type { Lookup, SourceReader, SubjectState, UploadedFile } from './types';

/** The source whose records show family relations and deaths (`fatherId`, `motherId`, `deceased`). */
export const RELATION_SOURCE = 'population';

/** The implicit subject of a procedure that declares none: the applicant, who files as themself. */
const APPLICANT_SUBJECT = 'applicant';

/** The subjects a procedure reads: its `subjects`, else the applicant alone (relation `self`). */
export function declaredSubjects(compiled: CompiledProcedure): readonly Subject[] {
  const declared = compiled.procedure.subjects;
  if (declared?.length) return declared;
  return [{ id: APPLICANT_SUBJECT, key: compiled.procedure.data?.applicantId ?? 'data.applicant.nationalId', relation: 'self' }];
}

/**
 * Each subject the data names, with its national ID: the declared ones, and the applicant
 * (relation `self`) when the form names one and no declared subject has the same key.
 */
function named(compiled: CompiledProcedure, data: Record<string, unknown>): { subject: Subject; index: number; nationalId: string }[] {
  const declared = compiled.procedure.subjects ?? [];
  const out = declared.flatMap((subject, index) => {
    const nationalId = keyOf(compiled, subject.key, `subjects[${index}].key`, data);
    return nationalId === undefined ? [] : [{ subject, index, nationalId }];
  });
  const applicantKey = (compiled.procedure.data?.applicantId ?? 'data.applicant.nationalId').trim();
  if (!declared.some((s) => s.key.trim() === applicantKey)) {
    const id = applicantIdOf(compiled, data).value;
    if (id !== undefined) out.push({ subject: { id: APPLICANT_SUBJECT, key: applicantKey, relation: 'self' }, index: -1, nationalId: id });
  }
  return out;
}

/**
 * Who presumably files when nobody says (scenario tests): the form's applicant, else the first
 * `self` or `party` subject it names.
 */
export function presumedFiler(compiled: CompiledProcedure, data: Record<string, unknown>): string | undefined {
  const applicant = applicantIdOf(compiled, data).value;
  if (applicant !== undefined) return applicant;
  return named(compiled, data).find((n) => n.subject.relation === 'self' || n.subject.relation === 'party')?.nationalId;
}

/** The national ID the form gives for subject `id` (after defaults), if it gives one. */
export function subjectNationalId(compiled: CompiledProcedure, data: Record<string, unknown>, id: string): string | undefined {
  return named(compiled, data).find((n) => n.subject.id === id)?.nationalId;
}

/** The lookups that verify relations (population records of the child, the deceased, the filer). */
export function verificationLookups(compiled: CompiledProcedure, data: Record<string, unknown>, filer: string | undefined): Lookup[] {
  if (filer === undefined) return [];
  return named(compiled, data).flatMap(({ subject, nationalId }): Lookup[] => {
    if (nationalId === filer) return [];
    if (subject.relation === 'child' || subject.relation === 'deceased') return [{ source: RELATION_SOURCE, key: nationalId, for: { subject: subject.id } }];
    if (subject.relation === 'parent') return [{ source: RELATION_SOURCE, key: filer, for: { subject: subject.id } }];
    return [];
  });
}

/** The subject's authorization component ids. */
export function authorizationsOf(subject: Subject): string[] {
  const a = subject.authorization;
  return a === undefined ? [] : Array.isArray(a) ? a : [a];
}

/**
 * Whether one of the subject's `authorization` components is in the dossier: uploaded, or
 * replaced by its source under a key that is nobody's national ID (a death notice number).
 * A record keyed by a subject's ID proves nothing about the filer, and reading it is what is
 * being decided.
 */
function authorized(compiled: CompiledProcedure, subject: Subject, data: Record<string, unknown>, uploads: Record<string, UploadedFile>, sources: SourceReader, people: ReadonlySet<string>): boolean {
  const components = compiled.procedure.components ?? [];
  return authorizationsOf(subject).some((id) => {
    if (uploads[id]) return true;
    const index = components.findIndex((c) => c.id === id);
    const by = components[index]?.replaceableBy;
    if (!by) return false;
    const key = keyOf(compiled, by.key, `components[${index}].replaceableBy.key`, data);
    return key !== undefined && !people.has(key) && sources.get(by.source, key) !== undefined;
  });
}

/** What the population record shows of the relation, without exposing the record. */
function relationShown(subject: Subject, nationalId: string, filer: string, sources: SourceReader): boolean {
  const parentsOf = (id: string): unknown[] => {
    const r = sources.get(RELATION_SOURCE, id);
    return r ? [r.fatherId, r.motherId] : [];
  };
  switch (subject.relation) {
    case 'child':
      return parentsOf(nationalId).includes(filer);
    case 'parent':
      return parentsOf(filer).includes(nationalId);
    case 'deceased':
      return sources.get(RELATION_SOURCE, nationalId)?.deceased === true;
    case 'self':
    case 'party':
    case 'represented':
      // Not a family relation: the caller decides these from the filer and the dossier.
      return false;
  }
}

/**
 * Where each subject the data names stands, for a filer (`undefined`: a trusted channel, every
 * subject entitled). Returns the problems of subjects the
 * filer is not entitled to (the caller refuses the filing with them).
 */
export function assessSubjects(
  compiled: CompiledProcedure,
  data: Record<string, unknown>,
  filer: string | undefined,
  sources: SourceReader,
  uploads: Record<string, UploadedFile>,
): { subjects: SubjectState[]; problems: Problem[] } {
  const list = named(compiled, data);
  const problems: Problem[] = [];
  const isParty = list.some((n) => n.subject.relation === 'party' && n.nationalId === filer);
  const people = new Set(list.map((n) => n.nationalId));
  const where = (n: { subject: Subject; index: number }): string => (n.index < 0 ? applicantIdOf(compiled, data).path : fieldOf(n.subject.key) ?? `subjects[${n.index}]`);
  const subjects = list.map((n): SubjectState => {
    const base = { id: n.subject.id, relation: n.subject.relation, nationalId: n.nationalId };
    if (filer === undefined) return { ...base, status: 'entitled' };
    if (n.nationalId === filer) return { ...base, status: 'filer' };
    let entitled: boolean;
    if (n.subject.relation === 'self') {
      entitled = false;
      problems.push({
        code: 'E_APPLICANT_NOT_CALLER',
        message: `The national ID of '${n.subject.id}' in the form is not the signed-in citizen's`,
        path: where(n),
        hint: 'File as yourself: the applicant is the holder of the signed-in account. Filing for someone else under an authorisation is done at the one-stop counter.',
      });
    } else if (n.subject.relation === 'party') {
      entitled = isParty;
      if (!isParty && !problems.some((p) => p.code === 'E_NOT_A_PARTY')) {
        problems.push({
          code: 'E_NOT_A_PARTY',
          message: 'The signed-in citizen is not one of the parties the form names',
          path: where(n),
          hint: 'Only a party to the act files it: give your own national ID as one of the parties.',
        });
      }
    } else {
      entitled = relationShown(n.subject, n.nationalId, filer, sources) || authorized(compiled, n.subject, data, uploads, sources, people);
      if (!entitled) {
        problems.push({
          code: 'E_SUBJECT_NOT_ENTITLED',
          message: `Nothing shows that the signed-in citizen may file for '${n.subject.id}' (relation ${n.subject.relation})`,
          path: where(n),
          hint: n.subject.authorization
            ? `Attach ${authorizationsOf(n.subject).map((a) => `'${a}'`).join(' or ')} (the written authorization or proof), or check the national ID.`
            : 'Check the national ID: the national population database does not show this relation.',
        });
      }
    }
    if (!entitled) return { ...base, status: 'awaiting-consent' };
    return { ...base, status: n.subject.consent === 'required' ? 'awaiting-consent' : 'entitled' };
  });
  return { subjects, problems };
}

/** As {@link assessSubjects}, refusing (`E_SUBJECT_NOT_ENTITLED` and the others, all at once) when the filer is not entitled. */
export function entitle(
  compiled: CompiledProcedure,
  data: Record<string, unknown>,
  filer: string | undefined,
  sources: SourceReader,
  uploads: Record<string, UploadedFile>,
): SubjectState[] {
  const { subjects, problems } = assessSubjects(compiled, data, filer, sources, uploads);
  if (problems.length > 0) {
    throw new RefusalError(problems[0]!.code, `${problems.length} person(s) named in the form may not be read: ${problems.map((p) => p.message).join('; ')}`, problems, {
      path: problems[0]?.path,
      hint: 'A filing reads only the records of its filer and of the people the procedure lets them name.',
    });
  }
  return subjects;
}

/** The national IDs whose records may not be read now (awaiting consent, or not entitled). */
export function blockedIds(subjects: readonly SubjectState[]): Set<string> {
  const readable = new Set(subjects.filter((s) => s.status !== 'awaiting-consent').map((s) => s.nationalId));
  return new Set(subjects.filter((s) => s.status === 'awaiting-consent' && !readable.has(s.nationalId)).map((s) => s.nationalId));
}

/** A reader that answers nothing for a blocked national ID, whatever the source. */
export function gatedReader(sources: SourceReader, blocked: ReadonlySet<string>): SourceReader {
  if (blocked.size === 0) return sources;
  return { get: (source, key) => (blocked.has(key) ? undefined : sources.get(source, key)) };
}

/** Whether any subject still awaits consent. */
export function awaitsConsent(subjects: readonly SubjectState[] | undefined): boolean {
  return subjects?.some((s) => s.status === 'awaiting-consent') ?? false;
}

const FIELD_PATH = /^data(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
function fieldOf(key: string): string | undefined {
  return FIELD_PATH.test(key.trim()) ? key.trim() : undefined;
}
