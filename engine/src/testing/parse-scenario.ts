import { Ajv2020, type ErrorObject } from 'ajv/dist/2020';
import { closest } from 'fastest-levenshtein';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { hasErrors } from '../diagnostics/diagnostic';
import { parseSource, type DocPath, type SourceDocument } from '../parse/source-document';
import scenarioSchema from '../../../schema/scenario.schema.json';
import { STEP_KEYS, type Expectation, type Scenario, type ScenarioCase, type ScenarioStep, type WaitSpan } from './scenario';
import { parseInstant } from '../calendar/instant';

/** The result of parsing a scenario file: the scenario when usable, and every diagnostic. */
export interface ParsedScenario {
  scenario: Scenario | undefined;
  diagnostics: Diagnostic[];
}

let validate: ReturnType<Ajv2020['compile']> | undefined;
function schemaCheck(): ReturnType<Ajv2020['compile']> {
  // Compiled on first use: most CLI commands never read a scenario.
  validate ??= new Ajv2020({ allErrors: true, strict: false, verbose: true }).compile(scenarioSchema);
  return validate;
}

/** A diagnostic at a document path (`key: true` points at the key rather than the value). */
export function diagnosticAt(
  source: SourceDocument,
  path: DocPath,
  code: string,
  message: string,
  hint?: string,
  options: { key?: boolean; severity?: Diagnostic['severity'] } = {},
): Diagnostic {
  const pos = options.key ? source.keyPositionOf(path) : source.positionOf(path);
  return {
    file: source.file,
    line: pos.line,
    column: pos.column,
    code,
    severity: options.severity ?? 'error',
    message,
    ...(hint ? { hint } : {}),
    path: formatDocPath(path),
  };
}

function formatDocPath(path: DocPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * Parses and validates a scenario file's text. Never throws: YAML syntax errors, schema
 * violations (unknown keys with a suggestion, wrong types) and malformed instants come back
 * as diagnostics with file:line:col. References to the procedure (steps, actions, components)
 * are checked separately by `checkScenarioReferences`, once the procedure is known.
 */
export function parseScenario(text: string, file: string): ParsedScenario {
  const source = parseSource(text, file);
  const diagnostics = [...source.diagnostics];
  if (hasErrors(diagnostics) || source.value === undefined || source.value === null) {
    if (!hasErrors(diagnostics)) diagnostics.push(diagnosticAt(source, [], 'E_SCENARIO_EMPTY', 'the scenario file is empty', 'Write `procedure:`, `clock:` and `cases:`.'));
    return { scenario: undefined, diagnostics };
  }
  const check = schemaCheck();
  if (!check(source.value)) diagnostics.push(...schemaDiagnostics(source, check.errors ?? []));
  const value = source.value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { scenario: undefined, diagnostics };

  const cases: ScenarioCase[] = [];
  const rawCases = Array.isArray(value.cases) ? (value.cases as unknown[]) : [];
  rawCases.forEach((raw, ci) => {
    if (!isRecord(raw)) return;
    const steps: ScenarioStep[] = [];
    (Array.isArray(raw.steps) ? (raw.steps as unknown[]) : []).forEach((rawStep, si) => {
      if (!isRecord(rawStep)) return;
      const step = toStep(rawStep, si, source, ['cases', ci, 'steps', si], diagnostics);
      if (step) steps.push(step);
    });
    cases.push({ index: ci, name: typeof raw.name === 'string' ? raw.name : `case ${ci + 1}`, steps, ...(raw.skip === true || (typeof raw.skip === 'string' && raw.skip.trim() !== '') ? { skip: raw.skip } : {}) });
  });
  checkInstants(source, diagnostics);
  if (hasErrors(diagnostics)) return { scenario: undefined, diagnostics };
  const scenario: Scenario = {
    file,
    source,
    procedure: String(value.procedure),
    ...(typeof value.version === 'string' ? { version: value.version } : {}),
    clock: String(value.clock),
    ...(value.calendar !== undefined ? { calendar: value.calendar as Scenario['calendar'] } : {}),
    registry: (value.registry ?? {}) as Scenario['registry'],
    cases,
  };
  return { scenario, diagnostics };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toStep(raw: Record<string, unknown>, index: number, source: SourceDocument, path: DocPath, out: Diagnostic[]): ScenarioStep | undefined {
  const kinds = STEP_KEYS.filter((k) => k in raw);
  if (kinds.length > 1) {
    out.push(diagnosticAt(source, [...path, kinds[1] ?? ''], 'E_SCENARIO_STEP_KIND', `a step does one thing; this one has ${kinds.join(' and ')}`, 'Split it into two steps, one per list item.', { key: true }));
    return undefined;
  }
  const common = {
    index,
    ...(typeof raw.at === 'string' ? { at: raw.at } : {}),
    ...(typeof raw.case === 'string' ? { case: raw.case } : {}),
    ...(isRecord(raw.expect) ? { expect: raw.expect as Expectation } : {}),
  };
  const body = (key: string): Record<string, unknown> => (isRecord(raw[key]) ? raw[key] : {});
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  switch (kinds[0]) {
    case 'submit': {
      const b = body('submit');
      return {
        ...common,
        kind: 'submit',
        data: isRecord(b.data) ? b.data : {},
        upload: strings(b.upload),
        ...(typeof b.unit === 'string' ? { unit: b.unit } : {}),
        ...(typeof b.channel === 'string' ? { channel: b.channel } : {}),
        ...(isRecord(b.as) ? { as: b.as as { id?: string; nationalId?: string } } : {}),
      };
    }
    case 'act': {
      const b = body('act');
      return {
        ...common,
        kind: 'act',
        step: String(b.step),
        action: String(b.action),
        as: (isRecord(b.as) ? b.as : {}),
        ...(isRecord(b.form) ? { form: b.form } : {}),
      };
    }
    case 'pay': {
      const b = body('pay');
      return { ...common, kind: 'pay', ...(typeof b.amount === 'number' ? { amount: b.amount } : {}) };
    }
    case 'supplement': {
      const b = body('supplement');
      return { ...common, kind: 'supplement', upload: strings(b.upload), ...(isRecord(b.data) ? { data: b.data } : {}) };
    }
    case 'wait': {
      const b = body('wait');
      return { ...common, kind: 'wait', ...(typeof b.until === 'string' ? { until: b.until } : {}), ...(isRecord(b.for) ? { for: b.for as unknown as WaitSpan } : {}) };
    }
    case 'withdraw':
      return { ...common, kind: 'withdraw' };
    case 'consent':
      return { ...common, kind: 'consent', subject: String(body('consent').subject) };
    case undefined:
      if (!('at' in raw) && !('expect' in raw)) {
        out.push(diagnosticAt(source, path, 'E_SCENARIO_STEP_KIND', 'this step does nothing', `Give it one of ${STEP_KEYS.join(', ')}, or at least \`at\` or \`expect\`.`));
        return undefined;
      }
      return { ...common, kind: 'check' };
  }
}

/** Instants pass the schema's pattern but may still be impossible (2026-02-30). */
function checkInstants(source: SourceDocument, out: Diagnostic[]): void {
  const value = source.value as Record<string, unknown>;
  const test = (v: unknown, path: DocPath): void => {
    if (typeof v !== 'string') return;
    try {
      parseInstant(v);
    } catch (err) {
      const e = err as { message: string; hint?: string };
      const pos = source.positionOf(path);
      // The schema's pattern already said the text is malformed: one diagnostic is enough.
      if (out.some((d) => d.line === pos.line && d.column === pos.column)) return;
      out.push(diagnosticAt(source, path, 'E_SCENARIO_INSTANT', e.message, e.hint));
    }
  };
  test(value.clock, ['clock']);
  (Array.isArray(value.cases) ? (value.cases as unknown[]) : []).forEach((c, ci) => {
    if (!isRecord(c) || !Array.isArray(c.steps)) return;
    (c.steps as unknown[]).forEach((s, si) => {
      if (!isRecord(s)) return;
      const p: DocPath = ['cases', ci, 'steps', si];
      test(s.at, [...p, 'at']);
      if (isRecord(s.wait)) test(s.wait.until, [...p, 'wait', 'until']);
      if (isRecord(s.expect)) test(s.expect.deadline, [...p, 'expect', 'deadline']);
    });
  });
}

/** Turns ajv's errors into one diagnostic per problem, with suggestions for misspelt keys. */
function schemaDiagnostics(source: SourceDocument, errors: readonly ErrorObject[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  for (const [instancePath, list] of byPath) {
    const path = toDocPath(instancePath);
    const specific = list.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'type');
    // `pay: 5` fails both branches of a oneOf; say once what is allowed.
    const types = list.filter((e) => e.keyword === 'type').map((e) => String((e.params as { type: string }).type));
    const chosen: ErrorObject[] = specific.length > 0 ? specific : list.filter((e) => e.keyword === 'type').slice(0, 1);
    for (const e of chosen) {
      const d = toDiagnostic(source, path, e, types);
      const id = `${d.line}:${d.column}:${d.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(d);
    }
  }
  return out;
}

function toDiagnostic(source: SourceDocument, path: DocPath, e: ErrorObject, types: string[]): Diagnostic {
  const where = path.length === 0 ? 'the file' : formatDocPath(path);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      const near = allowed.length ? closest(key, allowed) : undefined;
      return diagnosticAt(
        source,
        [...path, key],
        'E_SCENARIO_UNKNOWN_KEY',
        `unknown key '${key}' in ${where}`,
        near ? `Did you mean '${near}'? Allowed here: ${allowed.join(', ')}.` : undefined,
        { key: true },
      );
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return diagnosticAt(source, path, 'E_SCENARIO_REQUIRED', `${where} needs '${key}'`, `Add \`${key}:\`.`);
    }
    case 'type':
      return diagnosticAt(source, path, 'E_SCENARIO_TYPE', `${where} must be ${[...new Set(types)].join(' or ')}`);
    case 'pattern':
      return diagnosticAt(source, path, 'E_SCENARIO_FORMAT', `${where} ${describePattern(path)}`, hintForPattern(path));
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const actual = String(valueAt(source.value, path));
      return diagnosticAt(source, path, 'E_SCENARIO_VALUE', `${where} is '${actual}', not one of ${allowed.join(', ')}`, `Did you mean '${closest(actual, allowed)}'?`);
    }
    case 'maxProperties':
      return diagnosticAt(source, path, 'E_SCENARIO_STEP_KIND', `${where} has too many keys`, 'A step holds one command plus `at`, `case` and `expect`.');
    default:
      return diagnosticAt(source, path, 'E_SCENARIO_SCHEMA', `${where} ${e.message ?? 'is invalid'}`);
  }
}

function describePattern(path: DocPath): string {
  const last = path[path.length - 1];
  return last === 'error' ? 'must be an error code such as E_MISSING_COMPONENTS' : 'must be an ISO 8601 instant with offset';
}
function hintForPattern(path: DocPath): string {
  return path[path.length - 1] === 'error' ? 'Error codes are upper case and start with E_.' : 'Write e.g. 2026-02-13T17:00:00+07:00.';
}

function toDocPath(instancePath: string): DocPath {
  if (!instancePath) return [];
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function valueAt(value: unknown, path: DocPath): unknown {
  let v = value;
  for (const p of path) v = isRecord(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}
