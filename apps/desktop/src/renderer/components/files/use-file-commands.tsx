import type { FileInfo } from '@parley/shared';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FileRef } from '../../store/transfers.js';
import { useStore } from '../../store/index.js';
import { messageErrorText } from '../message/message-error.js';
import { ConfirmDialog } from '../people/ConfirmDialog.js';
import { opensAsProgram } from './file-kind.js';

export interface FileCommands {
  download: () => void;
  /** Opens with the system's app; a program asks first (see `confirm`). */
  open: () => void;
  showInFolder: () => void;
  saveAs: () => void;
  /** The "open this program?" question, while it is asked: render it. */
  confirm: ReactNode;
}

/**
 * What can be done with a sent file, with errors as toasts; shared by file cards, message menus and
 * the viewer. With a null `ref` (a message without a file) every command does nothing.
 */
export function useFileCommands(
  ref: FileRef | null,
  info: Pick<FileInfo, 'name' | 'executable'> | null,
): FileCommands {
  const { t } = useTranslation('files');
  const { t: tconv } = useTranslation('conversation');
  const { t: tc } = useTranslation();
  const toast = useStore((s) => s.toast);
  const downloadFile = useStore((s) => s.downloadFile);
  const openFile = useStore((s) => s.openFile);
  const showFileInFolder = useStore((s) => s.showFileInFolder);
  const saveFileAs = useStore((s) => s.saveFileAs);
  const [asking, setAsking] = useState(false);
  const fail = (err: unknown) => toast(messageErrorText(tconv, tc, err), 'error');
  const reallyOpen = () => {
    if (ref) void openFile(ref).catch(fail);
  };

  return {
    download: () => {
      if (ref) void downloadFile(ref).catch(fail);
    },
    open: () => {
      if (info && opensAsProgram(info.name, info.executable)) setAsking(true);
      else reallyOpen();
    },
    showInFolder: () => {
      if (ref) void showFileInFolder(ref).catch(fail);
    },
    saveAs: () => {
      if (!ref) return;
      saveFileAs(ref).then((path) => {
        if (path !== null) toast(t('card.saved', { path }));
      }, fail);
    },
    confirm:
      asking && info ? (
        <ConfirmDialog
          title={t('card.programTitle')}
          body={<p>{t('card.programBody', { name: info.name })}</p>}
          confirmLabel={t('card.programOpen')}
          onClose={() => setAsking(false)}
          onConfirm={() => {
            reallyOpen();
            return Promise.resolve();
          }}
        />
      ) : null,
  };
}
