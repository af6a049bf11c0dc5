/**
 * The choices of a text field of a form (the e-form's, an action's): each a stable code and the
 * Vietnamese label people see. Written as JSON Schema 2020-12 says a labelled choice is, `oneOf`
 * of `{ const, title }` (rjsf draws it as a select of the titles; conditions compare the code);
 * choices without any label stay a plain `enum`. An author types the label; the code is made from
 * it (no diacritics, `da-ket-hon`) and may be changed.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Path, YamlModel } from '../model/yaml-model';
import { choicesSchema, codeOf, fieldChoices, type Choice } from '../model/choices';
import { TextField } from './fields';

type Obj = Record<string, unknown>;

export function ChoicesEditor({ model, path, field, title }: { model: YamlModel; path: Path; field: Obj; title: string }) {
  const { t } = useTranslation('designer');
  const choices = fieldChoices(field);
  const [label, setLabel] = useState('');
  const [bad, setBad] = useState<number | undefined>();
  const newId = useId();
  const write = (next: readonly Choice[], undo: string): void => {
    const keys = choicesSchema(next);
    model.edit(undo, (tx) => {
      // Both keys are written (or removed) so the field never holds two lists of choices.
      tx.set([...path, 'enum'], keys.enum);
      tx.set([...path, 'oneOf'], keys.oneOf);
    });
  };
  const add = (): void => {
    const text = label.trim();
    if (!text) return;
    const base = codeOf(text);
    let code = base;
    for (let i = 2; choices.some((c) => c.value === code); i++) code = `${base}-${i}`;
    write([...choices, { value: code, label: text }], t('formBuilder.edit.addChoice', { label: text }));
    setLabel('');
  };
  return (
    <fieldset className="fb-choices">
      <legend>{t('formBuilder.choicesOf', { title })}</legend>
      {choices.length ? (
        <ol className="fb-choice-list">
          {choices.map((c, i) => (
            <li key={`${i}-${c.value}`} className="df-row">
              <TextField label={t('formBuilder.choiceLabel', { n: i + 1 })} value={c.label} onCommit={(v) => write(choices.map((x, j) => (j === i ? { ...x, label: v.trim() } : x)), t('formBuilder.edit.choices'))} />
              <TextField label={t('formBuilder.choiceCode', { n: i + 1 })} mono value={c.value} error={bad === i ? t('formBuilder.choiceCodeError') : undefined} onCommit={(v) => {
                const code = v.trim();
                if (!code || choices.some((x, j) => j !== i && x.value === code)) {
                  setBad(i);
                  return;
                }
                setBad(undefined);
                write(choices.map((x, j) => (j === i ? { ...x, value: code } : x)), t('formBuilder.edit.choices'));
              }} />
              <button type="button" className="small danger" aria-label={t('formBuilder.removeChoice', { label: c.label || c.value })} onClick={() => write(choices.filter((_, j) => j !== i), t('formBuilder.edit.removeChoice', { label: c.label || c.value }))}>{t('formBuilder.remove')}</button>
            </li>
          ))}
        </ol>
      ) : <p className="muted">{t('formBuilder.noChoices')}</p>}
      <div className="df-row fb-new-choice">
        <div className="df-field">
          <label htmlFor={newId}>{t('formBuilder.newChoice')}</label>
          {/* Kept here until added (Enter or the button): a choice is one edit, never one per keystroke. */}
          <input id={newId} type="text" value={label} aria-describedby={`${newId}-hint`} onChange={(e) => setLabel(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} />
          <small className="df-hint" id={`${newId}-hint`}>{t('formBuilder.newChoiceHint')}</small>
        </div>
        <button type="button" onClick={add}>{t('formBuilder.addChoice')}</button>
      </div>
    </fieldset>
  );
}
