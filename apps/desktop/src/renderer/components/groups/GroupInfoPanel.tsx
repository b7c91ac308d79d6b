import type { ConversationSummary, Member, MemberRole } from '@parley/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { shownPresence } from '../../store/people.js';
import { Avatar } from '../common/Avatar.js';
import { Icon } from '../common/Icon.js';
import { compareUsers } from '../people/friend-groups.js';
import { peopleErrorText } from '../people/people-errors.js';
import { Switch } from '../settings/Switch.js';
import { AddMembersDialog } from './AddMembersDialog.js';
import { GroupDangerZone } from './GroupDangerZone.js';
import { GroupName } from './GroupName.js';
import { type GroupState, groupPermissions, type MemberAction, memberActions } from './member-actions.js';
import { MemberMenu } from './MemberMenu.js';
import { ConfirmDialog } from '../people/ConfirmDialog.js';
import { usePhotoPicker } from '../files/use-photo-picker.js';
import '../people/people.css';
import './groups.css';

const roleOrder: Record<MemberRole, number> = { owner: 0, admin: 1, member: 2 };

/** The right-hand panel of a group: name, members and their roles, my preferences, leave/dissolve. */
export function GroupInfoPanel({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const group = useStore((s) => s.conversations.find((c) => c.id === conversationId));
  const closePanel = useStore((s) => s.closePanel);
  return (
    <section className="people-panel" aria-label={t('groups.info')}>
      <header className="people-panel-header">
        <h2>{t('groups.info')}</h2>
        <button type="button" className="icon-btn" aria-label={tc('actions.close')} onClick={closePanel}>
          <Icon name="close" />
        </button>
      </header>
      <div className="people-panel-body">
        {group ? <GroupInfo group={group} /> : <p className="muted">{t('groups.notFound')}</p>}
      </div>
    </section>
  );
}

function GroupInfo({ group }: { group: ConversationSummary }) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const meId = useStore((s) => s.me?.id);
  const ensureUsers = useStore((s) => s.ensureUsers);
  const loadPresence = useStore((s) => s.loadPresence);
  const loadConversations = useStore((s) => s.loadConversations);
  const toast = useStore((s) => s.toast);
  const [adding, setAdding] = useState(false);
  const { t: tf } = useTranslation('files');
  const photo = usePhotoPicker(async (source) => {
    await call(parley().groups.setAvatar({ conversationId: group.id, source }));
    await loadConversations();
  });

  const memberIds = useMemo(() => group.members.map((m) => m.userId), [group.members]);
  const memberKey = memberIds.join(',');
  useEffect(() => {
    const ids = memberKey.split(',').filter(Boolean);
    void ensureUsers(ids).catch(() => undefined);
    void loadPresence(ids);
  }, [memberKey, ensureUsers, loadPresence]);

  const mine = group.members.find((m) => m.userId === meId);
  const state: GroupState = {
    myRole: group.leftReason === null && mine ? mine.role : null,
    dissolved: group.dissolvedAt !== null,
  };
  const can = groupPermissions(state, group.members.length);
  const notice =
    group.leftReason === 'removed'
      ? t('groups.state.removed')
      : group.leftReason === 'left'
        ? t('groups.state.left')
        : state.dissolved
          ? t('groups.state.dissolved')
          : null;

  const setPrefs = (prefs: { muted?: boolean; pinned?: boolean }) => {
    call(parley().conversations.setPrefs({ conversationId: group.id, ...prefs }))
      .then(() => loadConversations())
      .catch((err: unknown) => toast(peopleErrorText(t, tc, err), 'error'));
  };

  return (
    <div className="group-info">
      <div className="group-info-head">
        {/* Owners and admins may change the photo, as they may rename the group. */}
        {can.rename ? (
          <button
            type="button"
            className="group-info-photo"
            aria-label={tf('avatar.groupChange')}
            title={tf('avatar.groupChange')}
            disabled={photo.busy}
            onClick={photo.pick}
          >
            <Avatar id={group.id} name={group.title} size={64} group fileId={group.avatarFileId} />
            <span className="group-info-photo-badge" aria-hidden="true">
              <Icon name="camera" size={14} />
            </span>
          </button>
        ) : (
          <Avatar id={group.id} name={group.title} size={64} group fileId={group.avatarFileId} />
        )}
        {photo.input}
        {can.rename && group.avatarFileId !== null && (
          <button
            type="button"
            className="btn btn-ghost group-info-photo-remove"
            disabled={photo.busy}
            onClick={photo.remove}
          >
            {tf('avatar.remove')}
          </button>
        )}
        <GroupName group={group} canRename={can.rename} />
        <p className="muted">{t('memberCount', { count: group.members.length })}</p>
      </div>
      {notice && (
        <p className="group-info-notice" role="status">
          {notice}
        </p>
      )}

      <section className="group-info-section" aria-labelledby="group-members-heading">
        <div className="group-info-section-head">
          <h3 id="group-members-heading" className="section-title">
            {t('groups.membersHeading', { count: group.members.length })}
          </h3>
          {can.addMembers && (
            <button type="button" className="btn btn-ghost group-info-add" onClick={() => setAdding(true)}>
              <Icon name="userPlus" size={18} />
              {t('groups.addMembers')}
            </button>
          )}
        </div>
        <MemberList group={group} state={state} meId={meId} />
      </section>

      {state.myRole !== null && (
        <section className="group-info-section" aria-labelledby="group-prefs-heading">
          <h3 id="group-prefs-heading" className="group-info-section-title section-title">
            {t('groups.prefs')}
          </h3>
          <Switch label={t('groups.mute')} checked={group.muted} onChange={(muted) => setPrefs({ muted })} />
          <Switch
            label={t('groups.pin')}
            checked={group.pinned}
            onChange={(pinned) => setPrefs({ pinned })}
          />
        </section>
      )}

      <GroupDangerZone group={group} permissions={can} />

      {adding && <AddMembersDialog group={group} onClose={() => setAdding(false)} />}
    </div>
  );
}

function MemberList({
  group,
  state,
  meId,
}: {
  group: ConversationSummary;
  state: GroupState;
  meId: string | undefined;
}) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const users = useStore((s) => s.users);
  const presence = useStore(shownPresence);
  const openPanel = useStore((s) => s.openPanel);
  const loadConversations = useStore((s) => s.loadConversations);
  const toast = useStore((s) => s.toast);
  const [confirm, setConfirm] = useState<{ action: 'remove' | 'transferOwnership'; member: Member } | null>(
    null,
  );

  const nameOf = (userId: string) => users[userId]?.displayName ?? userId.slice(0, 8);
  const sorted = [...group.members].sort((a, b) => {
    if (a.role !== b.role) return roleOrder[a.role] - roleOrder[b.role];
    const ua = users[a.userId];
    const ub = users[b.userId];
    return ua && ub ? compareUsers(ua, ub) : a.userId.localeCompare(b.userId);
  });

  const run = async (action: MemberAction, member: Member) => {
    const ref = { conversationId: group.id, userId: member.userId };
    const api = parley().groups;
    if (action === 'makeAdmin') await call(api.setRole({ ...ref, role: 'admin' }));
    else if (action === 'removeAdmin') await call(api.setRole({ ...ref, role: 'member' }));
    else if (action === 'transferOwnership') await call(api.transferOwnership(ref));
    else await call(api.removeMember(ref));
    await loadConversations();
    toast(t(`groups.done.${action}`, { name: nameOf(member.userId) }));
  };

  const choose = (action: MemberAction, member: Member) => {
    if (action === 'remove' || action === 'transferOwnership') setConfirm({ action, member });
    else run(action, member).catch((err: unknown) => toast(peopleErrorText(t, tc, err), 'error'));
  };

  return (
    <>
      <ul className="group-members" aria-label={t('groups.members')}>
        {sorted.map((m) => {
          const self = m.userId === meId;
          const name = nameOf(m.userId);
          const actions = memberActions(state, m.role, self);
          return (
            <li key={m.userId} className="group-member">
              <button
                type="button"
                className="group-member-who list-row"
                onClick={() => openPanel({ kind: 'profile', userId: m.userId })}
              >
                <Avatar id={m.userId} name={name} size={32} presence={presence[m.userId]?.status} />
                <span className="group-member-name truncate">
                  {name}
                  {self && <span className="muted">{t('you')}</span>}
                </span>
                {m.role !== 'member' && (
                  <span className={`group-role group-role-${m.role}`}>{t(`groups.roles.${m.role}`)}</span>
                )}
              </button>
              {actions.length > 0 && (
                <MemberMenu name={name} actions={actions} onAction={(a) => choose(a, m)} />
              )}
            </li>
          );
        })}
      </ul>
      {confirm && (
        <ConfirmDialog
          title={t(
            confirm.action === 'remove' ? 'groups.confirmRemoveTitle' : 'groups.confirmTransferTitle',
            {
              name: nameOf(confirm.member.userId),
            },
          )}
          body={
            <p>
              {t(confirm.action === 'remove' ? 'groups.confirmRemoveBody' : 'groups.confirmTransferBody')}
            </p>
          }
          confirmLabel={t(`groups.actions.${confirm.action}`)}
          tone={confirm.action === 'remove' ? 'danger' : 'primary'}
          onConfirm={() => run(confirm.action, confirm.member)}
          onClose={() => setConfirm(null)}
          describeError={(err) => peopleErrorText(t, tc, err)}
        />
      )}
    </>
  );
}
