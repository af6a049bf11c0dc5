import { RefusalError } from '../errors';
/**
 * Small inline procedures and an environment for the runtime's and compiler's own tests
 * (the library's real procedures are tested by their scenarios).
 */
import { compileCalendar, parseInstant, type WorkingCalendar } from '../calendar';
import type { Procedure } from '../model/procedure';
import type { Actor, RuntimeEnv, SourceReader } from './types';

let calendar: WorkingCalendar | undefined;

/** Mon-Fri, 08:00-17:00 in Vietnam, with 16-17 Feb 2026 off. */
export function testCalendar(): WorkingCalendar {
  calendar ??= compileCalendar({
    timezone: 'Asia/Ho_Chi_Minh',
    week: ['mon', 'tue', 'wed', 'thu', 'fri'],
    hours: [['08:00', '17:00']],
    holidays: ['2026-02-16', '2026-02-17'],
    years: { from: 2025, to: 2027 },
  });
  return calendar;
}

/** A source reader over a literal registry: source -> key -> record. */
export function registry(records: Record<string, Record<string, Record<string, unknown>>>): SourceReader {
  return { get: (source, key) => records[source]?.[key] };
}

export const POPULATION = registry({
  population: { '001090000001': { fullName: 'Nguyen Van A', birthDate: '1990-01-01' } },
  health: { 'BN-1': { child: 'Nguyen Van B' } },
});

/** An environment at a local time in Vietnam (`2026-02-12T09:00`). */
export function envAt(local: string, sources: SourceReader = POPULATION): RuntimeEnv {
  return { now: parseInstant(`${local}+07:00`), calendar: testCalendar(), sources };
}

export const APPLICANT: Actor = { kind: 'applicant', id: 'citizen-1' };
export const OFFICER: Actor = { kind: 'officer', id: 'officer-1', roles: ['civil-status-officer'], level: 'commune' };
export const CHAIR: Actor = { kind: 'officer', id: 'chair-1', roles: ['commune-chair'], level: 'commune' };

/**
 * Birth-registration-like: prefill (locked), a replaceable and a conditional component,
 * fees with when/quantity/exempt, payment, task with form, supplement, choice, outcomes.
 */
export function birthProcedure(overrides: Partial<Procedure> = {}): Procedure {
  return {
    code: '9.000100',
    version: '1.0.0',
    name: { vi: 'Đăng ký khai sinh (thử)', en: 'Birth registration (test)' },
    sector: 'civil-status',
    level: 'commune',
    data: {
      schema: {
        type: 'object',
        required: ['applicant', 'child'],
        properties: {
          applicant: {
            type: 'object',
            required: ['nationalId'],
            properties: {
              nationalId: { type: 'string', pattern: '^[0-9]{12}$' },
              fullName: { type: 'string' },
              birthDate: { type: 'string' },
              poor: { type: 'boolean', default: false },
            },
          },
          child: {
            type: 'object',
            required: ['name', 'ageDays'],
            properties: {
              name: { type: 'string', minLength: 1 },
              ageDays: { type: 'integer', minimum: 0 },
              bornAbroad: { type: 'boolean', default: false },
              birthNoticeNo: { type: 'string' },
            },
          },
          extraCopies: { type: 'integer', minimum: 0, default: 0 },
        },
      },
      prefill: [{ field: 'applicant', source: 'population', key: 'data.applicant.nationalId', lock: true }],
    },
    components: [
      { id: 'request-form', name: { vi: 'Tờ khai', en: 'Request form' }, required: true },
      {
        id: 'birth-certificate',
        name: { vi: 'Giấy chứng sinh', en: 'Medical birth certificate' },
        required: true,
        replaceableBy: { source: 'health', key: 'data.child.birthNoticeNo' },
      },
      { id: 'abroad-proof', name: { vi: 'Giấy tờ nước ngoài', en: 'Foreign birth proof' }, required: 'data.child.bornAbroad' },
    ],
    fees: [
      { id: 'registration', amount: 0 },
      { id: 'late', amount: 5000, when: 'data.child.ageDays > 60', exempt: 'data.applicant.poor' },
      { id: 'copies', amount: 8000, quantity: 'data.extraCopies' },
    ],
    payment: 'before-processing',
    deadline: { value: 3, unit: 'working-day' },
    extension: { max: 10 },
    suspension: { clock: 'stop' },
    steps: [
      { id: 'pay', kind: 'payment', to: 'route' },
      { id: 'route', kind: 'choice', branches: [{ when: 'data.child.bornAbroad', to: 'province-review' }], otherwise: 'verify' },
      {
        id: 'verify',
        kind: 'task',
        role: 'civil-status-officer',
        level: 'commune',
        sla: { value: 4, unit: 'working-hour' },
        actions: {
          approve: { to: 'sign' },
          'request-supplement': { to: 'supplement' },
          reject: { to: 'rejected', form: { type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 3 } } } },
          'extend-time': { to: 'verify', extend: 2 },
        },
      },
      { id: 'supplement', kind: 'supplement', to: 'verify' },
      { id: 'province-review', kind: 'task', role: 'civil-status-officer', level: 'province', actions: { approve: { to: 'sign' } } },
      { id: 'sign', kind: 'task', role: 'commune-chair', actions: { sign: { to: 'approved' }, refuse: { to: 'rejected' } } },
    ],
    outcomes: {
      approved: { status: 'done', result: { document: 'birth-certificate', issuer: 'commune', store: 'wallet' } },
      rejected: { status: 'rejected' },
      withdrawn: { status: 'withdrawn' },
    },
    ...overrides,
  };
}

/** Valid submission data for `birthProcedure`. */
export function birthData(child: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { applicant: { nationalId: '001090000001' }, child: { name: 'B', ageDays: 10, birthNoticeNo: 'BN-1', ...child }, ...extra };
}

/** A procedure with a parallel consultation and a child procedure step. */
export function consultProcedure(): Procedure {
  return {
    code: '9.000200',
    version: '1.0.0',
    name: { vi: 'Tham vấn (thử)' },
    sector: 'test',
    level: 'province',
    data: { schema: { type: 'object', properties: { name: { type: 'string' } } } },
    deadline: { value: 8, unit: 'working-hour' },
    suspension: { clock: 'restart' },
    steps: [
      {
        id: 'consult',
        kind: 'parallel',
        branches: {
          police: [{ id: 'police-check', kind: 'task', role: 'police-officer', actions: { done: { to: 'end' }, refuse: { to: 'rejected' } } }],
          tax: [
            { id: 'tax-check', kind: 'task', role: 'tax-officer', actions: { done: { to: 'end' }, ask: { to: 'tax-supplement' } } },
            { id: 'tax-supplement', kind: 'supplement', to: 'tax-check' },
          ],
        },
        to: 'residence',
      },
      { id: 'residence', kind: 'procedure', procedure: '9.000300', data: { applicantName: 'data.name' }, to: 'approved', onFail: 'rejected' },
    ],
    outcomes: { approved: { status: 'done' }, rejected: { status: 'rejected' } },
    linked: [{ procedure: '9.000400', when: "data.name == 'link'", data: { who: 'data.name' } }],
  };
}

/** The child of `consultProcedure`: one task. */
export function childProcedure(): Procedure {
  return {
    code: '9.000300',
    version: '1.0.0',
    name: { vi: 'Thủ tục con (thử)' },
    sector: 'test',
    level: 'commune',
    data: { schema: { type: 'object', properties: { applicantName: { type: 'string' } } } },
    deadline: { value: 1, unit: 'working-day' },
    steps: [{ id: 'register', kind: 'task', role: 'police-officer', actions: { ok: { to: 'done' }, no: { to: 'refused' } } }],
    outcomes: { done: { status: 'done' }, refused: { status: 'rejected' } },
  };
}

/** The refusal `fn` throws (any other error is rethrown; no refusal fails the test). */
export function refusal(fn: () => unknown): RefusalError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RefusalError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}
