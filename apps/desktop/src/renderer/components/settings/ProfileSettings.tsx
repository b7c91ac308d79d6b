import { Limits } from '@parley/shared/limits';
import type { PublicUser } from '@parley/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, IpcError, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { Avatar } from '../common/Avatar.js';
import { errorText } from '../common/error-text.js';
import { Icon } from '../common/Icon.js';
import { usePhotoPicker } from '../files/use-photo-picker.js';
import { charCount, type ProfileForm, profilePatch, validateProfile } from './profile-form.js';
import { FormField } from '../common/FormField.js';

/** My display name and bio, saved to the server; my username is shown but fixed. */
export function ProfileSettings() {
  const me = useStore((s) => s.me);
  if (!me) return null;
  // A change from another device starts the form again from what is stored.
  return <ProfileEditor key={`${me.displayName}\n${me.bio}`} me={me} />;
}

function ProfileEditor({ me }: { me: PublicUser }) {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const { t: tf } = useTranslation('files');
  const meUpdated = useStore((s) => s.meUpdated);
  const userUpdated = useStore((s) => s.userUpdated);
  const toast = useStore((s) => s.toast);
  const saved: ProfileForm = { displayName: me.displayName, bio: me.bio };
  const [form, setForm] = useState<ProfileForm>(saved);
  const [serverErrors, setServerErrors] = useState<Partial<Record<keyof ProfileForm, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const photo = usePhotoPicker(async (source) => {
    const { me: updated } = await call(parley().profile.setAvatar({ source }));
    meUpdated(updated);
    userUpdated(updated);
  });

  const errors = validateProfile(form);
  const patch = profilePatch(saved, form);
  const changed = Object.keys(patch).length > 0;
  const fieldError = (field: keyof ProfileForm): string | null => {
    const local = errors[field];
    if (local === 'required') return t('profile.required');
    if (local === 'tooLong')
      return t('profile.tooLong', { max: field === 'bio' ? Limits.bioMax : Limits.displayNameMax });
    return serverErrors[field] ?? null;
  };

  const save = async () => {
    if (!changed || Object.keys(errors).length > 0) return;
    setBusy(true);
    setError(null);
    setServerErrors({});
    try {
      const { me: updated } = await call(parley().profile.update(patch));
      meUpdated(updated);
      userUpdated(updated);
      toast(t('profile.saved'));
    } catch (err) {
      if (err instanceof IpcError && err.issues.length > 0) {
        const byField: Partial<Record<keyof ProfileForm, string>> = {};
        for (const issue of err.issues) {
          const field = issue.path.split('.')[0];
          if (field === 'displayName' || field === 'bio') byField[field] = issue.message;
        }
        setServerErrors(byField);
      }
      setError(errorText(tc, err));
    } finally {
      setBusy(false);
    }
  };

  const nameError = fieldError('displayName');
  const bioError = fieldError('bio');
  return (
    <form
      className="settings-card settings-profile"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="settings-profile-head">
        <Avatar id={me.id} name={form.displayName.trim() || me.displayName} size={64} />
        <div>
          <p className="settings-profile-name">{form.displayName.trim() || me.displayName}</p>
          <p className="muted">@{me.username}</p>
          <div className="settings-photo-actions">
            <button
              type="button"
              className="btn btn-secondary settings-photo"
              disabled={photo.busy}
              onClick={photo.pick}
            >
              <Icon name="camera" size={16} />
              {tf('avatar.change')}
            </button>
            {me.avatarFileId !== null && (
              <button
                type="button"
                className="btn btn-ghost settings-photo"
                disabled={photo.busy}
                onClick={photo.remove}
              >
                {tf('avatar.remove')}
              </button>
            )}
          </div>
          {photo.input}
        </div>
      </div>
      <FormField id="profile-name" label={t('profile.displayName')} error={nameError}>
        {(control) => (
          <input
            className="input"
            value={form.displayName}
            {...control}
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          />
        )}
      </FormField>
      <FormField id="profile-username" label={t('profile.username')} hint={t('profile.usernameHint')}>
        {(control) => <input className="input" value={me.username} readOnly {...control} />}
      </FormField>
      <FormField
        id="profile-bio"
        label={t('profile.bio')}
        error={bioError}
        aside={t('profile.counter', { count: charCount(form.bio), max: Limits.bioMax })}
      >
        {(control) => (
          <textarea
            className="input settings-bio"
            rows={4}
            value={form.bio}
            placeholder={t('profile.bioPlaceholder')}
            {...control}
            onChange={(e) => setForm({ ...form, bio: e.target.value })}
          />
        )}
      </FormField>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="settings-actions">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!changed || busy}
          onClick={() => {
            setForm(saved);
            setServerErrors({});
            setError(null);
          }}
        >
          {tc('actions.cancel')}
        </button>
        <button type="submit" className="btn" disabled={!changed || busy || Object.keys(errors).length > 0}>
          {busy ? t('profile.saving') : t('profile.save')}
        </button>
      </div>
    </form>
  );
}
