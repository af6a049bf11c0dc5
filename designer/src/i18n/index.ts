/**
 * The web app's languages: Vietnamese first, English second, through i18next.
 *
 * Every text a user reads lives in `locales/<language>/<namespace>.json`, one namespace per area
 * of the app (`common` for the shell and shared words, then one per page group). `common`,
 * `library` and `portal` are bundled with the first load (FIRST_LOAD); every other namespace is its own small chunk, fetched with the
 * page that needs it (`useTranslation('designer')` suspends until it is there), so the citizens'
 * first load does not carry the designer's words. The chosen language is kept in localStorage and
 * set on `<html lang>`, so screen readers pronounce the page in the right language.
 */
import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import enCommon from './locales/en/common.json';
import enLibrary from './locales/en/library.json';
import enPortal from './locales/en/portal.json';
import viCommon from './locales/vi/common.json';
import viLibrary from './locales/vi/library.json';
import viPortal from './locales/vi/portal.json';

/**
 * Bundled with the first load: the shell's words and the two pages a visit starts on (the
 * library and the citizens' portal). A lazy namespace there would cost a phone on a slow
 * network one more round trip before the first list shows (`npm run bench -- portal`).
 */
const FIRST_LOAD = ['common', 'library', 'portal'] as const;
const BUNDLED = { vi: { common: viCommon, library: viLibrary, portal: viPortal }, en: { common: enCommon, library: enLibrary, portal: enPortal } };

/** The languages offered, the first being the default. */
export const LANGUAGES = ['vi', 'en'] as const;
/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'motcua.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the user chose last on this device, else Vietnamese. */
export function storedLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : 'vi';
  } catch {
    return 'vi';
  }
}

/** The language the app shows now. */
export function currentLanguage(): Language {
  const lng = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(lng) ? lng : 'vi';
}

/** Switches the app's language and remembers it on this device. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    // Private browsing without storage: the switch still holds for this visit.
  }
  await i18next.changeLanguage(lng);
}

/** Every namespace but the bundled ones, each a chunk fetched on first use. */
const LAZY_NAMESPACES = import.meta.glob<{ default: Record<string, unknown> }>(['./locales/*/*.json', '!./locales/*/common.json', '!./locales/*/library.json', '!./locales/*/portal.json']);

void i18next
  .use(
    resourcesToBackend(async (lng: string, ns: string) => {
      const load = LAZY_NAMESPACES[`./locales/${lng}/${ns}.json`];
      if (!load) throw new Error(`no texts for ${lng}/${ns}: add designer/src/i18n/locales/${lng}/${ns}.json`);
      return (await load()).default;
    }),
  )
  .use(initReactI18next)
  .init({
    lng: storedLanguage(),
    fallbackLng: 'vi',
    supportedLngs: [...LANGUAGES],
    ns: [...FIRST_LOAD],
    defaultNS: 'common',
    // The first load's namespaces are bundled; the others still come from the backend.
    partialBundledLanguages: true,
    resources: BUNDLED,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });

function markDocument(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
markDocument(currentLanguage());
i18next.on('languageChanged', markDocument);

export { i18next };
