import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile';
import { AccessError, RefusalError } from '../errors';
import type { Procedure, Subject } from '../model/procedure';
import { envAt, refusal } from './fixtures';
import { applyCommand, filerView, planLookups, submitCase, type ComponentState, type SourceReader } from '.';

const BRIDE = '001190000001';
const GROOM = '001088000002';
const CHILD = '001226000003';
const STRANGER = '001070000009';

const RECORDS: Record<string, Record<string, Record<string, unknown>>> = {
  population: {
    [BRIDE]: { fullName: 'Le Thi Mai', gender: 'female' },
    [GROOM]: { fullName: 'Vo Quoc Bao', gender: 'male' },
    [CHILD]: { fullName: 'Vo Minh An', fatherId: GROOM },
  },
};

/** A reader that remembers every key it was asked for, so that a test can say what was read. */
function recordingReader(): SourceReader & { read: string[] } {
  const read: string[] = [];
  return { read, get: (source, key) => (read.push(key), RECORDS[source]?.[key]) };
}

function person(): Record<string, unknown> {
  return { type: 'object', required: ['nationalId'], properties: { nationalId: { type: 'string' }, fullName: { type: 'string' }, gender: { type: 'string' } } };
}

function procedure(subjects: Subject[], extra: Partial<Procedure> = {}): Procedure {
  return {
    code: '9.000200',
    version: '1.0.0',
    name: { vi: 'Thử chủ thể dữ liệu' },
    sector: 'civil-status',
    level: 'commune',
    data: {
      schema: { type: 'object', properties: { bride: person(), groom: person(), child: person() } },
      prefill: [
        { field: 'bride', source: 'population', key: 'data.bride.nationalId', lock: true },
        { field: 'groom', source: 'population', key: 'data.groom.nationalId', lock: true },
      ],
    },
    subjects,
    components: [
      { id: 'bride-id', name: { vi: 'CCCD nữ' }, required: true, replaceableBy: { source: 'population', key: 'data.bride.nationalId' } },
      { id: 'groom-id', name: { vi: 'CCCD nam' }, required: true, replaceableBy: { source: 'population', key: 'data.groom.nationalId' } },
      { id: 'authorisation', name: { vi: 'Giấy ủy quyền' }, required: false },
    ],
    deadline: { value: 1, unit: 'working-day' },
    steps: [{ id: 'verify', kind: 'task', role: 'civil-status-officer', actions: { approve: { to: 'approved' } } }],
    outcomes: { approved: { status: 'done' }, withdrawn: { status: 'withdrawn' } },
    ...extra,
  };
}

const marriage = compileProcedure(procedure([
  { id: 'bride', key: 'data.bride.nationalId', relation: 'party', consent: 'required' },
  { id: 'groom', key: 'data.groom.nationalId', relation: 'party', consent: 'required' },
]));
const couple = { bride: { nationalId: BRIDE }, groom: { nationalId: GROOM } };
const applicant = { kind: 'applicant', id: 'u-1' } as const;

describe('data subjects', () => {
  it('refuses a filer who is not one of the parties, reading nothing', () => {
    const reader = recordingReader();
    const err = refusal(() => submitCase(marriage, { data: couple, uploads: [], actor: applicant, filer: STRANGER }, envAt('2026-03-02T09:00:00', reader)));
    expect(err.problems.map((p) => p.code)).toEqual(['E_NOT_A_PARTY']);
    expect(reader.read).toEqual([]);
    expect(planLookups(marriage, couple, undefined, { filer: STRANGER })).toEqual([]);
  });

  it("waits for the other party's consent before reading any record of theirs, then completes the dossier", () => {
    const reader = recordingReader();
    const filed = submitCase(marriage, { data: couple, uploads: [], actor: applicant, filer: GROOM }, envAt('2026-03-02T09:00:00', reader));
    expect(reader.read).not.toContain(BRIDE);
    expect(planLookups(marriage, couple, undefined, { filer: GROOM }).map((l) => l.key)).toEqual([GROOM]);
    // Not received, held to no due: the clock starts with the last consent.
    expect(filed.state).toMatchObject({ status: 'awaiting-consent', active: [], due: '', receivedAt: '' });
    expect(filed.state.components['bride-id']?.status).toBe('awaiting-consent');
    expect(filed.state.components['groom-id']?.status).toBe('replaced');
    expect(filed.state.subjects?.map((s) => [s.id, s.status])).toEqual([['bride', 'awaiting-consent'], ['groom', 'filer']]);
    // Nothing but a consent or a withdrawal moves it; a tick does nothing.
    expect(refusal(() => applyCommand(marriage, filed.state, { type: 'extend', value: 1, actor: { kind: 'officer', id: 'o', roles: ['civil-status-officer'] } }, envAt('2026-03-02T10:00:00'))).code).toBe('E_AWAITING_CONSENT');
    expect(applyCommand(marriage, filed.state, { type: 'tick' }, envAt('2026-03-20T10:00:00')).events).toEqual([]);

    const consented = applyCommand(marriage, filed.state, { type: 'consent', subject: 'bride', nationalId: BRIDE, actor: { kind: 'subject', id: 'u-2' } }, envAt('2026-03-03T09:00:00', reader));
    expect(consented.state).toMatchObject({ status: 'processing', active: ['verify'], receivedAt: '2026-03-03T09:00:00+07:00' });
    expect(consented.state.due > consented.state.receivedAt).toBe(true);
    expect(consented.state.components['bride-id']).toMatchObject({ status: 'replaced', record: { fullName: 'Le Thi Mai' } });
    expect(consented.state.data.bride).toMatchObject({ fullName: 'Le Thi Mai' });
    expect(consented.events.map((e) => e.type)).toEqual(['consented', 'transition']);
    expect(consented.events[0]?.detail).toMatchObject({ subject: 'bride', complete: true });
  });

  it('refuses a consent by anyone but the person named, and a second consent', () => {
    const filed = submitCase(marriage, { data: couple, uploads: [], actor: applicant, filer: GROOM }, envAt('2026-03-02T09:00:00', recordingReader()));
    const consent = (nationalId: string) => () => applyCommand(marriage, filed.state, { type: 'consent', subject: 'bride', nationalId, actor: { kind: 'subject', id: 'x' } }, envAt('2026-03-02T10:00:00'));
    expect(consent(STRANGER)).toThrow(AccessError);
    expect(consent(GROOM)).toThrow(/E_NOT_SUBJECT|Only 'bride'/);
    const once = consent(BRIDE)();
    expect(() => applyCommand(marriage, once.state, { type: 'consent', subject: 'bride', nationalId: BRIDE, actor: { kind: 'subject', id: 'x' } }, envAt('2026-03-02T11:00:00'))).toThrow(RefusalError);
  });

  it('lets the applicant withdraw a case still awaiting consent', () => {
    const filed = submitCase(marriage, { data: couple, uploads: [], actor: applicant, filer: GROOM }, envAt('2026-03-02T09:00:00', recordingReader()));
    const out = applyCommand(marriage, filed.state, { type: 'withdraw', actor: applicant }, envAt('2026-03-02T10:00:00'));
    expect(out.state).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn', due: '', onTime: true });
  });

  it('entitles a parent to their child only where the population record shows it, else by the authorization', () => {
    const parentOf = compileProcedure(procedure([
      { id: 'groom', key: 'data.groom.nationalId', relation: 'self' },
      { id: 'child', key: 'data.child.nationalId', relation: 'child', authorization: 'authorisation' },
    ], { data: { schema: { type: 'object', properties: { groom: person(), child: person() } }, prefill: [{ field: 'child', source: 'population', key: 'data.child.nationalId' }] }, components: [{ id: 'authorisation', name: { vi: 'Giấy ủy quyền' }, required: false }] }));
    const env = envAt('2026-03-02T09:00:00', recordingReader());
    const mine = submitCase(parentOf, { data: { groom: { nationalId: GROOM }, child: { nationalId: CHILD } }, uploads: [], actor: applicant, filer: GROOM }, env);
    expect(mine.state.data.child).toMatchObject({ fullName: 'Vo Minh An' });
    const err = refusal(() => submitCase(parentOf, { data: { groom: { nationalId: BRIDE }, child: { nationalId: CHILD } }, uploads: [], actor: applicant, filer: BRIDE }, env));
    expect(err.problems.map((p) => p.code)).toEqual(['E_SUBJECT_NOT_ENTITLED']);
    const authorised = submitCase(parentOf, { data: { groom: { nationalId: BRIDE }, child: { nationalId: CHILD } }, uploads: ['authorisation'], actor: applicant, filer: BRIDE }, env);
    expect(authorised.state.status).toBe('processing');
  });

  it('shows the filer only the records read under their own national ID', () => {
    const reader = recordingReader();
    const filed = submitCase(marriage, { data: couple, uploads: [], actor: applicant, filer: GROOM }, envAt('2026-03-02T09:00:00', reader));
    const done = applyCommand(marriage, filed.state, { type: 'consent', subject: 'bride', nationalId: BRIDE, actor: { kind: 'subject', id: 'x' } }, envAt('2026-03-02T10:00:00', reader));
    const seen = filerView(done.state, GROOM);
    expect(JSON.stringify(seen)).not.toContain('Le Thi Mai');
    expect(JSON.stringify(seen)).toContain('Vo Quoc Bao');
    expect(seen.components['bride-id']).toMatchObject({ status: 'replaced', provenance: { key: BRIDE } });
    expect(seen.data.bride).toEqual({ nationalId: BRIDE });
    expect(JSON.stringify(filerView(done.state, undefined))).not.toContain('Vo Quoc Bao');
    // With the case's subjects known, only their records are hidden: a record under a key that is nobody's ID stays.
    const components: Record<string, ComponentState> = { ...done.state.components, wallet: { status: 'replaced', required: false, provenance: { source: 'wallet', key: 'KQ-1', readAt: '' }, record: { id: 'KQ-1' } } };
    const marked = { ...done.state, components };
    const known = filerView(marked, GROOM, new Set([BRIDE]));
    expect(known.components.wallet?.record).toEqual({ id: 'KQ-1' });
    expect(known.components['bride-id']?.record).toBeUndefined();
  });
});
