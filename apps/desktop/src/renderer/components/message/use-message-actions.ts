import type { Message, TimelineItem } from '@parley/shared';
import { Limits } from '@parley/shared/limits';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { messageErrorText } from './message-error.js';
import type { IconName } from '../common/Icon.js';
import { useConversation } from '../conversation/context.js';
import type { FileCommands } from '../files/use-file-commands.js';

export interface MessageAction {
  key:
    | 'reply'
    | 'copy'
    | 'edit'
    | 'recall'
    | 'deleteForMe'
    | 'retry'
    | 'discard'
    | 'cancelUpload'
    | 'view'
    | 'open'
    | 'showInFolder'
    | 'saveAs';
  label: string;
  icon: IconName;
  danger?: boolean;
  run: () => void;
}

/** Whether I may still recall a message of mine sent at `createdAt`. */
export function withinRecallWindow(createdAt: number, now: number): boolean {
  return now - createdAt < Limits.recallWindowMs;
}

/**
 * What can be done with a timeline item, in menu order. Recall asks first, through `askRecall`.
 * `now` decides whether the recall window is still open; `files` acts on a file message's file.
 */
export function useMessageActions(
  item: TimelineItem,
  askRecall: () => void,
  now: number,
  files: FileCommands | null,
): {
  actions: MessageAction[];
  react: ((emoji: string, on: boolean) => void) | null;
  message: Message | null;
} {
  const { t } = useTranslation('conversation');
  const { t: tc } = useTranslation();
  const ctx = useConversation();
  const toast = useStore((s) => s.toast);
  const toggleReaction = useStore((s) => s.toggleReaction);
  const deleteForMe = useStore((s) => s.deleteMessageForMe);
  const retry = useStore((s) => s.retryMessage);
  const discard = useStore((s) => s.discardMessage);
  const cancelUpload = useStore((s) => s.cancelTransfer);
  const openViewer = useStore((s) => s.openViewer);
  const { t: tf } = useTranslation('files');
  const fail = (err: unknown) => toast(messageErrorText(t, tc, err), 'error');
  const id = ctx.conversationId;

  const copy = (text: string): MessageAction => ({
    key: 'copy',
    label: t('actions.copy'),
    icon: 'copy',
    run: () => {
      navigator.clipboard.writeText(text).then(() => toast(t('actions.copied')), fail);
    },
  });

  if (item.kind === 'outgoing') {
    const { entry } = item;
    return {
      message: null,
      react: null,
      actions: [
        ...(entry.content.kind === 'text' ? [copy(entry.content.text)] : []),
        ...(entry.content.kind !== 'text' && entry.state === 'pending'
          ? [
              {
                key: 'cancelUpload',
                label: tf('transfer.cancelUpload'),
                icon: 'close',
                danger: true,
                run: () => void cancelUpload(entry.clientMsgId).catch(fail),
              } satisfies MessageAction,
            ]
          : []),
        ...(entry.state === 'failed'
          ? [
              {
                key: 'retry',
                label: t('message.retry'),
                icon: 'undo',
                run: () => void retry(id, entry.clientMsgId).catch(fail),
              } satisfies MessageAction,
              {
                key: 'discard',
                label: t('message.discard'),
                icon: 'trash',
                danger: true,
                run: () => void discard(id, entry.clientMsgId).catch(fail),
              } satisfies MessageAction,
            ]
          : []),
      ],
    };
  }
  if (item.kind !== 'message' || item.message.recalledAt !== null || !item.message.content) {
    return { message: null, react: null, actions: [] };
  }
  const message = item.message;
  const content = item.message.content;
  const mine = message.senderId === ctx.meId;
  const actions: MessageAction[] = [];
  if (ctx.canSend) {
    actions.push({ key: 'reply', label: t('actions.reply'), icon: 'reply', run: () => ctx.reply(message) });
  }
  if (content.kind === 'text') actions.push(copy(content.text));
  if (content.kind === 'image' && content.file.hasThumbnail) {
    actions.push({
      key: 'view',
      label: tf('viewer.open'),
      icon: 'image',
      run: () => openViewer(id, message.id),
    });
  }
  if (files && (content.kind === 'file' || content.kind === 'video')) {
    actions.push(
      { key: 'open', label: tf('card.open'), icon: 'external', run: files.open },
      { key: 'showInFolder', label: tf('card.showInFolder'), icon: 'folder', run: files.showInFolder },
    );
  }
  if (files && content.kind !== 'text') {
    actions.push({ key: 'saveAs', label: tf('card.saveAs'), icon: 'save', run: files.saveAs });
  }
  if (mine && ctx.canSend) {
    if (content.kind === 'text') {
      actions.push({ key: 'edit', label: t('actions.edit'), icon: 'edit', run: () => ctx.edit(message) });
    }
    if (withinRecallWindow(message.createdAt, now)) {
      actions.push({ key: 'recall', label: t('actions.recall'), icon: 'undo', run: askRecall });
    }
  }
  actions.push({
    key: 'deleteForMe',
    label: t('actions.deleteForMe'),
    icon: 'trash',
    danger: true,
    run: () => {
      deleteForMe(id, message.id).then(() => toast(t('actions.deleted')), fail);
    },
  });
  return {
    message,
    actions,
    react: ctx.canSend ? (emoji, on) => void toggleReaction(id, message.id, emoji, on).catch(fail) : null,
  };
}
