import type { Message, TimelineItem } from '@parley/shared';
import { Limits } from '@parley/shared/limits';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { messageErrorText } from './message-error.js';
import type { IconName } from '../common/Icon.js';
import { useConversation } from '../conversation/context.js';

export interface MessageAction {
  key: 'reply' | 'copy' | 'edit' | 'recall' | 'deleteForMe' | 'retry' | 'discard';
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
 * `now` decides whether the recall window is still open.
 */
export function useMessageActions(
  item: TimelineItem,
  askRecall: () => void,
  now: number,
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
        copy(entry.content.text),
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
  const mine = message.senderId === ctx.meId;
  const actions: MessageAction[] = [];
  if (ctx.canSend) {
    actions.push({ key: 'reply', label: t('actions.reply'), icon: 'reply', run: () => ctx.reply(message) });
  }
  actions.push(copy(message.content?.text ?? ''));
  if (mine && ctx.canSend) {
    actions.push({ key: 'edit', label: t('actions.edit'), icon: 'edit', run: () => ctx.edit(message) });
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
