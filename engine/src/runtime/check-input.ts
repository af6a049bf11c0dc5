import { RefusalError, type Problem } from '../errors';

/**
 * Shape checks of what callers send (commands come from HTTP bodies and scenario files), so
 * that a malformed command is refused with what is wrong (`E_INVALID_COMMAND`) instead of
 * failing somewhere inside with a TypeError.
 */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const ACTOR_KINDS = ['applicant', 'officer', 'system', 'subject'];

function actorProblems(actor: unknown, path: string, required: boolean): Problem[] {
  if (actor === undefined && !required) return [];
  if (!isObject(actor) || !ACTOR_KINDS.includes(actor.kind as string)) {
    return [{ code: 'E_INVALID_ACTOR', message: `${path} must be an actor { kind: applicant | officer | system, id }`, path }];
  }
  if (actor.kind === 'officer' && !(Array.isArray(actor.roles) && actor.roles.every((r) => typeof r === 'string'))) {
    return [{ code: 'E_INVALID_ACTOR', message: `${path}.roles must be a list of role ids`, path: `${path}.roles` }];
  }
  return [];
}

const str = (v: unknown, path: string): Problem[] => (typeof v === 'string' && v !== '' ? [] : [{ code: 'E_REQUIRED', message: `${path} must be a non-empty string`, path }]);
const uploadsOk = (v: unknown, path: string): Problem[] =>
  v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string')) || isObject(v)
    ? []
    : [{ code: 'E_INVALID_UPLOADS', message: `${path} must be a list of component ids or a map id -> file`, path }];
const dataOk = (v: unknown, path: string, required: boolean): Problem[] =>
  (v === undefined && !required) || isObject(v) ? [] : [{ code: 'E_INVALID_DATA_SHAPE', message: `${path} must be an object`, path }];

function refuse(what: string, problems: Problem[]): void {
  if (problems.length > 0) {
    throw new RefusalError('E_INVALID_COMMAND', `The ${what} is malformed: ${problems.map((p) => p.message).join('; ')}`, problems, {
      status: 400,
      path: problems[0]?.path,
      hint: 'See docs/runtime.md for the shape of submissions and commands.',
    });
  }
}

/** Refuses a submission input that is not shaped as `SubmitInput`. */
export function checkSubmitInput(input: unknown): void {
  if (!isObject(input)) return refuse('submission', [{ code: 'E_INVALID_COMMAND', message: 'the submission must be an object', path: '' }]);
  refuse('submission', [...dataOk(input.data, 'data', true), ...uploadsOk(input.uploads, 'uploads'), ...actorProblems(input.actor, 'actor', true)]);
}

/** Refuses a command that is not shaped as a `CaseCommand`. */
export function checkCommand(command: unknown): void {
  if (!isObject(command)) return refuse('command', [{ code: 'E_INVALID_COMMAND', message: 'the command must be an object with a type', path: '' }]);
  const c = command;
  switch (c.type) {
    case 'act':
      return refuse('act command', [...str(c.step, 'step'), ...str(c.action, 'action'), ...actorProblems(c.actor, 'actor', true), ...dataOk(c.form, 'form', false)]);
    case 'pay':
      return refuse('pay command', [
        ...(Number.isSafeInteger(c.amount) && (c.amount as number) >= 0 ? [] : [{ code: 'E_INVALID_AMOUNT', message: 'amount must be a whole number of VND (a JSON number, not a string or a list)', path: 'amount' }]),
        ...actorProblems(c.actor, 'actor', true),
      ]);
    case 'supplement':
      return refuse('supplement command', [...uploadsOk(c.uploads, 'uploads'), ...dataOk(c.data, 'data', false), ...actorProblems(c.actor, 'actor', true)]);
    case 'withdraw':
      return refuse('withdraw command', actorProblems(c.actor, 'actor', true));
    case 'child-finished':
      return refuse('child-finished command', [...str(c.step, 'step'), ...str(c.outcome, 'outcome'), ...str(c.status, 'status'), ...actorProblems(c.actor, 'actor', false)]);
    case 'extend':
      return refuse('extend command', [
        ...(typeof c.value === 'number' ? [] : [{ code: 'E_REQUIRED', message: 'value must be a number (a JSON number, not a string)', path: 'value' }]),
        ...actorProblems(c.actor, 'actor', true),
      ]);
    case 'transfer':
      return refuse('transfer command', [
        ...str(c.unit, 'unit'),
        ...(c.extend === undefined || typeof c.extend === 'number' ? [] : [{ code: 'E_REQUIRED', message: 'extend must be a number', path: 'extend' }]),
        ...actorProblems(c.actor, 'actor', true),
      ]);
    case 'tick':
      return undefined;
    case 'consent':
      return refuse('consent command', [...str(c.subject, 'subject'), ...str(c.nationalId, 'nationalId'), ...actorProblems(c.actor, 'actor', true)]);
    default:
      throw new RefusalError('E_UNKNOWN_COMMAND', `Unknown command type '${String(c.type)}'`, [], {
        status: 400,
        hint: 'Use one of: act, pay, supplement, withdraw, child-finished, extend, transfer, tick, consent.',
      });
  }
}
