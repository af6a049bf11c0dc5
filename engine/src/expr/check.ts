import { didYouMean } from './suggest';
import type { ExpressionEnv } from './env';

/** What an expression must produce where it is used. `number` accepts int and double. */
export type ExpectedType = 'bool' | 'int' | 'number' | 'string';

export type CheckResult =
  | { ok: true; type: string }
  | {
      ok: false;
      code: 'E_CEL_SYNTAX' | 'E_CEL_UNKNOWN_FIELD' | 'E_CEL_TYPE';
      message: string;
      /** 0-based offset inside the expression source where the problem is. */
      offset: number;
      hint?: string;
    };

interface CelErrorLike {
  name?: string;
  message?: string;
  node?: { pos?: number; op?: string; args?: unknown };
}

const ACCEPTS: Record<ExpectedType, readonly string[]> = {
  bool: ['bool'],
  int: ['int'],
  number: ['int', 'double'],
  string: ['string'],
};

/**
 * Parses and type-checks `source` in `env`. Never throws: every problem (syntax, a field the
 * data schema does not declare, a wrong result type) comes back as a result with an offset.
 */
export function checkExpression(env: ExpressionEnv, source: string, expected?: ExpectedType): CheckResult {
  if (typeof source !== 'string' || source.trim() === '') {
    return { ok: false, code: 'E_CEL_SYNTAX', message: 'the expression is empty', offset: 0 };
  }
  let result: { valid: boolean; type?: string; error?: CelErrorLike };
  try {
    result = env.cel.check(source);
  } catch (err) {
    result = { valid: false, error: err as CelErrorLike };
  }
  if (!result.valid) return fromError(env, source, result.error ?? {});
  const type = String(result.type ?? 'dyn');
  if (expected && !ACCEPTS[expected].includes(type) && !type.startsWith('dyn')) {
    return {
      ok: false,
      code: 'E_CEL_TYPE',
      message: `the expression gives ${type}, but ${expected === 'number' ? 'a number' : expected} is needed here`,
      offset: 0,
      hint:
        expected === 'bool'
          ? 'Write a condition, e.g. `data.x > 0` or `has(data.x)`.'
          : expected === 'string'
            ? 'Give text, e.g. `data.a + " " + data.b`.'
            : 'Write an arithmetic expression, e.g. `size(data.copies)` or `daysBetween(data.birthDate, case.submittedAt)`.',
    };
  }
  return { ok: true, type };
}

function fromError(env: ExpressionEnv, source: string, error: CelErrorLike): CheckResult {
  const message = (error.message ?? 'invalid expression').split('\n')[0] ?? 'invalid expression';
  const pos = error.node?.pos;
  const offset = typeof pos === 'number' && pos >= 0 && pos <= source.length ? pos : 0;
  if (error.name === 'ParseError') return { ok: false, code: 'E_CEL_SYNTAX', message, offset };
  const noKey = /^No such key: (.+)$/.exec(message);
  const unknownVar = /^Unknown variable: (.+)$/.exec(message);
  if (noKey || unknownVar) {
    const name = (noKey ?? unknownVar)?.[1] ?? '';
    const candidates = noKey ? fieldsAt(env, error.node) : ['data', 'case', 'components'];
    const suggestion = didYouMean(name, candidates);
    const where = noKey ? describe(error.node) : undefined;
    return {
      ok: false,
      code: 'E_CEL_UNKNOWN_FIELD',
      message: noKey
        ? `'${name}' is not declared${where ? ` in ${where}` : ''}`
        : `unknown name '${name}': expressions may use data, case and components`,
      offset,
      hint: suggestion
        ? `Did you mean '${suggestion}'? Otherwise declare it in data.schema.`
        : 'Declare the field in data.schema, or guard it with has().',
    };
  }
  return { ok: false, code: 'E_CEL_TYPE', message, offset };
}

/** The dotted path of the object a missing key was read from, e.g. `data.child`. */
export function describe(node: CelErrorLike['node']): string | undefined {
  const parts: string[] = [];
  let n: unknown = node;
  // Skip the failing access itself: we want the object it was read from.
  if (isNode(n) && n.op === '.' && Array.isArray(n.args)) n = n.args[0];
  for (let i = 0; i < 32 && isNode(n); i++) {
    if (n.op === 'id' && typeof n.args === 'string') {
      parts.unshift(n.args);
      return parts.join('.');
    }
    if ((n.op === '.' || n.op === '.?') && Array.isArray(n.args) && typeof n.args[1] === 'string') {
      parts.unshift(n.args[1]);
      n = n.args[0];
    } else if (n.op === '[]' && Array.isArray(n.args)) {
      parts.unshift('[]');
      n = n.args[0];
    } else return undefined;
  }
  return undefined;
}

function isNode(n: unknown): n is { op: string; args: unknown } {
  return typeof n === 'object' && n !== null && 'op' in n;
}

/** Declared field names at the object a missing key was read from, for "did you mean". */
function fieldsAt(env: ExpressionEnv, node: CelErrorLike['node']): string[] {
  const path = describe(node)?.split('.');
  if (!path) return [];
  if (path[0] === 'case') return ['submittedAt', 'unit', 'channel'];
  if (path[0] !== 'data') return [];
  let shape = env.dataShape;
  for (const part of path.slice(1)) {
    if (part.endsWith('[]') || part === '[]') {
      if (shape.kind === 'list') shape = shape.item;
      else return [];
      continue;
    }
    if (shape.kind !== 'object') return [];
    const next = shape.fields[part];
    if (!next) return [];
    shape = next;
  }
  return shape.kind === 'object' ? Object.keys(shape.fields) : [];
}
