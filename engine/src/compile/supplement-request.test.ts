import { describe, expect, it } from 'vitest';
import { applyCommand, submitCase } from '../runtime';
import { APPLICANT, birthData, birthProcedure, envAt, OFFICER } from '../runtime/fixtures';
import { compileProcedure, latestSupplementRequest } from '.';

const compiled = compileProcedure(birthProcedure());
const filed = () => submitCase(compiled, { data: birthData(), uploads: ['request-form'], actor: APPLICANT }, envAt('2026-02-12T09:00:00'));
const ask = (form: Record<string, unknown> | undefined) => applyCommand(compiled, filed().state, { type: 'act', step: 'verify', action: 'request-supplement', form, actor: OFFICER }, envAt('2026-02-12T10:00:00'));

describe('a supplement request names what is missing', () => {
  it('keeps the components and the note on the timeline, where the applicant reads them', () => {
    const r = ask({ components: ['abroad-proof'], note: 'Bản sao giấy tờ chứng minh cư trú ở nước ngoài bị mờ, đề nghị nộp lại.' });
    const timeline = [...filed().events, ...r.events];
    expect(latestSupplementRequest(timeline, 'supplement')).toEqual({
      step: 'supplement',
      components: ['abroad-proof'],
      note: 'Bản sao giấy tờ chứng minh cư trú ở nước ngoài bị mờ, đề nghị nộp lại.',
      at: '2026-02-12T10:00:00+07:00',
      by: OFFICER.id,
    });
    expect(latestSupplementRequest(filed().events, 'supplement')).toBeUndefined();
  });

  it('refuses a component the procedure does not have, one named twice, an unknown field or an overlong note', () => {
    for (const form of [{ components: ['no-such-thing'] }, { components: ['abroad-proof', 'abroad-proof'] }, { components: 'abroad-proof' }, { reason: 'x' }, { note: 'x'.repeat(2001) }]) {
      expect(() => ask(form), JSON.stringify(form)).toThrow(expect.objectContaining({ code: 'E_INVALID_FORM' }));
    }
  });

  it('still accepts a request without a form (procedures and scenarios written before)', () => {
    expect(ask(undefined).state.status).toBe('suspended');
  });
});
