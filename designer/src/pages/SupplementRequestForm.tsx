/**
 * The officer's form for a supplement request (yêu cầu bổ sung): tick the dossier components
 * that are missing or must be redone, and write what is wrong. Posted as the action's form
 * `{components, note}` (the engine checks it: supplement-request.ts); the applicant's case
 * page shows exactly that, and the timeline keeps it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPLEMENT_NOTE_MAX, type Component } from 'motcua/engine';
import { localized } from '../lib/format';

export function SupplementRequestForm({ components, busy, onSubmit }: { components: readonly Component[]; busy: boolean; onSubmit: (form: { components: string[]; note?: string }) => void }) {
  const { t } = useTranslation('cases');
  const [picked, setPicked] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const empty = picked.length === 0 && !note.trim();
  return (
    <form aria-label={t('supplement.form')} onSubmit={(e) => {
      e.preventDefault();
      if (!empty) onSubmit({ components: picked, ...(note.trim() ? { note: note.trim() } : {}) });
    }}>
      <fieldset>
        <legend>{t('supplement.components')}</legend>
        {components.map((c) => (
          <label key={c.id} className="check">
            <input type="checkbox" name="components" value={c.id} checked={picked.includes(c.id)}
              onChange={(e) => setPicked((p) => (e.target.checked ? [...p, c.id] : p.filter((x) => x !== c.id)))} />{' '}
            {localized(c.name)}
          </label>
        ))}
      </fieldset>
      <label htmlFor="supplement-note">{t('supplement.note')}</label>
      <textarea id="supplement-note" rows={3} maxLength={SUPPLEMENT_NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} style={{ width: '100%' }} />
      {empty ? <p className="muted small">{t('supplement.empty')}</p> : null}
      <button type="submit" className="primary" disabled={busy || empty}>{t('supplement.send')}</button>
    </form>
  );
}
