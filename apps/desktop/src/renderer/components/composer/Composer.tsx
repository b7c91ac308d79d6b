import type { ConversationSummary, Message } from '@parley/shared';
import { Limits } from '@parley/shared/limits';
import {
  forwardRef,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { messageErrorText } from '../message/message-error.js';
import { Icon } from '../common/Icon.js';
import { type Anchor, anchorOf, Popover } from '../message/Popover.js';
import { everyoneWords } from '../message/text-parts.js';
import { contentLine } from '../files/file-tag.js';
import { formatSize } from '../files/format.js';
import { AttachmentChips } from './AttachmentChips.js';
import { EmojiPicker } from './EmojiPicker.js';
import { composerKeyAction } from './keys.js';
import { MentionPopup, type MentionOption, mentionListId, mentionOptionId } from './MentionPopup.js';
import { activeMentionQuery, insertMention, matchMentions, mentionsInText } from './mentions.js';
import { RecordingError, VoiceRecording } from './voice-recording.js';
import { VoiceRecorder } from './VoiceRecorder.js';
import './composer.css';

export interface ComposerApi {
  startReply: (message: Message) => void;
  startEdit: (message: Message) => void;
  focus: () => void;
}

const maxHeight = 200;
const draftDelayMs = 600;

/** Length in code points, as the server counts it. */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Where messages are written: Enter sends (or Ctrl+Enter, per the setting), @mentions in groups,
 * emoji, a reply quote, editing my last message with Up, a draft kept per conversation, files
 * picked, pasted or dropped waiting as chips (they go first, one message each, then the text), and
 * voice messages recorded from the microphone.
 */
export const Composer = forwardRef<
  ComposerApi,
  { summary: ConversationSummary; meId: string; nameOf: (id: string) => string; onSent: () => void }
>(function Composer({ summary, meId, nameOf, onSent }, ref) {
  const { t } = useTranslation('conversation');
  const { t: tc } = useTranslation();
  const { t: tf } = useTranslation('files');
  const conversationId = summary.id;
  const group = summary.kind === 'group';
  const language = useStore((s) => s.language);
  const users = useStore((s) => s.users);
  const sendWithCtrlEnter = useStore((s) => s.settings?.sendWithCtrlEnter ?? false);
  const sendMessage = useStore((s) => s.sendMessage);
  const editMessage = useStore((s) => s.editMessage);
  const startTyping = useStore((s) => s.startTyping);
  const addAttachments = useStore((s) => s.addAttachments);
  const attachmentCount = useStore((s) => s.attachments[conversationId]?.length ?? 0);
  const sendAttachments = useStore((s) => s.sendAttachments);
  const sendFiles = useStore((s) => s.sendFiles);
  const ensureUsers = useStore((s) => s.ensureUsers);
  const toast = useStore((s) => s.toast);

  const [text, setText] = useState(() => summary.draft ?? '');
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(() => new Map());
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editing, setEditing] = useState<{ message: Message; stash: string } | null>(null);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [mentionActive, setMentionActive] = useState(0);
  const [emojiAnchor, setEmojiAnchor] = useState<Anchor | null>(null);
  const [recording, setRecording] = useState<VoiceRecording | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const draftTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The text to keep as the draft when the conversation closes. */
  const draft = useRef(text);

  const memberIds = useMemo(
    () => summary.members.map((m) => m.userId).filter((id) => id !== meId),
    [summary.members, meId],
  );
  useEffect(() => {
    if (group) void ensureUsers(memberIds);
  }, [group, memberIds, ensureUsers]);

  // Keep the draft when the conversation closes.
  useEffect(
    () => () => {
      if (draftTimer.current) clearTimeout(draftTimer.current);
      void call(parley().conversations.setDraft({ conversationId, text: draft.current }))
        .then(() => useStore.getState().loadConversations())
        .catch(() => undefined);
    },
    [conversationId],
  );

  // A recording does not outlive its conversation.
  useEffect(
    () => () => {
      recording?.cancel();
    },
    [recording],
  );

  // Grow with the text up to a limit, then scroll; put the caret back after an insertion.
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, maxHeight)}px`;
    el.style.overflowY = el.scrollHeight > maxHeight ? 'auto' : 'hidden';
    if (pendingCaret.current !== null) {
      el.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  }, [text]);

  const saveDraftSoon = (value: string) => {
    draft.current = value;
    if (draftTimer.current) clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(() => {
      void call(parley().conversations.setDraft({ conversationId, text: value })).catch(() => undefined);
    }, draftDelayMs);
  };

  const everyoneWord = t('composer.everyoneWord');
  const options = useMemo((): MentionOption[] => {
    if (!group || !mention) return [];
    const candidates = memberIds.flatMap((id) => {
      const u = users[id];
      return u ? [{ userId: id, displayName: u.displayName, username: u.username }] : [];
    });
    const q = mention.query.toLocaleLowerCase();
    const everyone = [everyoneWord, ...everyoneWords, t('composer.everyone')].some((w) =>
      w.toLocaleLowerCase().startsWith(q),
    )
      ? [{ userId: null, name: t('composer.everyone'), detail: `@${everyoneWord}` }]
      : [];
    return [
      ...everyone,
      ...matchMentions(candidates, mention.query).map((c) => ({
        userId: c.userId,
        name: c.displayName,
        detail: `@${c.username}`,
      })),
    ];
  }, [group, mention, memberIds, users, everyoneWord, t]);
  const popupOpen = options.length > 0;

  const update = (value: string, caret: number) => {
    setText(value);
    if (!editing) {
      saveDraftSoon(value);
      if (value.trim() !== '') startTyping(conversationId);
    }
    const next = group ? activeMentionQuery(value, caret) : null;
    setMention(next);
    if (next?.query !== mention?.query) setMentionActive(0);
  };

  const pickMention = (o: MentionOption) => {
    if (!mention) return;
    const caret = input.current?.selectionStart ?? text.length;
    const name = o.userId === null ? everyoneWord : o.name;
    const r = insertMention(text, mention.start, caret, name);
    if (o.userId !== null) setPicked((p) => new Map(p).set(o.userId ?? '', o.name));
    pendingCaret.current = r.caret;
    setMention(null);
    setText(r.text);
    if (!editing) saveDraftSoon(r.text);
  };

  const insertText = (inserted: string) => {
    const el = input.current;
    const from = el?.selectionStart ?? text.length;
    const to = el?.selectionEnd ?? text.length;
    const value = text.slice(0, from) + inserted + text.slice(to);
    pendingCaret.current = from + inserted.length;
    setText(value);
    if (!editing) saveDraftSoon(value);
    el?.focus();
  };

  const startEdit = (message: Message) => {
    const content = message.content;
    if (content?.kind !== 'text') return;
    setEditing((e) => ({ message, stash: e ? e.stash : text }));
    setReplyTo(null);
    setPicked(new Map((content.mentions ?? []).map((id) => [id, nameOf(id)])));
    pendingCaret.current = content.text.length;
    setText(content.text);
    input.current?.focus();
  };

  const stopEdit = () => {
    if (!editing) return;
    pendingCaret.current = editing.stash.length;
    setText(editing.stash);
    setPicked(new Map());
    setEditing(null);
  };

  const startReply = (message: Message) => {
    stopEdit();
    setReplyTo(message);
    input.current?.focus();
  };
  // A stable handle (the view keeps it in state), reaching the current handlers through a ref.
  const latest = useRef({ startReply, startEdit });
  useLayoutEffect(() => {
    latest.current = { startReply, startEdit };
  });
  useImperativeHandle(
    ref,
    () => ({
      startReply: (message) => latest.current.startReply(message),
      startEdit: (message) => latest.current.startEdit(message),
      focus: () => input.current?.focus(),
    }),
    [],
  );

  const lastOwnMessage = (): Message | null => {
    const items = useStore.getState().timelines[conversationId]?.items ?? [];
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (item?.kind === 'outgoing') return null;
      if (item?.kind === 'message' && item.message.senderId === meId && item.message.recalledAt === null) {
        // Only text can be edited: a file of mine last means nothing to edit.
        return item.message.content?.kind === 'text' ? item.message : null;
      }
    }
    return null;
  };

  const body = text.trim();
  const over = codePoints(body) - Limits.textMax;
  const hasFiles = !editing && attachmentCount > 0;
  const canSubmit = over <= 0 && (body !== '' || hasFiles);

  /** The waiting files go first, one message each; false when none could be queued. */
  const submitFiles = async (reply: Message | null): Promise<boolean> => {
    try {
      const refused = await sendAttachments(conversationId, reply?.id);
      for (const a of refused) {
        toast(
          tf('composer.tooLarge', {
            name: a.name,
            size: formatSize(a.size, language),
            max: formatSize(Limits.bytesFromRendererMax, language),
          }),
          'error',
        );
      }
      return refused.length < attachmentCount;
    } catch (err) {
      toast(tf('composer.sendFailed', { message: messageErrorText(t, tc, err) }), 'error');
      return false;
    }
  };

  const submit = async () => {
    if (!canSubmit) return;
    const { mentions, mentionsAll } = group
      ? mentionsInText(body, picked, [everyoneWord, ...everyoneWords])
      : { mentions: [], mentionsAll: false };
    const extra = {
      ...(mentions.length > 0 ? { mentions } : {}),
      ...(mentionsAll ? { mentionsAll } : {}),
    };
    if (editing) {
      const { message } = editing;
      stopEdit();
      try {
        const before = message.content?.kind === 'text' ? message.content.text : null;
        if (body !== before) await editMessage(conversationId, message.id, body, extra);
      } catch (err) {
        toast(messageErrorText(t, tc, err), 'error');
      }
      return;
    }
    const reply = replyTo;
    setReplyTo(null);
    const filesSent = hasFiles && (await submitFiles(reply));
    if (body === '') {
      if (filesSent) onSent();
      else setReplyTo(reply);
      return;
    }
    setText('');
    setPicked(new Map());
    setMention(null);
    if (draftTimer.current) clearTimeout(draftTimer.current);
    draft.current = '';
    try {
      // The reply went with the first file when there were files.
      const replyId = reply && !filesSent ? { replyTo: reply.id } : {};
      await sendMessage(conversationId, body, { ...extra, ...replyId });
      void call(parley().conversations.setDraft({ conversationId, text: '' })).catch(() => undefined);
      onSent();
    } catch (err) {
      setText(body);
      draft.current = body;
      toast(t('composer.sendFailed', { message: messageErrorText(t, tc, err) }), 'error');
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (popupOpen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setMentionActive((i) => (i + step + options.length) % options.length);
        return;
      }
      if ((e.key === 'Enter' && !e.nativeEvent.isComposing) || e.key === 'Tab') {
        e.preventDefault();
        const o = options[mentionActive];
        if (o) pickMention(o);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setMention(null);
        return;
      }
    }
    if (e.key === 'Escape' && (editing || replyTo)) {
      e.preventDefault();
      e.stopPropagation();
      if (editing) stopEdit();
      else setReplyTo(null);
      return;
    }
    if (e.key === 'ArrowUp' && text === '' && !editing) {
      const last = lastOwnMessage();
      if (last) {
        e.preventDefault();
        startEdit(last);
      }
      return;
    }
    const action = composerKeyAction(
      {
        key: e.key,
        shiftKey: e.shiftKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        isComposing: e.nativeEvent.isComposing,
      },
      sendWithCtrlEnter,
    );
    if (action === 'send') {
      e.preventDefault();
      void submit();
    } else if (action === 'newline') {
      e.preventDefault();
      insertText('\n');
    }
  };

  const addFiles = (list: FileList | null) => {
    if (!list || list.length === 0) return false;
    addAttachments(conversationId, [...list]);
    return true;
  };

  const startRecording = async () => {
    try {
      setRecording(await VoiceRecording.start());
    } catch (err) {
      const reason = err instanceof RecordingError ? err.reason : 'failed';
      toast(
        reason === 'denied'
          ? tf('recorder.denied')
          : reason === 'no-device'
            ? tf('recorder.noDevice')
            : tf('recorder.failed', { message: err instanceof Error ? err.message : String(err) }),
        'error',
      );
    }
  };

  const stopRecording = () => {
    setRecording(null);
    requestAnimationFrame(() => input.current?.focus());
  };

  const sendRecording = async () => {
    if (!recording) return;
    const reply = replyTo;
    try {
      const recorded = await recording.finish();
      stopRecording();
      setReplyTo(null);
      const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
      await sendFiles(
        conversationId,
        [
          {
            source: { kind: 'bytes', name: `voice-${stamp}.webm`, type: recorded.type, data: recorded.data },
            voice: { durationMs: recorded.durationMs, waveform: recorded.waveform },
          },
        ],
        reply?.id,
      );
      onSent();
    } catch (err) {
      stopRecording();
      toast(tf('composer.sendFailed', { message: messageErrorText(t, tc, err) }), 'error');
    }
  };

  if (recording) {
    return (
      <div className="composer">
        <VoiceRecorder
          recording={recording}
          onSend={sendRecording}
          onCancel={() => {
            recording.cancel();
            stopRecording();
          }}
        />
      </div>
    );
  }

  return (
    <div className={`composer${editing ? ' composer-editing' : ''}`}>
      {popupOpen && (
        <MentionPopup
          options={options}
          active={mentionActive}
          onPick={pickMention}
          onHover={setMentionActive}
        />
      )}
      {replyTo && (
        <div className="composer-context">
          <Icon name="reply" size={16} />
          <div className="composer-context-text">
            <strong>{t('composer.replyingTo', { name: nameOf(replyTo.senderId) })}</strong>
            <span>{replyTo.content ? contentLine(tf, replyTo.content) : ''}</span>
          </div>
          <button
            type="button"
            className="icon-btn"
            aria-label={t('composer.cancelReply')}
            title={t('composer.cancelReply')}
            onClick={() => setReplyTo(null)}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
      {editing && (
        <div className="composer-context">
          <Icon name="edit" size={16} />
          <div className="composer-context-text">
            <strong>{t('composer.editing')}</strong>
            <span>{t('composer.editHint')}</span>
          </div>
          <button
            type="button"
            className="icon-btn"
            aria-label={t('composer.cancelEdit')}
            title={t('composer.cancelEdit')}
            onClick={stopEdit}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
      <AttachmentChips conversationId={conversationId} locale={language} />
      <div className="composer-box">
        <textarea
          ref={input}
          className="composer-input"
          rows={1}
          value={text}
          placeholder={t('composer.placeholder', { name: summary.title })}
          aria-label={t('composer.label')}
          aria-autocomplete={group ? 'list' : undefined}
          aria-controls={popupOpen ? mentionListId : undefined}
          aria-expanded={group ? popupOpen : undefined}
          aria-activedescendant={popupOpen ? mentionOptionId(mentionActive) : undefined}
          role={group ? 'combobox' : undefined}
          // Opening a conversation is to write in it.
          autoFocus
          onChange={(e) => update(e.target.value, e.target.selectionStart)}
          onSelect={(e) => {
            if (!group) return;
            const el = e.currentTarget;
            setMention(activeMentionQuery(el.value, el.selectionStart));
          }}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            if (addFiles(e.clipboardData.files)) e.preventDefault();
          }}
        />
        <div className="composer-tools">
          <button
            type="button"
            className="icon-btn"
            aria-label={t('composer.emoji')}
            title={t('composer.emoji')}
            aria-haspopup="dialog"
            aria-expanded={emojiAnchor !== null}
            data-popover-toggle=""
            onClick={(e) => setEmojiAnchor(emojiAnchor ? null : anchorOf(e.currentTarget, true))}
          >
            <Icon name="smile" />
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={t('composer.attach')}
            title={t('composer.attach')}
            onClick={() => files.current?.click()}
          >
            <Icon name="paperclip" />
          </button>
          {!editing && (
            <button
              type="button"
              className="icon-btn"
              aria-label={tf('recorder.start')}
              title={tf('recorder.start')}
              onClick={() => void startRecording()}
            >
              <Icon name="mic" />
            </button>
          )}
          <input
            ref={files}
            type="file"
            multiple
            hidden
            tabIndex={-1}
            onChange={(e) => {
              addFiles(e.target.files);
              e.target.value = '';
            }}
          />
          <span className="composer-hint">
            {over > 0 ? (
              <span className="composer-over">{t('composer.tooLong', { count: over })}</span>
            ) : editing ? (
              t('composer.editHint')
            ) : sendWithCtrlEnter ? (
              t('composer.hintCtrlEnter')
            ) : (
              t('composer.hintEnter')
            )}
          </span>
          <button
            type="button"
            className="btn composer-send"
            disabled={!canSubmit}
            onClick={() => void submit()}
          >
            {editing ? t('composer.save') : t('composer.send')}
            {!editing && <Icon name="send" size={16} />}
          </button>
        </div>
      </div>
      {emojiAnchor && (
        <Popover anchor={emojiAnchor} onClose={() => setEmojiAnchor(null)} label={t('emoji.picker')}>
          <EmojiPicker
            onPick={(emoji) => {
              setEmojiAnchor(null);
              insertText(emoji);
            }}
          />
        </Popover>
      )}
    </div>
  );
});
