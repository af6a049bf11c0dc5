/**
 * A reorganization plan: what happens to units on one day (the `effective` date), as a file
 * (`motcua units reorganize PLAN`) or a request body (`POST /api/admin/reorganizations`).
 * Units are named by id or by the statistics office's code. Shape only here; what the plan
 * means against the units of a database is checked in resolve.ts.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import { RefusalError } from 'motcua/engine';
import { toProblems } from '../http/validate';

/** A unit the plan creates (or, when the catalogue already seeded it as is, starts on `effective`). */
export interface PlanNewUnit {
  id: string;
  name: string;
  level: 'commune' | 'province';
  parent?: string;
  code?: string;
}

/** Several units become one: every open case and officer of `from` moves to `into`. */
export interface PlanMerge {
  into: string;
  from: string[];
  /** Extra time granted to the moved cases, in each procedure's deadline unit (default none). */
  extend?: number;
}

/**
 * How a split unit's open case finds its successor: a CEL expression on the case (`data`,
 * `case.unit`) that, when true, sends it `to` a unit; or a field of the case data (dotted
 * path, e.g. `address.residentialGroup`) whose value (compared without case or diacritics)
 * maps to a unit.
 */
export type SplitRule = { when: string; to: string } | { field: string; map: Record<string, string> };

/** One unit becomes several: each open case goes where the first matching rule (or an officer's decision) says. */
export interface PlanSplit {
  from: string;
  into: string[];
  rules?: SplitRule[];
  /** Case id -> successor, decided by an officer where no rule could. */
  decisions?: Record<string, string>;
  /** Where the split unit's officers' role grants go (default: the first of `into`). */
  officersTo?: string;
  extend?: number;
}

/** A unit keeps its id, cases and officers under a new name (and code). */
export interface PlanRename {
  unit: string;
  name: string;
  code?: string;
}

/** A commune moves to another province (its cases' province-level tasks follow). */
export interface PlanMove {
  unit: string;
  parent: string;
  code?: string;
}

export interface ReorgPlan {
  /** Stable id: a plan is applied once. */
  id: string;
  name?: string;
  /** ISO date from which the new units exist; units that end exist until the day before. */
  effective: string;
  /** The legal basis (e.g. a resolution of the Standing Committee of the National Assembly). */
  basis?: string;
  create?: PlanNewUnit[];
  merge?: PlanMerge[];
  split?: PlanSplit[];
  rename?: PlanRename[];
  move?: PlanMove[];
}

const ref = { type: 'string', minLength: 1, maxLength: 64 } as const;
const code = { type: 'string', pattern: '^[0-9]{2}([0-9]{3})?$' } as const;
const extend = { type: 'integer', minimum: 1, maximum: 365 } as const;
// Bounded: the largest real plan (1 July 2025) ended about 10,000 communes in 34 provinces.
const MAX_OPS = 20_000;

/** The plan's JSON Schema (also in the OpenAPI document). */
export const planSchema = {
  type: 'object',
  required: ['id', 'effective'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' },
    name: { type: 'string', maxLength: 500 },
    effective: { type: 'string', format: 'date' },
    basis: { type: 'string', maxLength: 500 },
    create: {
      type: 'array',
      maxItems: MAX_OPS,
      items: {
        type: 'object',
        required: ['id', 'name', 'level'],
        additionalProperties: false,
        properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' }, name: { type: 'string', minLength: 1, maxLength: 300 }, level: { enum: ['commune', 'province'] }, parent: ref, code },
      },
    },
    merge: {
      type: 'array',
      maxItems: MAX_OPS,
      items: {
        type: 'object',
        required: ['into', 'from'],
        additionalProperties: false,
        properties: { into: ref, from: { type: 'array', minItems: 1, maxItems: 200, items: ref }, extend },
      },
    },
    split: {
      type: 'array',
      maxItems: MAX_OPS,
      items: {
        type: 'object',
        required: ['from', 'into'],
        additionalProperties: false,
        properties: {
          from: ref,
          into: { type: 'array', minItems: 2, maxItems: 50, items: ref },
          rules: {
            type: 'array',
            maxItems: 500,
            items: {
              oneOf: [
                { type: 'object', required: ['when', 'to'], additionalProperties: false, properties: { when: { type: 'string', minLength: 1, maxLength: 2000 }, to: ref } },
                {
                  type: 'object',
                  required: ['field', 'map'],
                  additionalProperties: false,
                  properties: { field: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$', maxLength: 200 }, map: { type: 'object', maxProperties: 5000, additionalProperties: ref } },
                },
              ],
            },
          },
          decisions: { type: 'object', maxProperties: 100_000, additionalProperties: ref },
          officersTo: ref,
          extend,
        },
      },
    },
    rename: {
      type: 'array',
      maxItems: MAX_OPS,
      items: { type: 'object', required: ['unit', 'name'], additionalProperties: false, properties: { unit: ref, name: { type: 'string', minLength: 1, maxLength: 300 }, code } },
    },
    move: {
      type: 'array',
      maxItems: MAX_OPS,
      items: { type: 'object', required: ['unit', 'parent'], additionalProperties: false, properties: { unit: ref, parent: ref, code } },
    },
  },
} as const;

let compiled: ValidateFunction<ReorgPlan> | undefined;
/**
 * The plan's validator, compiled on first use rather than when the server's code is loaded:
 * every start would otherwise pay for ajv's meta-schema and this schema (a few hundred ms).
 */
function planCheck(): ValidateFunction<ReorgPlan> {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    // `format: date` without ajv-formats' whole set: an ISO calendar date that exists.
    ajv.addFormat('date', { type: 'string', validate: isIsoDate });
    compiled = ajv.compile<ReorgPlan>(planSchema);
  }
  return compiled;
}

/** Whether `s` is an ISO date (YYYY-MM-DD) that exists on the calendar. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * The plan, if `value` has its shape (YAML dates, parsed as Date objects, are taken as ISO
 * dates); else a 400 `E_PLAN_INVALID` listing every problem with its path.
 */
export function parsePlan(value: unknown): ReorgPlan {
  const plain = normalizeDates(value);
  const check = planCheck();
  if (!check(plain)) {
    const problems = toProblems(check.errors);
    throw new RefusalError('E_PLAN_INVALID', `The reorganization plan is invalid: ${problems.slice(0, 5).map((p) => p.message).join('; ')}${problems.length > 5 ? '; ...' : ''}`, problems, {
      status: 400,
      path: problems[0]?.path ?? '(plan)',
      hint: 'See docs/reorganization.md for the plan format.',
    });
  }
  return plain;
}

function normalizeDates(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(normalizeDates);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalizeDates(x)]));
  return v;
}

/** The ISO date before `date` (the last day of a unit that ends when `date` begins). */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
