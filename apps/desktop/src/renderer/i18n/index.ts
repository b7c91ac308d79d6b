import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Resources } from './locales/en/index.js';
import { zhCN } from './locales/zh-CN/index.js';

export type UiLanguage = 'zh-CN' | 'en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: Resources;
  }
}

/** Both languages ship inside the app; nothing is fetched. */
export async function initI18n(language: UiLanguage): Promise<void> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    defaultNS: 'common',
    ns: Object.keys(en),
    resources: { en, 'zh-CN': zhCN },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
}

export async function setLanguage(language: UiLanguage): Promise<void> {
  if (i18next.language === language) return;
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export { i18next };
