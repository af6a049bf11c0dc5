/**
 * A banner on every page while the server runs in demo mode (`GET /api/health` says
 * `demo: true`): anyone can sign in as a demo user there, so nobody may mistake it for the
 * real service and file real data. Nothing is shown in production or when the check fails.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';

export function DemoBanner() {
  const { t } = useTranslation();
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    api<{ demo?: boolean }>('GET', '/api/health')
      .then((h) => setDemo(h.demo === true))
      .catch(() => undefined);
  }, []);
  if (!demo) return null;
  return (
    <div className="demo-banner" role="status" data-testid="demo-banner">
      <strong>{t('demo.title')}</strong> <span>{t('demo.text')}</span>
    </div>
  );
}
