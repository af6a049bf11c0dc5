/**
 * A small library for the server's tests: one unit tree, two roles, a test calendar and a
 * two-step procedure whose first component can be replaced by a population record.
 */
import type { CalendarSpec, OrgUnit, RoleEntry, Procedure } from 'motcua/engine';
import type { ServerLibrary } from '../src';

export const UNITS: OrgUnit[] = [
  { id: 'prov-a', name: 'Tỉnh A', level: 'province' },
  { id: 'commune-a1', name: 'Xã A1', level: 'commune', parent: 'prov-a' },
  { id: 'commune-a2', name: 'Xã A2', level: 'commune', parent: 'prov-a' },
];

export const ROLES: RoleEntry[] = [
  { id: 'civil-status-officer', name: { vi: 'Công chức hộ tịch' }, levels: ['commune', 'province'] },
  { id: 'commune-chair', name: { vi: 'Chủ tịch xã' }, levels: ['commune'] },
];

/** Every day, all day: deadlines are plain arithmetic, so tests read easily. */
export const CALENDAR: CalendarSpec = {
  id: 'always',
  timezone: 'Asia/Ho_Chi_Minh',
  week: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  hours: [['00:00', '23:59']],
  years: { from: 2024, to: 2030 },
};

export const PROCEDURE: Procedure = {
  code: 'T.000001',
  version: '1.0.0',
  name: { vi: 'Đăng ký khai sinh thử nghiệm', en: 'Test birth registration' },
  sector: 'civil-status',
  level: 'commune',
  calendar: 'always',
  data: {
    schema: {
      type: 'object',
      required: ['applicant', 'child'],
      properties: {
        applicant: {
          type: 'object',
          required: ['nationalId'],
          properties: { nationalId: { type: 'string', pattern: '^[0-9]{12}$' }, fullName: { type: 'string' } },
        },
        child: {
          type: 'object',
          required: ['name', 'ageDays'],
          properties: { name: { type: 'string', minLength: 1 }, ageDays: { type: 'integer', minimum: 0 } },
        },
      },
    },
  },
  components: [
    {
      id: 'applicant-id',
      name: { vi: 'Giấy tờ tùy thân' },
      required: true,
      replaceableBy: { source: 'population', key: 'data.applicant.nationalId' },
    },
    { id: 'birth-certificate', name: { vi: 'Giấy chứng sinh' }, required: true },
  ],
  fees: [{ id: 'late', amount: 5000, when: 'data.child.ageDays > 60' }],
  payment: 'none',
  deadline: { value: 3, unit: 'calendar-day' },
  steps: [
    {
      id: 'verify',
      kind: 'task',
      role: 'civil-status-officer',
      level: 'commune',
      actions: {
        approve: { to: 'sign' },
        reject: { to: 'rejected', form: { type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 1 } } } },
      },
    },
    { id: 'sign', kind: 'task', role: 'commune-chair', level: 'commune', actions: { sign: { to: 'approved' } } },
  ],
  outcomes: {
    approved: { status: 'done' },
    rejected: { status: 'rejected' },
    withdrawn: { status: 'withdrawn' },
  },
};

/** Filed at a commune, reviewed at the province: the task goes to the parent unit. */
export const PROVINCE_PROCEDURE: Procedure = {
  ...PROCEDURE,
  code: 'T.000002',
  name: { vi: 'Thủ tục thẩm định cấp tỉnh' },
  components: [],
  steps: [{ id: 'review', kind: 'task', role: 'civil-status-officer', level: 'province', actions: { approve: { to: 'approved' } } }],
};

export function testLibrary(extra: Procedure[] = []): ServerLibrary {
  return {
    procedures: [PROCEDURE, PROVINCE_PROCEDURE, ...extra].map((p) => ({ file: `${p.code}.yaml`, procedure: p, diagnostics: [] })),
    calendars: new Map([[CALENDAR.id!, CALENDAR]]),
    units: UNITS,
    roles: ROLES,
  };
}

export const POPULATION_RECORD = { nationalId: '001090000001', fullName: 'Nguyễn Văn An', birthDate: '1990-01-01', gender: 'male' };
/** cit-2's record (cit-3 has none: its filings miss the applicant's ID component). */
export const POPULATION_RECORD_2 = { nationalId: '001090000002', fullName: 'Trần Thị Bình', birthDate: '1992-02-02', gender: 'female' };
