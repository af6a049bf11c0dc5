/**
 * Scale data for benchmarks: writes a library of thousands of valid, varied procedures that a
 * server loads with nothing broken and whose scenarios pass.
 *
 *   npm run generate:library -- --count 5000 --out /tmp/lib [--seed 42]
 *
 * writes the procedures, one scenario file beside each (`*.test.yaml`: the path to approval,
 * a rejection at reception and a withdrawal), and copies of this library's catalogues and
 * calendars, so that the folder is a library on its own (`motcua validate`, `motcua test`,
 * `motcua serve --library`). In memory: `generateProcedures(5000, 42)` returns the procedure
 * files `{ file, text }[]` (file is relative to the output folder), `generateLibrary` adds the
 * scenario files. The output is synthetic (codes `9.xxxxxx`, names marked "mẫu") and
 * must not be committed: the real library lives in `procedures/`.
 *
 * Every generated procedure follows the format contract and only uses roles and national
 * sources of the library's catalogues, so that `motcua validate <out>` (with the catalogues
 * beside it) reports nothing. Variety comes from a seeded PRNG: step graphs with payment,
 * choice, parallel consultations and supplement loops; fees with `when`, `quantity` and
 * `exempt` in CEL; conditional components, some replaceable by national data; prefill; linked
 * procedures (child steps and `linked`) that only name earlier codes of the same run.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';

/** One generated procedure file: a path relative to the output folder and its YAML text. */
export interface GeneratedFile {
  file: string;
  text: string;
}

/** mulberry32: tiny, fast, good enough for test data, and identical on every platform. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = ReturnType<typeof prng>;

const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const chance = (r: Rand, p: number): boolean => r() < p;
function pick<T>(r: Rand, xs: readonly T[]): T {
  const x = xs[Math.floor(r() * xs.length)];
  if (x === undefined) throw new Error('pick from an empty list');
  return x;
}

type Lvl = 'commune' | 'province';

/** Roles of `procedures/catalogues/roles.yaml` with the levels they exist at. */
const ROLES: Record<string, readonly Lvl[]> = {
  'reception-officer': ['commune', 'province'],
  'civil-status-officer': ['commune', 'province'],
  'certification-officer': ['commune', 'province'],
  'social-protection-officer': ['commune', 'province'],
  'land-registration-officer': ['commune', 'province'],
  'natural-resources-officer': ['commune', 'province'],
  'construction-officer': ['commune', 'province'],
  'business-registration-officer': ['commune', 'province'],
  'tax-officer': ['commune', 'province'],
  'health-officer': ['commune', 'province'],
  'education-officer': ['commune', 'province'],
  'culture-officer': ['commune', 'province'],
  'division-head': ['commune', 'province'],
};
const SIGNERS: Record<Lvl, readonly string[]> = {
  commune: ['commune-chair', 'commune-vice-chair'],
  province: ['department-head', 'province-vice-chair', 'province-chair'],
};

const SECTORS = [
  { id: 'civil-status', vi: 'Hộ tịch', officer: 'civil-status-officer' },
  { id: 'certification', vi: 'Chứng thực', officer: 'certification-officer' },
  { id: 'social-protection', vi: 'Bảo trợ xã hội', officer: 'social-protection-officer' },
  { id: 'land', vi: 'Đất đai', officer: 'land-registration-officer' },
  { id: 'construction', vi: 'Xây dựng', officer: 'construction-officer' },
  { id: 'business', vi: 'Đăng ký kinh doanh', officer: 'business-registration-officer' },
  { id: 'health', vi: 'Y tế', officer: 'health-officer' },
  { id: 'education', vi: 'Giáo dục', officer: 'education-officer' },
  { id: 'culture', vi: 'Văn hóa', officer: 'culture-officer' },
] as const;

const NOUNS = ['giấy phép', 'giấy chứng nhận', 'xác nhận', 'đăng ký', 'cấp đổi', 'cấp lại', 'gia hạn', 'điều chỉnh'];
const OBJECTS = ['hoạt động', 'cơ sở', 'thông tin', 'hồ sơ', 'chứng chỉ', 'quyền sử dụng', 'văn bằng', 'tài sản'];
const DOCS = ['Tờ khai', 'Đơn đề nghị', 'Bản vẽ', 'Hợp đồng', 'Văn bản xác nhận', 'Giấy ủy quyền', 'Báo cáo', 'Biên bản'];

/** Sources a component may be replaced by, with a CEL key over the generated data schema. */
const REPLACEABLE = [
  { source: 'population', key: 'data.applicant.nationalId', vi: 'Giấy tờ tùy thân' },
  { source: 'business-register', key: 'data.enterpriseCode', vi: 'Giấy chứng nhận đăng ký doanh nghiệp' },
  { source: 'land-register', key: 'data.parcelId', vi: 'Giấy chứng nhận quyền sử dụng đất' },
  { source: 'social-protection', key: 'data.applicant.nationalId', vi: 'Giấy xác nhận hộ nghèo' },
  { source: 'tax', key: 'data.applicant.nationalId', vi: 'Xác nhận nghĩa vụ thuế' },
] as const;

const REJECT_FORM = { type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 1, title: 'Lý do' } } };

type Obj = Record<string, unknown>;

/** The e-form: always an applicant, plus the fields that expressions in the file read. */
function dataSchema(): Obj {
  return {
    type: 'object',
    required: ['applicant', 'quantity', 'category'],
    properties: {
      applicant: {
        type: 'object',
        title: 'Người nộp hồ sơ',
        required: ['nationalId'],
        properties: {
          nationalId: { type: 'string', pattern: '^[0-9]{12}$', title: 'Số định danh cá nhân' },
          fullName: { type: 'string', title: 'Họ, chữ đệm và tên' },
          poor: { type: 'boolean', default: false, title: 'Thuộc hộ nghèo' },
          merit: { type: 'boolean', default: false, title: 'Người có công với cách mạng' },
        },
      },
      quantity: { type: 'integer', minimum: 1, maximum: 100, default: 1, title: 'Số lượng' },
      area: { type: 'integer', minimum: 0, default: 0, title: 'Diện tích (m²)' },
      category: { type: 'string', enum: ['a', 'b', 'c'], default: 'a', title: 'Loại hồ sơ' },
      urgent: { type: 'boolean', default: false, title: 'Đề nghị giải quyết nhanh' },
      // Empty by default so that keys and conditions over them never read an absent field.
      enterpriseCode: { type: 'string', default: '', title: 'Mã số doanh nghiệp' },
      parcelId: { type: 'string', default: '', title: 'Mã thửa đất' },
    },
  };
}

const CONDITIONS = [
  "data.category == 'b'",
  "data.category != 'a'",
  'data.area > 100',
  'data.quantity >= 3',
  'data.urgent',
  "data.enterpriseCode != ''",
  "data.parcelId != '' && data.area > 0",
];

function components(r: Rand): Obj[] {
  const out: Obj[] = [{ id: 'request-form', name: { vi: 'Đơn đề nghị (theo mẫu)', en: 'Request form' }, required: true, copies: { original: 1, copy: 0 } }];
  const n = int(r, 1, 5);
  const usedSources = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (chance(r, 0.45)) {
      const rep = pick(r, REPLACEABLE);
      if (usedSources.has(rep.source)) continue;
      usedSources.add(rep.source);
      // A replaceable component keyed by an optional field is only required when that field is given.
      const required = rep.key.startsWith('data.applicant') ? true : `${rep.key} != ''`;
      out.push({ id: `${rep.source}-doc`, name: { vi: rep.vi }, required, copies: { original: 0, copy: 1 }, replaceableBy: { source: rep.source, key: rep.key } });
    } else {
      out.push({
        id: `doc-${i + 1}`,
        name: { vi: `${pick(r, DOCS)} số ${i + 1}` },
        required: chance(r, 0.5) ? true : pick(r, CONDITIONS),
        copies: { original: int(r, 0, 1), copy: int(r, 0, 2) },
      });
    }
  }
  return out;
}

function fees(r: Rand): Obj[] {
  const out: Obj[] = [];
  const n = int(r, 0, 3);
  for (let i = 0; i < n; i++) {
    const fee: Obj = { id: `fee-${i + 1}`, name: { vi: `Phí, lệ phí ${i + 1}` }, amount: int(r, 1, 100) * 5000, kind: chance(r, 0.5) ? 'fee' : 'charge' };
    if (chance(r, 0.4)) fee['when'] = pick(r, CONDITIONS);
    if (chance(r, 0.3)) fee['quantity'] = pick(r, ['data.quantity', 'data.quantity * 2', 'data.area > 100 ? 2 : 1']);
    if (chance(r, 0.4)) fee['exempt'] = pick(r, ['data.applicant.poor', 'data.applicant.merit', 'data.applicant.poor || data.applicant.merit']);
    out.push(fee);
  }
  return out;
}

function task(id: string, role: string, level: Lvl, actions: Obj, vi: string, slaHours?: number): Obj {
  return { id, kind: 'task', name: { vi }, role, level, ...(slaHours ? { sla: { value: slaHours, unit: 'working-hour' } } : {}), actions };
}

/**
 * A step graph: [pay] -> receive (supplement loop, reject, withdraw) -> [choice] -> reviews ->
 * [parallel consultation] -> [pay] -> sign. Every step is reachable and every path ends in an outcome.
 */
function steps(r: Rand, level: Lvl, officer: string, hasFees: boolean, payment: string, sla: number | undefined, child: string | undefined): Obj[] {
  const out: Obj[] = [];
  const reviews = int(r, 0, 3);
  const withChoice = chance(r, 0.5);
  const withParallel = chance(r, 0.35);
  const after: string[] = [];
  for (let i = 0; i < reviews; i++) after.push(`review-${i + 1}`);
  if (withParallel) after.push('consult');
  if (child) after.push('linked');
  if (hasFees && payment === 'on-result') after.push('pay');
  after.push('sign');
  const first = after[0] ?? 'sign';

  if (hasFees && payment === 'before-processing') out.push({ id: 'pay', kind: 'payment', name: { vi: 'Nộp phí, lệ phí' }, to: 'receive' });
  out.push(
    task('receive', officer, level, {
      accept: { to: withChoice ? 'route' : first },
      'request-supplement': { to: 'supplement' },
      reject: { to: 'rejected', form: REJECT_FORM },
      withdraw: { to: 'withdrawn' },
    }, 'Tiếp nhận, kiểm tra hồ sơ', sla),
    { id: 'supplement', kind: 'supplement', to: 'receive' },
  );
  if (withChoice) {
    out.push({ id: 'route', kind: 'choice', branches: [{ when: pick(r, CONDITIONS), to: 'expert-review' }], otherwise: first });
    out.push(task('expert-review', 'division-head', level, { done: { to: first }, reject: { to: 'rejected', form: REJECT_FORM } }, 'Thẩm định chuyên sâu'));
  }
  for (let i = 0; i < reviews; i++) {
    const next = after[i + 1] ?? 'sign';
    const actions: Obj = { approve: { to: next } };
    if (chance(r, 0.5)) actions['reject'] = { to: 'rejected', form: REJECT_FORM };
    out.push(task(`review-${i + 1}`, pick(r, Object.keys(ROLES)), level, actions, `Thẩm định bước ${i + 1}`, sla));
  }
  if (withParallel) {
    const branches: Obj = {};
    const count = int(r, 2, 3);
    for (let b = 0; b < count; b++) {
      branches[`b${b + 1}`] = [task(`consult-${b + 1}`, pick(r, ['tax-officer', 'natural-resources-officer', 'health-officer', 'construction-officer']), level, { done: { to: 'end' } }, `Lấy ý kiến cơ quan ${b + 1}`)];
    }
    const next = after[after.indexOf('consult') + 1] ?? 'sign';
    out.push({ id: 'consult', kind: 'parallel', name: { vi: 'Lấy ý kiến các cơ quan liên quan' }, branches, to: next });
  }
  if (child) {
    // A linked procedure (liên thông) run as a child case; the child's e-form has the same shape.
    const next = after[after.indexOf('linked') + 1] ?? 'sign';
    out.push({ id: 'linked', kind: 'procedure', name: { vi: 'Thủ tục liên thông' }, procedure: child, data: { applicant: 'data.applicant', quantity: 'data.quantity', category: 'data.category' }, to: next, onFail: 'rejected' });
  }
  if (hasFees && payment === 'on-result') out.push({ id: 'pay', kind: 'payment', to: 'sign' });
  out.push(task('sign', pick(r, SIGNERS[level]), level, { sign: { to: 'approved' }, return: { to: 'receive' } }, 'Ký, ban hành kết quả'));
  return out;
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const codeOf = (index: number): string => `9.${String(100000 + index).padStart(6, '0')}`;

function procedure(r: Rand, index: number): { sector: string; code: string; name: string; body: Obj } {
  const sector = pick(r, SECTORS);
  const level: Lvl = chance(r, 0.6) ? 'commune' : 'province';
  const code = codeOf(index);
  const name = `${pick(r, NOUNS)} ${pick(r, OBJECTS)} (mẫu ${index + 1})`;
  const feeList = fees(r);
  const hasFees = feeList.length > 0;
  const payment = hasFees ? pick(r, ['before-processing', 'on-result'] as const) : 'none';
  const unit = pick(r, ['working-day', 'working-day', 'working-day', 'working-hour', 'calendar-day'] as const);
  const value = unit === 'working-hour' ? int(r, 4, 40) : int(r, 1, 30);
  // Step SLAs share the statutory time: at most 7 tasks lie on one path, so each gets a seventh
  // (8 working hours a working day). Calendar-day limits get no SLAs (they do not convert exactly).
  const budget = unit === 'working-hour' ? value : unit === 'working-day' ? value * 8 : 0;
  const sla = Math.floor(budget / 7) >= 1 ? Math.floor(budget / 7) : undefined;
  // Only earlier codes are linked, so the links never form a cycle.
  const child = index > 0 && chance(r, 0.1) ? codeOf(int(r, 0, index - 1)) : undefined;
  const linked = index > 0 && chance(r, 0.05) ? [{ procedure: codeOf(int(r, 0, index - 1)), when: 'data.urgent', data: { applicant: 'data.applicant' } }] : undefined;
  const body: Obj = {
    code,
    version: '1.0.0',
    effective: { from: '2026-01-01', to: null },
    name: { vi: `${sector.vi}: ${name}`, en: `Synthetic procedure ${index + 1}` },
    sector: sector.id,
    level,
    calendar: 'vn',
    legalBasis: [{ doc: `${int(r, 1, 200)}/2025/NĐ-CP`, title: 'Văn bản mẫu (dữ liệu tổng hợp)', article: String(int(r, 1, 60)) }],
    applicants: chance(r, 0.7) ? ['citizen'] : ['citizen', 'business'],
    data: {
      schema: dataSchema(),
      prefill: [{ field: 'applicant.fullName', source: 'population', key: 'data.applicant.nationalId', select: 'fullName', lock: true }],
    },
    components: components(r),
    fees: feeList,
    payment,
    deadline: { value, unit },
    suspension: { clock: chance(r, 0.8) ? 'stop' : 'restart' },
    steps: steps(r, level, sector.officer, hasFees, payment, sla, child),
    outcomes: {
      approved: { status: 'done', result: { document: `result-${slug(name)}`, issuer: level, store: 'wallet' } },
      rejected: { status: 'rejected' },
      withdrawn: { status: 'withdrawn' },
    },
    ...(linked ? { linked } : {}),
    notes: ['Synthetic procedure generated by scripts/generate-library.ts for benchmarks; not a real administrative procedure.'],
  };
  return { sector: sector.id, code, name, body };
}

/** Generates `count` procedures deterministically from `seed`. */
export function generateProcedures(count: number, seed = 1): GeneratedFile[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number >= 0, got ${count}`);
  const r = prng(seed);
  const files: GeneratedFile[] = [];
  const bodies = new Map<string, Obj>();
  for (let i = 0; i < count; i++) {
    const p = procedure(r, i);
    carryChildComponents(p.body, bodies);
    bodies.set(p.code, p.body);
    const text = `# yaml-language-server: $schema=../../schema/procedure.schema.json\n${stringify(p.body, { lineWidth: 0 })}`;
    files.push({ file: `${p.sector}/${p.code}-${slug(p.name)}.yaml`, text });
  }
  return files;
}

/**
 * Liên thông: the dossier is filed once, with the parent, and a child case receives the
 * parent's uploads of the components it declares (the engine's `childUploads`). So a parent
 * that starts a child (or a linked case) also declares the child's components it lacks, as
 * optional ones the applicant brings for the child.
 */
function carryChildComponents(body: Obj, earlier: ReadonlyMap<string, Obj>): void {
  const own = body['components'] as Obj[];
  const codes = [
    ...(body['steps'] as Obj[]).filter((st) => st['kind'] === 'procedure').map((st) => st['procedure'] as string),
    ...((body['linked'] as Obj[] | undefined) ?? []).map((l) => l['procedure'] as string),
  ];
  for (const code of codes) {
    for (const c of (earlier.get(code)?.['components'] as Obj[] | undefined) ?? []) {
      if (own.some((o) => o['id'] === c['id'])) continue;
      own.push({ ...c, required: false, name: { vi: `${(c['name'] as { vi: string }).vi} (cho thủ tục liên thông)` } });
    }
  }
}

/** The applicant of every generated scenario, held by the population source. */
const APPLICANT = { nationalId: '001090000001', fullName: 'Nguyễn Văn Mẫu', birthDate: '1990-01-01', gender: 'male' } as const;

/** Fees due with the scenario's data (category a, quantity 1, area 0, nothing urgent, no exemption). */
function feesDue(fees: readonly Obj[]): number {
  const quantity: Record<string, number> = { 'data.quantity': 1, 'data.quantity * 2': 2, 'data.area > 100 ? 2 : 1': 1 };
  // Every generated condition is false with that data, so an item with `when` is not due.
  return fees.filter((f) => f['when'] === undefined).reduce((sum, f) => sum + (f['amount'] as number) * (f['quantity'] === undefined ? 1 : (quantity[f['quantity'] as string] ?? 1)), 0);
}

/**
 * The scenarios of a generated procedure: the path to approval (a procedure step stops it
 * there: the child case is another procedure's business), a rejection at reception, and a
 * withdrawal. Every generated condition is false with the scenario's data, so a choice takes
 * its `otherwise`, conditional fees are not due and no linked case starts.
 */
function scenario(body: Obj): string {
  const steps = body['steps'] as Obj[];
  const byId = new Map(steps.map((st) => [st['id'] as string, st]));
  const components = (body['components'] as Obj[]).filter((c) => (c['replaceableBy'] as Obj | undefined)?.['source'] !== 'population').map((c) => c['id'] as string);
  const due = feesDue(body['fees'] as Obj[]);
  const payFirst = due > 0 && body['payment'] === 'before-processing';
  const submit = { submit: { data: { applicant: { nationalId: APPLICANT.nationalId }, quantity: 1, category: 'a' }, upload: components }, expect: { state: payFirst ? 'pay' : 'receive', fees: due } };
  const act = (step: Obj, action: string, extra: Obj = {}): Obj => ({ act: { step: step['id'], action, as: { role: step['role'] }, ...extra } });

  const approval: Obj[] = [submit];
  if (payFirst) approval.push({ pay: {}, expect: { state: 'receive' } });
  let at: Obj | undefined = byId.get('receive');
  let action = 'accept';
  for (let guard = 0; at && guard < 50; guard++) {
    const kind = at['kind'];
    if (kind === 'task') {
      const spec = (at['actions'] as Record<string, Obj>)[action] ?? {};
      approval.push(act(at, action));
      const to = spec['to'] as string;
      if (to === 'approved') {
        (approval.at(-1) as Obj)['expect'] = { outcome: 'approved', status: 'done' };
        break;
      }
      at = byId.get(to);
    } else if (kind === 'choice') {
      at = byId.get(at['otherwise'] as string);
    } else if (kind === 'parallel') {
      for (const branch of Object.values(at['branches'] as Record<string, Obj[]>)) for (const t of branch) approval.push(act(t, 'done'));
      at = byId.get(at['to'] as string);
    } else if (kind === 'payment') {
      if (due > 0) approval.push({ pay: {} });
      at = byId.get(at['to'] as string);
    } else if (kind === 'procedure') {
      (approval.at(-1) as Obj)['expect'] = { state: at['id'] };
      break;
    } else break;
    action = at?.['id'] === 'sign' ? 'sign' : at?.['kind'] === 'task' ? Object.keys(at['actions'] as Obj)[0] ?? 'approve' : action;
  }

  const receive = byId.get('receive') as Obj;
  const opening = payFirst ? [submit, { pay: {} }] : [submit];
  const rejected = [...opening, { ...act(receive, 'reject', { form: { reason: 'Hồ sơ không đúng mẫu' } }), expect: { outcome: 'rejected', status: 'rejected' } }];
  const withdrawn = [...opening, { ...act(receive, 'withdraw'), expect: { outcome: 'withdrawn', status: 'withdrawn' } }];
  const file = {
    procedure: body['code'],
    clock: '2026-03-02T09:00:00+07:00',
    registry: { population: { [APPLICANT.nationalId]: { ...APPLICANT } } },
    cases: [
      { name: 'hồ sơ được tiếp nhận và giải quyết', steps: approval },
      { name: 'từ chối khi tiếp nhận', steps: rejected },
      { name: 'rút hồ sơ khi tiếp nhận', steps: withdrawn },
    ],
  };
  return `# yaml-language-server: $schema=../../schema/scenario.schema.json\n${stringify(file, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

/** The procedures of {@link generateProcedures} with a scenario file beside each. */
export function generateLibrary(count: number, seed = 1): GeneratedFile[] {
  return generateProcedures(count, seed).flatMap((f) => [f, { file: f.file.replace(/\.yaml$/, '.test.yaml'), text: scenario(parse(f.text) as Obj) }]);
}

/** This repository's library, whose catalogues and calendars a generated library carries. */
const LIBRARY = fileURLToPath(new URL('../procedures', import.meta.url));

const USAGE = 'Usage: npm run generate:library -- --count <N> --out <dir> [--seed <n>]';

/** The command line: returns the exit code (0 done, 2 usage error). */
export function main(argv: string[]): number {
  let values: { count?: string; out?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { count: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    console.error(`generate-library: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const count = Number(values.count);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!values.out || !Number.isInteger(count) || count < 0 || !Number.isInteger(seed)) {
    console.error(`generate-library: --count must be a whole number, --out a folder, --seed a whole number\n${USAGE}`);
    return 2;
  }
  const out = resolve(values.out);
  for (const f of generateLibrary(count, seed)) {
    const path = join(out, f.file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
  }
  for (const dir of ['catalogues', 'calendars']) cpSync(join(LIBRARY, dir), join(out, dir), { recursive: true });
  console.log(`generate-library: wrote ${count} procedures with their scenarios, catalogues and calendars to ${out} (seed ${seed})`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
