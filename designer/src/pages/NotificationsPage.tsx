/**
 * "Thông báo" (`#/notifications`): where the signed-in user's notifications go (e-mail, phone
 * for SMS, language: `GET/PUT /api/my/contact`) and their in-app inbox (`GET
 * /api/my/notifications`): case received, supplement requested, result issued, payment
 * received... each linked to its case.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText, type SessionUser } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { href } from '../lib/route';
import { SignInFirst } from './SignInFirst';
import { useApi } from './useApi';

interface Contact { email: string | null; phone: string | null; locale: 'vi' | 'en' }
interface InboxItem { id: number; case: string; subject: string; body: string; at: string; read: boolean }

export function NotificationsPage({ user }: { user: SessionUser | null }) {
  const { t } = useTranslation('cases');
  const inbox = useApi<{ unread: number; items: InboxItem[] }>(user ? '/api/my/notifications?limit=100' : null);
  if (!user) return <SignInFirst back={['notifications']} />;
  return (
    <section>
      <h1>{t('common:nav.notifications')}</h1>
      <ContactForm />
      <h2>{t('inbox.title')}</h2>
      {inbox.error ? <p role="alert" className="notice bad">{inbox.error}</p> : !inbox.data ? <p role="status">{t('common:words.loading')}</p> : inbox.data.items.length === 0 ? <p>{t('inbox.none')}</p> : (
        <ul className="inbox" aria-label={t('inbox.label')}>
          {inbox.data.items.map((n) => (
            <li key={n.id} className={n.read ? '' : 'unread'}>
              <strong>{n.subject}</strong> <time className="muted small">{formatDateTime(n.at)}</time>
              <p className="small">{n.body}</p>
              <a href={href('cases', n.case)}>{t('inbox.see', { id: n.case })}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** E-mail, phone and language of the notifications, saved with `PUT /api/my/contact`. */
function ContactForm() {
  const { t } = useTranslation('cases');
  const [contact, setContact] = useState<Contact | null>(null);
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; text: string }>({ kind: 'idle' });
  useEffect(() => {
    let live = true;
    api<Contact>('GET', '/api/my/contact')
      .then((c) => live && setContact(c))
      .catch((err: unknown) => live && setState({ kind: 'error', text: errorText(err) }));
    return () => {
      live = false;
    };
  }, []);
  if (!contact) return state.kind === 'error' ? <p role="alert" className="notice bad">{state.text}</p> : <p role="status">{t('common:words.loading')}</p>;
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setState({ kind: 'saving' });
    try {
      setContact(await api<Contact>('PUT', '/api/my/contact', { email: contact.email || null, phone: contact.phone || null, locale: contact.locale }));
      setState({ kind: 'saved' });
    } catch (err) {
      setState({ kind: 'error', text: errorText(err) });
    }
  };
  return (
    <form className="contact" aria-label={t('contact.label')} onSubmit={(e) => void save(e)}>
      <div className="field">
        <label htmlFor="contact-email">{t('contact.email')}</label>
        <input id="contact-email" type="email" maxLength={254} value={contact.email ?? ''} onChange={(e) => setContact({ ...contact, email: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="contact-phone">{t('contact.phone')}</label>
        <input id="contact-phone" type="tel" maxLength={16} value={contact.phone ?? ''} onChange={(e) => setContact({ ...contact, phone: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="contact-locale">{t('contact.locale')}</label>
        <select id="contact-locale" value={contact.locale} onChange={(e) => setContact({ ...contact, locale: e.target.value === 'en' ? 'en' : 'vi' })}>
          <option value="vi" lang="vi">Tiếng Việt</option>
          <option value="en" lang="en">English</option>
        </select>
      </div>
      <button type="submit" className="primary" disabled={state.kind === 'saving'}>{t('contact.save')}</button>
      {state.kind === 'saved' ? <span role="status" className="small"> {t('contact.saved')}</span> : null}
      {state.kind === 'error' ? <p role="alert" className="notice bad">{state.text}</p> : null}
    </form>
  );
}
