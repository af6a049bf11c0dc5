/**
 * A supplement request says what is missing. An officer's action that sends the case to a
 * `supplement` step (yêu cầu bổ sung hồ sơ) carries a form naming the dossier components the
 * applicant must provide and a note: the applicant sees exactly that, and the timeline keeps
 * it (the form is on the transition event). The form is checked like a declared action form
 * (`E_INVALID_FORM`): only component ids of the procedure, each once, a bounded note. Both
 * fields are optional so that procedures and scenarios written before stay valid; the web
 * app asks for at least one component or a note.
 */
import type { JsonSchema, Procedure, Step } from '../model/procedure';
import type { CaseEvent } from '../runtime/types';

/** What an officer asked for: the components missing and a note, at a supplement step. */
export interface SupplementRequest {
  /** The supplement step the case waits in. */
  step: string;
  /** Ids of the components to provide (empty: the note says it all). */
  components: string[];
  note?: string;
  /** ISO instant of the request. */
  at: string;
  /** The officer who asked. */
  by?: string;
}

/** Longest note an officer may write. */
export const SUPPLEMENT_NOTE_MAX = 2000;

/** The JSON Schema of a supplement request's form: components of this procedure, a note. */
export function supplementRequestSchema(procedure: Pick<Procedure, 'components'>): JsonSchema {
  const ids = (procedure.components ?? []).map((c) => c.id);
  return {
    type: 'object',
    properties: {
      components: {
        type: 'array',
        uniqueItems: true,
        maxItems: Math.max(ids.length, 1),
        items: ids.length ? { type: 'string', enum: ids } : { type: 'string', maxLength: 0, not: {} },
        title: 'Thành phần hồ sơ cần bổ sung',
      },
      note: { type: 'string', maxLength: SUPPLEMENT_NOTE_MAX, title: 'Ghi chú cho người nộp' },
    },
  };
}

/**
 * The form schema of an action entering a supplement step: the request's, joined with the
 * action's own form when it declares one (both must hold).
 */
export function supplementActionForm(procedure: Pick<Procedure, 'components'>, declared: JsonSchema | undefined): JsonSchema {
  const request = supplementRequestSchema(procedure);
  return declared ? { allOf: [declared, request] } : { ...request, additionalProperties: false };
}

/** Whether `to` names a supplement step of `steps` (searched through parallel branches). */
export function isSupplementStep(steps: readonly Step[], to: string): boolean {
  for (const s of steps) {
    if (s.id === to) return s.kind === 'supplement';
    if (s.kind === 'parallel') for (const list of Object.values(s.branches)) if (isSupplementStep(list, to)) return true;
  }
  return false;
}

/**
 * The latest supplement request of `step` on a case's timeline: the last transition into it,
 * with what its form named. Undefined when the case never entered the step.
 */
export function latestSupplementRequest(timeline: readonly CaseEvent[], step: string): SupplementRequest | undefined {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const e = timeline[i]!;
    if (e.type !== 'transition' || !e.to?.includes(step)) continue;
    const form = (e.form && typeof e.form === 'object' ? e.form : {}) as { components?: unknown; note?: unknown };
    const components = Array.isArray(form.components) ? form.components.filter((c): c is string => typeof c === 'string') : [];
    return {
      step,
      components,
      ...(typeof form.note === 'string' && form.note.trim() ? { note: form.note } : {}),
      at: e.at,
      ...(e.actor?.id ? { by: e.actor.id } : {}),
    };
  }
  return undefined;
}
