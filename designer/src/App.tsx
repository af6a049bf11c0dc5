/** The app shell: header, navigation by audience, and the page for the current hash route. */
import { lazy, Suspense, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './i18n/LanguageSwitch';
import { clearSession, getUser, type SessionUser } from './lib/api';
import { href, navigate, useRoute } from './lib/route';
import { DemoBanner } from './components/DemoBanner';
import { LibraryPage } from './pages/LibraryPage';
import { PortalPage } from './pages/PortalPage';

/**
 * Split by route: the first load holds the shell and the two entry pages (the library and the
 * citizens' portal, both reading the server's paged list); every other page is a chunk of its
 * own, fetched when opened. The designer (editor, validator, graph layout) and the dashboard
 * (charts) are the heaviest; the filing form brings the form renderer and its validator.
 */
function named<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}
const CasePage = named(() => import('./pages/CasePage').then((m) => m.CasePage));
const ConsentsPage = named(() => import('./pages/ConsentsPage').then((m) => m.ConsentsPage));
const DataAccessPage = named(() => import('./pages/DataAccessPage').then((m) => m.DataAccessPage));
const FilePage = named(() => import('./pages/FilePage').then((m) => m.FilePage));
const LoginPage = named(() => import('./pages/LoginPage').then((m) => m.LoginPage));
const MyCasesPage = named(() => import('./pages/MyCasesPage').then((m) => m.MyCasesPage));
const SignInLinkPage = named(() => import('./pages/SignInLinkPage').then((m) => m.SignInLinkPage));
const VerifyPage = named(() => import('./pages/VerifyPage').then((m) => m.VerifyPage));
const WalletPage = named(() => import('./pages/WalletPage').then((m) => m.WalletPage));
const WorklistPage = named(() => import('./pages/WorklistPage').then((m) => m.WorklistPage));
/** The designer and what it reads of the library (fetched before it opens). */
const DesignerPage = lazy(() => import('./pages/DesignerRoute'));
/** Drafts of procedures and their review: loaded lazily with the designer's code. */
const DraftsPage = lazy(() => import('./designer/DraftsPage'));
const NotificationsPage = named(() => import('./pages/NotificationsPage').then((m) => m.NotificationsPage));
/** The leaders' dashboard and its charting library (ECharts) load only when it is opened. */
const StatsPage = lazy(() => import('./stats/StatsPage'));
/** A national procedure's provincial overlays, or what one province changed. */
const OverlaysPage = named(() => import('./pages/OverlaysPage').then((m) => m.OverlaysPage));

/** Each link with the kinds of user it is for (`anonymous` = signed out). */
const NAV = [
  { page: '', label: 'nav.library', for: ['anonymous', 'author', 'officer', 'admin'] },
  { page: 'drafts', label: 'nav.drafts', for: ['author'] },
  { page: 'portal', label: 'nav.portal', for: ['anonymous', 'citizen', 'business'] },
  { page: 'my', label: 'nav.my', for: ['citizen', 'business'] },
  { page: 'documents', label: 'nav.documents', for: ['citizen', 'business'] },
  { page: 'consents', label: 'nav.consents', for: ['citizen'] },
  { page: 'notifications', label: 'nav.notifications', for: ['citizen', 'business', 'officer'] },
  { page: 'data-access', label: 'nav.dataAccess', for: ['citizen', 'business'] },
  { page: 'worklist', label: 'nav.worklist', for: ['officer'] },
  { page: 'stats', label: 'nav.stats', for: ['officer', 'admin'] },
] as const;

/** Where each kind of user lands after signing in. */
function homeOf(kind: string): string[] {
  if (kind === 'citizen' || kind === 'business') return ['portal'];
  if (kind === 'officer') return ['worklist'];
  return [];
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const [user, setUser] = useState<SessionUser | null>(() => getUser());
  const active = route.page === 'procedures' ? '' : route.page === 'cases' ? (user?.kind === 'citizen' ? 'my' : 'worklist') : route.page;

  const page = (() => {
    switch (route.page) {
      case '':
        return <LibraryPage />;
      case 'procedures':
        return (
          <Suspense fallback={<p role="status">{t('shell.openingDesigner')}</p>}>
            <DesignerPage key={route.params.join('/')} target={{ kind: 'version', code: route.params[0] ?? '', ...(route.params[1] ? { version: route.params[1] } : {}) }} />
          </Suspense>
        );
      case 'drafts':
        return (
          <Suspense fallback={<p role="status">{t('shell.openingDraft')}</p>}>
            {route.params[0] ? <DesignerPage key={route.params[0]} target={{ kind: 'draft', id: route.params[0] }} /> : <DraftsPage />}
          </Suspense>
        );
      case 'portal':
        return route.params[0] ? <FilePage key={route.params[0]} code={route.params[0]} user={user} /> : <PortalPage />;
      case 'my':
        return <MyCasesPage user={user} />;
      case 'cases':
        return <CasePage key={route.params[0]} id={route.params[0] ?? ''} user={user} />;
      case 'worklist':
        return <WorklistPage user={user} />;
      case 'consents':
        return <ConsentsPage user={user} />;
      case 'stats':
        return (
          <Suspense fallback={<p role="status">{t('shell.loadingStats')}</p>}>
            <StatsPage key={route.params[0] ?? ''} user={user} {...(route.params[0] ? { unit: route.params[0] } : {})} />
          </Suspense>
        );
      case 'overlays':
        return <OverlaysPage key={route.params.join('/')} code={route.params[0] ?? ''} {...(route.params[1] ? { version: route.params[1] } : {})} />;
      case 'documents':
        return <WalletPage key={route.params[0] ?? ''} user={user} {...(route.params[0] ? { id: route.params[0] } : {})} />;
      case 'data-access':
        return <DataAccessPage user={user} />;
      case 'notifications':
        return <NotificationsPage user={user} />;
      case 'verify':
        return <VerifyPage key={route.params.join('/')} id={route.params[0] ?? ''} code={route.params[1] ?? ''} />;
      case 'login':
        return <LoginPage onSignedIn={(u) => { setUser(u); navigate(...(route.params.length ? route.params : homeOf(u.kind))); }} />;
      case 'signin':
        return <SignInLinkPage code={route.params[0] ?? ''} onSignedIn={(u) => { setUser(u); navigate(...homeOf(u.kind)); }} />;
      default:
        return <p role="alert">{t('shell.notFound')} <a href={href()}>{t('shell.home')}</a></p>;
    }
  })();

  return (
    <>
      {/* The app routes on the hash: the skip link moves focus without navigating to "#main". */}
      <a className="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>{t('shell.skip')}</a>
      <DemoBanner />
      <header className="top">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">⌂</span>
          <span>{t('brand.name')} <small>{t('brand.tagline')}</small></span>
        </div>
        <nav aria-label={t('nav.label')}>
          {NAV.filter((n) => (n.for as readonly string[]).includes(user?.kind ?? 'anonymous')).map((n) => (
            <a key={n.page} href={href(...(n.page ? [n.page] : []))} aria-current={active === n.page ? 'page' : undefined}>
              {t(n.label)}
            </a>
          ))}
        </nav>
        <LanguageSwitch />
        <div className="who">
          {user ? (
            <>
              <span>{user.name || user.id}</span>
              <button type="button" className="link" onClick={() => { clearSession(); setUser(null); navigate(); }}>{t('session.signOut')}</button>
            </>
          ) : (
            <a href={href('login')}>{t('session.signIn')}</a>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status" aria-busy="true">{t('shell.loadingPage')}</p>}>{page}</Suspense>
      </main>
      <footer className="bottom">{t('shell.footer')}</footer>
    </>
  );
}
