import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { da } from './locales/da';
import { en } from './locales/en';

const LANGUAGE_KEY = 'bro.language';

/** Danish by default; English when the user picks it (remembered in this browser). */
export function setupI18n(language = localStorage.getItem(LANGUAGE_KEY) ?? 'da') {
  void i18n.use(initReactI18next).init({
    resources: { da: { translation: da }, en: { translation: en } },
    lng: language,
    fallbackLng: 'da',
    interpolation: { escapeValue: false },
    returnObjects: false,
  });
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    localStorage.setItem(LANGUAGE_KEY, lng);
  });
  return i18n;
}

export function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'da-DK';
}

export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locale(), withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(
    new Date(iso),
  );
}
