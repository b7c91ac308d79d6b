import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Icon } from '../common/Icon.js';
import { NewGroupDialog } from '../groups/NewGroupDialog.js';
import { Menu } from './Menu.js';

/** The "+" next to the search box: start a group, or find people to add. */
export function NewMenu() {
  const { t } = useTranslation('chats');
  const setView = useStore((s) => s.setView);
  const selectPerson = useStore((s) => s.selectPerson);
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  const [newGroup, setNewGroup] = useState(false);
  const close = useCallback(() => setAt(null), []);
  return (
    <>
      <button
        type="button"
        className="icon-btn chats-new"
        aria-label={t('newMenu.label')}
        title={t('newMenu.label')}
        aria-haspopup="menu"
        aria-expanded={at !== null}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setAt(at ? null : { x: r.left, y: r.bottom + 4 });
        }}
      >
        <Icon name="plus" size={18} />
      </button>
      {at && (
        <Menu
          x={at.x}
          y={at.y}
          label={t('newMenu.label')}
          onClose={close}
          items={[
            { label: t('newMenu.newGroup'), onSelect: () => setNewGroup(true) },
            {
              label: t('newMenu.addContact'),
              onSelect: () => {
                setView('people');
                selectPerson({ kind: 'add' });
              },
            },
          ]}
        />
      )}
      {newGroup && <NewGroupDialog onClose={() => setNewGroup(false)} />}
    </>
  );
}
