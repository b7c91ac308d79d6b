import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';

/** The link to the server, quietly: a small coloured dot next to the list's title. */
export function ConnectionDot() {
  const { t } = useTranslation('chats');
  const connection = useStore((s) => s.connection);
  const label = t(`connection.${connection}`);
  return (
    <span className="chats-conn" data-state={connection} role="img" aria-label={label} title={label}>
      <span className="chats-conn-dot" />
    </span>
  );
}
