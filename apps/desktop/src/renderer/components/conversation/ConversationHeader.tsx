import type { ConversationSummary } from '@parley/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Avatar } from '../common/Avatar.js';
import { Icon } from '../common/Icon.js';
import { usePresenceLabel } from '../people/PresenceText.js';

/** Title, who it is with (members or presence), marks, and the button for the side panel. */
export function ConversationHeader({
  summary,
  otherId,
}: {
  summary: ConversationSummary;
  otherId: string | null;
}) {
  const { t } = useTranslation('conversation');
  const panel = useStore((s) => s.panel);
  const openPanel = useStore((s) => s.openPanel);
  const closePanel = useStore((s) => s.closePanel);
  const loadPresence = useStore((s) => s.loadPresence);
  const group = summary.kind === 'group';
  const panelOpen = group
    ? panel?.kind === 'group-info' && panel.conversationId === summary.id
    : panel?.kind === 'profile' && panel.userId === otherId;

  useEffect(() => {
    if (otherId) void loadPresence([otherId]);
  }, [otherId, loadPresence]);

  const toggle = () => {
    if (panelOpen) closePanel();
    else if (group) openPanel({ kind: 'group-info', conversationId: summary.id });
    else if (otherId) openPanel({ kind: 'profile', userId: otherId });
  };
  const panelLabel = group ? t('header.groupInfo') : t('header.profile');

  return (
    <header className="conv-header">
      <button
        type="button"
        className="conv-header-who"
        onClick={toggle}
        aria-label={panelLabel}
        tabIndex={-1}
      >
        <Avatar
          id={otherId ?? summary.id}
          name={summary.title}
          size={36}
          group={group}
          fileId={group ? summary.avatarFileId : undefined}
        />
      </button>
      <div className="conv-header-text">
        <h1 className="conv-title" title={summary.title}>
          {summary.title}
        </h1>
        <div className="conv-subtitle">
          {group
            ? t('header.members', { count: summary.members.length })
            : otherId && <Presence userId={otherId} />}
        </div>
      </div>
      <div className="conv-header-marks">
        {summary.pinned && (
          <span className="conv-mark" title={t('header.pinned')}>
            <Icon name="pin" size={16} label={t('header.pinned')} />
          </span>
        )}
        {summary.muted && (
          <span className="conv-mark" title={t('header.muted')}>
            <Icon name="mute" size={16} label={t('header.muted')} />
          </span>
        )}
      </div>
      <button
        type="button"
        className={`icon-btn conv-header-btn${panelOpen ? ' conv-header-btn-on' : ''}`}
        aria-label={panelLabel}
        aria-pressed={panelOpen}
        title={panelLabel}
        onClick={toggle}
      >
        <Icon name="info" />
      </button>
    </header>
  );
}

function Presence({ userId }: { userId: string }) {
  const presence = usePresenceLabel(userId);
  if (!presence) return null;
  return (
    <span className={`conv-presence conv-presence-${presence.status}`}>
      <span className="conv-presence-dot" aria-hidden="true" />
      {presence.label}
    </span>
  );
}
