/**
 * Templates a new draft starts from: complete, valid procedures in the format (YAML text, with
 * the schema line editors use), to which the author gives a code and a name. The role of their
 * tasks is the first role of the library's catalogue that exists at commune level, so that a
 * draft from a template validates in the library it is written for.
 */
import { stringify } from 'yaml';
import type { RoleEntry } from 'motcua/engine';
import type { DraftTemplate } from 'motcua/contract';

/** What a template is filled with. */
export interface TemplateInput {
  code: string;
  name: { vi: string; en?: string };
  roles: readonly RoleEntry[];
  /** The library's calendar: `vn` when it has it. */
  calendar: string;
  /** YYYY-MM-DD: the version is in force from then. */
  today: string;
}

interface Template extends DraftTemplate {
  build: (o: TemplateInput) => Record<string, unknown>;
}

const roleAt = (roles: readonly RoleEntry[], n: number): string => {
  const commune = roles.filter((r) => !r.levels || r.levels.includes('commune'));
  return (commune[n] ?? commune[0] ?? roles[0])?.id ?? 'reception-officer';
};

const base = (o: TemplateInput): Record<string, unknown> => ({
  code: o.code,
  version: '1.0.0',
  effective: { from: o.today, to: null },
  name: o.name,
  sector: 'general',
  level: 'commune',
  ...(o.calendar === 'vn' ? {} : { calendar: o.calendar }),
  applicants: ['citizen'],
  data: {
    schema: {
      type: 'object',
      required: ['applicant'],
      properties: {
        applicant: {
          type: 'object',
          title: 'Người nộp hồ sơ',
          required: ['nationalId'],
          properties: { nationalId: { type: 'string', pattern: '^[0-9]{12}$', title: 'Số định danh cá nhân' }, fullName: { type: 'string', title: 'Họ và tên' } },
        },
      },
    },
  },
  components: [{ id: 'request-form', name: { vi: 'Tờ khai', en: 'Request form' }, required: true }],
  deadline: { value: 3, unit: 'working-day' },
});

const TEMPLATES: readonly Template[] = [
  {
    id: 'one-step',
    name: { vi: 'Một bước: tiếp nhận và giải quyết', en: 'One step: receive and decide' },
    build: (o) => ({
      ...base(o),
      steps: [{ id: 'decide', kind: 'task', name: { vi: 'Xem xét, giải quyết', en: 'Decide' }, role: roleAt(o.roles, 0), level: 'commune', actions: { approve: { to: 'approved' }, reject: { to: 'rejected' } } }],
      outcomes: { approved: { status: 'done' }, rejected: { status: 'rejected' }, withdrawn: { status: 'withdrawn' } },
    }),
  },
  {
    id: 'verify-sign',
    name: { vi: 'Hai bước: thẩm định và ký duyệt', en: 'Two steps: verify and sign' },
    build: (o) => ({
      ...base(o),
      steps: [
        { id: 'verify', kind: 'task', name: { vi: 'Thẩm định hồ sơ', en: 'Verify' }, role: roleAt(o.roles, 0), level: 'commune', actions: { approve: { to: 'sign' }, reject: { to: 'rejected' } } },
        { id: 'sign', kind: 'task', name: { vi: 'Ký duyệt', en: 'Sign' }, role: roleAt(o.roles, 1), level: 'commune', actions: { sign: { to: 'approved' } } },
      ],
      outcomes: { approved: { status: 'done' }, rejected: { status: 'rejected' }, withdrawn: { status: 'withdrawn' } },
    }),
  },
];

/** The templates offered (`GET /api/drafts/templates`); `scratch` is the first. */
export function templates(): DraftTemplate[] {
  return TEMPLATES.map((t) => ({ id: t.id, name: t.name }));
}

/** The YAML text of a template for a code and a name, or undefined for an unknown template. */
export function templateSource(id: string, o: TemplateInput): string | undefined {
  const t = TEMPLATES.find((x) => x.id === id);
  return t && `# yaml-language-server: $schema=../../schema/procedure.schema.json\n${stringify(t.build(o), { lineWidth: 0 })}`;
}
