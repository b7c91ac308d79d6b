import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Avatar } from '../common/Avatar.js';
import { Icon } from '../common/Icon.js';
import { messagePerson } from './actions.js';
import { AddFriendForm } from './AddFriendForm.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { peopleErrorText } from './people-errors.js';
import { PresenceText } from './PresenceText.js';
import { useRelation } from './use-relation.js';
import './people.css';

type Confirm = 'remove' | 'block' | 'unblock' | null;

/**
 * Someone's profile with what I can do about them: message, answer or send a request, remove,
 * block. `compact` is the right-hand panel's narrower layout.
 */
export function ProfileCard({ userId, compact = false }: { userId: string; compact?: boolean }) {
  const { t, i18n } = useTranslation('people');
  const { t: tc } = useTranslation();
  const user = useStore((s) => s.users[userId]);
  const ensureUsers = useStore((s) => s.ensureUsers);
  const loadPresence = useStore((s) => s.loadPresence);
  const relation = useRelation(userId);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [adding, setAdding] = useState(false);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    ensureUsers([userId]).catch(() => setMissing(true));
    void loadPresence([userId]);
  }, [userId, ensureUsers, loadPresence]);

  if (!user) {
    return (
      <p className="people-card-status muted">{missing ? t('profile.notFound') : t('profile.loading')}</p>
    );
  }
  const name = user.displayName;
  const layout = compact ? 'people-card people-card-compact' : 'people-card';
  return (
    <section className={layout} aria-label={name}>
      <div className="people-card-head">
        <Avatar id={user.id} name={name} size={compact ? 72 : 88} />
        <div className="people-card-names">
          <h2 className="people-card-name">{name}</h2>
          <p className="people-card-username">@{user.username}</p>
          <div className="people-card-tags">
            <PresenceText userId={user.id} />
            {relation.blocked && <span className="people-tag people-tag-danger">{t('profile.blocked')}</span>}
          </div>
        </div>
      </div>

      <dl className="people-card-facts">
        <div>
          <dt>{t('profile.bio')}</dt>
          <dd className={user.bio ? 'people-card-bio' : 'people-card-bio muted'}>
            {user.bio || t('profile.noBio')}
          </dd>
        </div>
        {relation.friend && (
          <div>
            <dt className="visually-hidden">{t('sections.friends')}</dt>
            <dd className="muted">
              {t('profile.friendsSince', {
                date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(
                  relation.friend.since,
                ),
              })}
            </dd>
          </div>
        )}
      </dl>

      {relation.incoming && !relation.isMe && (
        <IncomingRequest requestId={relation.incoming.id} name={name} message={relation.incoming.message} />
      )}

      <div className="people-card-actions">
        {relation.isMe ? (
          <MeActions />
        ) : (
          <>
            {relation.friend && (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  messagePerson(userId).catch((err: unknown) => {
                    useStore.getState().toast(peopleErrorText(t, tc, err), 'error');
                  });
                }}
              >
                <Icon name="chat" size={18} />
                {t('profile.message')}
              </button>
            )}
            {!relation.friend && !relation.incoming && !relation.blocked && !adding && (
              <OutgoingOrAdd requestId={relation.outgoing?.id} name={name} onAdd={() => setAdding(true)} />
            )}
            {relation.friend && (
              <button type="button" className="btn btn-secondary" onClick={() => setConfirm('remove')}>
                {t('profile.removeFriend')}
              </button>
            )}
            <button
              type="button"
              className="btn btn-secondary people-card-block"
              onClick={() => setConfirm(relation.blocked ? 'unblock' : 'block')}
            >
              {relation.blocked ? t('profile.unblock') : t('profile.block')}
            </button>
          </>
        )}
      </div>
      {adding && (
        <AddFriendForm
          userId={userId}
          name={name}
          onDone={() => setAdding(false)}
          onCancel={() => setAdding(false)}
        />
      )}

      {confirm && (
        <ConfirmPersonAction kind={confirm} userId={userId} name={name} onClose={() => setConfirm(null)} />
      )}
    </section>
  );
}

function MeActions() {
  const { t } = useTranslation('people');
  const setView = useStore((s) => s.setView);
  const setSection = useStore((s) => s.setSettingsSection);
  return (
    <>
      <span className="people-tag">{t('profile.itsYou')}</span>
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() => {
          setSection('profile');
          setView('settings');
        }}
      >
        <Icon name="edit" size={18} />
        {t('profile.editProfile')}
      </button>
    </>
  );
}

function OutgoingOrAdd({
  requestId,
  name,
  onAdd,
}: {
  requestId: string | undefined;
  name: string;
  onAdd: () => void;
}) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const cancel = useStore((s) => s.cancelRequest);
  const toast = useStore((s) => s.toast);
  if (requestId === undefined) {
    return (
      <button type="button" className="btn" onClick={onAdd}>
        <Icon name="userPlus" size={18} />
        {t('profile.addFriend')}
      </button>
    );
  }
  return (
    <>
      <span className="people-tag">{t('profile.requested')}</span>
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() => {
          cancel(requestId).then(
            () => toast(t('request.cancelled', { name })),
            (err: unknown) => toast(peopleErrorText(t, tc, err), 'error'),
          );
        }}
      >
        {t('request.cancel')}
      </button>
    </>
  );
}

function IncomingRequest({ requestId, name, message }: { requestId: string; name: string; message: string }) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const accept = useStore((s) => s.acceptRequest);
  const decline = useStore((s) => s.declineRequest);
  const toast = useStore((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const answer = (yes: boolean) => {
    setBusy(true);
    (yes ? accept(requestId) : decline(requestId)).then(
      () => toast(t(yes ? 'request.accepted' : 'request.declined', { name })),
      (err: unknown) => {
        setBusy(false);
        toast(peopleErrorText(t, tc, err), 'error');
      },
    );
  };
  return (
    <div className="people-card-request" role="group" aria-label={t('profile.theyAsked', { name })}>
      <p className="people-card-request-text">
        <strong>{t('profile.theyAsked', { name })}</strong>
        {message && <span className="people-card-request-message">{t('request.quoted', { message })}</span>}
      </p>
      <div className="people-card-request-actions">
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => answer(false)}>
          {t('request.decline')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => answer(true)}>
          {t('request.accept')}
        </button>
      </div>
    </div>
  );
}

function ConfirmPersonAction({
  kind,
  userId,
  name,
  onClose,
}: {
  kind: Exclude<Confirm, null>;
  userId: string;
  name: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const removeFriend = useStore((s) => s.removeFriend);
  const block = useStore((s) => s.blockUser);
  const unblock = useStore((s) => s.unblockUser);
  const toast = useStore((s) => s.toast);
  const run = {
    remove: async () => {
      await removeFriend(userId);
      toast(t('profile.removed', { name }));
    },
    block: async () => {
      await block(userId);
      toast(t('profile.blockedToast', { name }));
    },
    unblock: async () => {
      await unblock(userId);
      toast(t('profile.unblockedToast', { name }));
    },
  }[kind];
  return (
    <ConfirmDialog
      title={t(`confirm.${kind}Title`, { name })}
      body={<p>{t(`confirm.${kind}Body`)}</p>}
      confirmLabel={t(`confirm.${kind}Action`)}
      tone={kind === 'unblock' ? 'primary' : 'danger'}
      onConfirm={run}
      onClose={onClose}
      describeError={(err) => peopleErrorText(t, tc, err)}
    />
  );
}
