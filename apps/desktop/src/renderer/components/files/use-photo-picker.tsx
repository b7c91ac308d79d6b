import type { FileSource } from '@parley/shared';
import { Limits } from '@parley/shared/limits';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { messageErrorText } from '../message/message-error.js';
import { planSource, toSource } from './file-source.js';
import { formatSize } from './format.js';

const accepted = 'image/png,image/jpeg,image/webp,image/gif';

/**
 * Choosing a photo (an avatar): the system's file picker for pictures, then `apply` with the file
 * by path or bytes; `remove` applies null. Too large ones are refused here; the main process
 * checks the rest.
 */
export function usePhotoPicker(apply: (source: FileSource | null) => Promise<void>): {
  pick: () => void;
  remove: () => void;
  busy: boolean;
  input: ReactNode;
} {
  const { t } = useTranslation('files');
  const { t: tconv } = useTranslation('conversation');
  const { t: tc } = useTranslation();
  const toast = useStore((s) => s.toast);
  const locale = useStore((s) => s.language);
  const ref = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const run = async (source: () => Promise<FileSource | null>, done: string) => {
    setBusy(true);
    try {
      await apply(await source());
      toast(done);
    } catch (err) {
      toast(t('avatar.failed', { reason: messageErrorText(tconv, tc, err) }), 'error');
    } finally {
      setBusy(false);
    }
  };

  const chosen = (file: File) => {
    const plan = planSource(file, parley().pathForFile(file), Limits.avatarBytesMax);
    if (file.size > Limits.avatarBytesMax || plan.kind === 'too-large') {
      toast(t('avatar.tooLarge', { max: formatSize(Limits.avatarBytesMax, locale) }), 'error');
      return;
    }
    void run(() => toSource(file, plan), t('avatar.changed'));
  };

  return {
    pick: () => ref.current?.click(),
    remove: () => void run(() => Promise.resolve(null), t('avatar.removed')),
    busy,
    input: (
      <input
        ref={ref}
        type="file"
        accept={accepted}
        hidden
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) chosen(file);
        }}
      />
    ),
  };
}
