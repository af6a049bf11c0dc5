/** The header's language switch: each language named in itself, the current one pressed. */
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, currentLanguage } from './index';

/** How each language names itself (never translated: a reader looks for their own language). */
const ENDONYM = { vi: 'Tiếng Việt', en: 'English' } as const;

export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = currentLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="link"
          aria-pressed={current === lng}
          onClick={() => void setLanguage(lng)}
        >
          {ENDONYM[lng]}
        </button>
      ))}
    </div>
  );
}
