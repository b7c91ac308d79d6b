import type { RegistrationPolicy } from '@parley/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { adminErrorText } from './admin-errors.js';
import { InviteCodes } from './InviteCodes.js';
import type { SettingsCardProps } from './use-admin-settings.js';

const policies: RegistrationPolicy[] = ['open', 'invite', 'closed'];

/** Who may create an account (saved as soon as it is picked), and the invite codes. */
export function RegistrationCard({ settings, save }: SettingsCardProps) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const toast = useStore((s) => s.toast);
  const [error, setError] = useState<string | null>(null);
  // Shown as picked at once, while it is being saved; a refusal puts the stored one back.
  const [picking, setPicking] = useState<RegistrationPolicy | null>(null);
  const shown = picking ?? settings.registration;

  const pick = async (registration: RegistrationPolicy) => {
    if (registration === shown) return;
    setPicking(registration);
    setError(null);
    try {
      await save({ registration });
      toast(t('registration.changed', { policy: t(`registration.policies.${registration}`) }));
    } catch (err) {
      setError(adminErrorText(t, tc, err));
    } finally {
      setPicking(null);
    }
  };

  return (
    <section className="settings-card" aria-labelledby="admin-registration-heading">
      <h2 id="admin-registration-heading" className="settings-card-title">
        {t('registration.title')}
      </h2>
      <p className="settings-card-hint">{t('registration.hint')}</p>
      <div className="admin-choices" role="radiogroup" aria-labelledby="admin-registration-heading">
        {policies.map((p) => (
          <label key={p} className="admin-choice">
            <input
              type="radio"
              name="registration"
              value={p}
              checked={shown === p}
              disabled={picking !== null}
              onChange={() => void pick(p)}
            />
            <span className="admin-choice-text">
              <span className="admin-choice-label">{t(`registration.policies.${p}`)}</span>
              <span className="admin-choice-hint">{t(`registration.policyHints.${p}`)}</span>
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <InviteCodes />
    </section>
  );
}
