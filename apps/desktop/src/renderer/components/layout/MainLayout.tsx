import { useEffect } from 'react';
import { useStore } from '../../store/index.js';
import { ChatsSidebar } from '../chats/ChatsSidebar.js';
import { ConnectionBanner } from '../chats/ConnectionBanner.js';
import { QuickSwitcher } from '../chats/QuickSwitcher.js';
import { ConversationView } from '../conversation/ConversationView.js';
import { EmptyPane } from './EmptyPane.js';
import { ImageViewer } from '../files/ImageViewer.js';
import { GroupInfoPanel } from '../groups/GroupInfoPanel.js';
import { PeoplePane } from '../people/PeoplePane.js';
import { PeopleSidebar } from '../people/PeopleSidebar.js';
import { ProfilePanel } from '../people/ProfilePanel.js';
import { SettingsPane } from '../settings/SettingsPane.js';
import { SettingsSidebar } from '../settings/SettingsSidebar.js';
import { NavRail } from './NavRail.js';
import { useGlobalShortcuts } from './use-global-shortcuts.js';
import './layout.css';

/** The signed-in window: rail, list, main pane and an optional right-hand panel. */
export function MainLayout() {
  const view = useStore((s) => s.view);
  const active = useStore((s) => s.activeConversationId);
  const panel = useStore((s) => s.panel);
  const quickSwitcherOpen = useStore((s) => s.quickSwitcherOpen);
  const loadConversations = useStore((s) => s.loadConversations);
  const refreshPeople = useStore((s) => s.refreshPeople);
  const loadTransfers = useStore((s) => s.loadTransfers);
  useGlobalShortcuts();
  useEffect(() => {
    void loadConversations();
  }, [loadConversations]);
  // Uploads and downloads a previous run left unfinished (they go on by themselves).
  useEffect(() => {
    void loadTransfers().catch(() => undefined);
  }, [loadTransfers]);
  // Friends and requests from the start: the People badge counts the requests.
  useEffect(() => {
    void refreshPeople().catch(() => undefined);
  }, [refreshPeople]);

  return (
    <div className="layout">
      <NavRail />
      <aside className="layout-list">
        {view === 'chats' && <ChatsSidebar />}
        {view === 'people' && <PeopleSidebar />}
        {view === 'settings' && <SettingsSidebar />}
      </aside>
      <main className="layout-main">
        <ConnectionBanner />
        {view === 'chats' &&
          (active ? <ConversationView key={active} conversationId={active} /> : <EmptyPane />)}
        {view === 'people' && <PeoplePane />}
        {view === 'settings' && <SettingsPane />}
      </main>
      {panel && (
        <aside className="layout-panel">
          {panel.kind === 'group-info' && <GroupInfoPanel conversationId={panel.conversationId} />}
          {panel.kind === 'profile' && <ProfilePanel userId={panel.userId} />}
        </aside>
      )}
      {quickSwitcherOpen && <QuickSwitcher />}
      <ImageViewer />
    </div>
  );
}
