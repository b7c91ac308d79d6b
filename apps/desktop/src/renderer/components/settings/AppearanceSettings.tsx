import type { Language, Theme } from '@parley/shared';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { useUpdateSetting } from './use-setting.js';

const themes: Theme[] = ['light', 'dark', 'system'];
const languages: Language[] = ['zh-CN', 'en', 'system'];

/** A small picture of a window in one theme: the tokens of that theme apply inside it. */
function ThemePreview({ theme }: { theme: 'light' | 'dark' }) {
  return (
    <span className="settings-theme-preview" data-theme={theme} aria-hidden="true">
      <span className="settings-theme-preview-rail" />
      <span className="settings-theme-preview-list" />
      <span className="settings-theme-preview-main">
        <span className="settings-theme-preview-bubble" />
        <span className="settings-theme-preview-bubble settings-theme-preview-bubble-own" />
      </span>
    </span>
  );
}

export function AppearanceSettings() {
  const { t } = useTranslation('settings');
  const settings = useStore((s) => s.settings);
  const update = useUpdateSetting();
  if (!settings) return null;
  return (
    <>
      <fieldset className="settings-card settings-choice">
        <legend className="settings-card-title">{t('appearance.theme')}</legend>
        <div className="settings-themes">
          {themes.map((theme) => (
            <label key={theme} className="settings-theme">
              <span className="settings-theme-previews">
                {theme === 'system' ? (
                  <>
                    <ThemePreview theme="light" />
                    <ThemePreview theme="dark" />
                  </>
                ) : (
                  <ThemePreview theme={theme} />
                )}
              </span>
              <span className="settings-theme-label">
                <input
                  type="radio"
                  name="theme"
                  value={theme}
                  checked={settings.theme === theme}
                  onChange={() => update({ theme })}
                />
                {t(`appearance.themes.${theme}`)}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="settings-card settings-choice">
        <legend className="settings-card-title">{t('appearance.language')}</legend>
        <div className="settings-languages">
          {languages.map((language) => (
            <label key={language} className="settings-language">
              <input
                type="radio"
                name="language"
                value={language}
                checked={settings.language === language}
                onChange={() => update({ language })}
              />
              <span lang={language === 'system' ? undefined : language}>
                {t(`appearance.languages.${language}`)}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
