import { useTranslation } from 'react-i18next';
import { Avatar } from '../common/Avatar.js';
import { Icon } from '../common/Icon.js';

/** One row of the @mention list: a member, or everyone (userId null). */
export interface MentionOption {
  userId: string | null;
  name: string;
  detail: string;
}

export const mentionListId = 'composer-mentions';
export const mentionOptionId = (index: number) => `composer-mention-${index}`;

/** The @mention suggestions above the composer; the textarea keeps focus and drives it with the arrows. */
export function MentionPopup({
  options,
  active,
  onPick,
  onHover,
}: {
  options: readonly MentionOption[];
  active: number;
  onPick: (option: MentionOption) => void;
  onHover: (index: number) => void;
}) {
  const { t } = useTranslation('conversation');
  return (
    <ul
      className="composer-mentions"
      role="listbox"
      id={mentionListId}
      aria-label={t('composer.mentionList')}
    >
      {options.map((o, i) => (
        <li
          key={o.userId ?? '@all'}
          id={mentionOptionId(i)}
          role="option"
          aria-selected={i === active}
          className={`composer-mention${i === active ? ' composer-mention-active' : ''}`}
          onMouseDown={(e) => {
            // Keep focus in the textarea.
            e.preventDefault();
            onPick(o);
          }}
          onMouseEnter={() => onHover(i)}
        >
          {o.userId === null ? (
            <span className="composer-mention-all" aria-hidden="true">
              <Icon name="group" size={18} />
            </span>
          ) : (
            <Avatar id={o.userId} name={o.name} size={26} />
          )}
          <span className="composer-mention-name">{o.name}</span>
          <span className="composer-mention-detail">{o.detail}</span>
        </li>
      ))}
    </ul>
  );
}
