import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { AnnouncementBanner } from '../admin/AnnouncementBanner.js';
import { NotPrivateBadge } from '../security/NotPrivateBadge.js';
import { ConnectionDot } from './ConnectionDot.js';
import { ConversationList } from './ConversationList.js';
import { NewMenu } from './NewMenu.js';
import { SearchBox } from './SearchBox.js';
import { SearchResults } from './SearchResults.js';
import './chats.css';
import './search.css';

/** The Chats view's list column: title and connection, search, and the conversations or results. */
export function ChatsSidebar() {
  const { t } = useTranslation('chats');
  const searching = useStore((s) => s.searchQuery.trim() !== '');
  const serverUrl = useStore((s) => s.serverUrl);
  return (
    <div className="chats">
      <header className="chats-header">
        <div className="chats-title-row">
          <h2 className="chats-title">{t('title')}</h2>
          <ConnectionDot />
          {serverUrl?.startsWith('http:') && <NotPrivateBadge />}
          <span className="chats-spacer" />
          <NewMenu />
        </div>
        <SearchBox />
      </header>
      <AnnouncementBanner />
      {searching ? <SearchResults /> : <ConversationList />}
    </div>
  );
}
