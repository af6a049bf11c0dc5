import { useTranslation } from 'react-i18next';
import { href } from '../lib/route';

/** Shown on pages that need a signed-in user. */
export function SignInFirst({ back }: { back: string[] }) {
  const { t } = useTranslation();
  return (
    <p className="notice warn" role="alert">
      {t('signInFirst.text')} <a href={href('login', ...back)}>{t('signInFirst.link')}</a>
    </p>
  );
}
