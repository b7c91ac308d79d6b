import type { Message } from '@parley/shared';
import { createContext, useContext } from 'react';
import type { Receipt } from '../message/read-marks.js';

/** What every row of an open conversation needs from the view around it. */
export interface ConversationContextValue {
  conversationId: string;
  kind: 'direct' | 'group';
  /** The group's name, or the other person's. */
  title: string;
  meId: string;
  locale: string;
  /** False once the group is dissolved or I left it: nothing more can be sent or changed. */
  canSend: boolean;
  receipts: readonly Receipt[];
  highlightKey: string | null;
  /** A display name ("Unknown user" until the profile is loaded). */
  nameOf: (userId: string) => string;
  reply: (message: Message) => void;
  edit: (message: Message) => void;
  /** Scrolls to a message and flashes it, loading the part of the conversation around it if need be. */
  scrollToMessage: (message: Message) => void;
  openProfile: (userId: string) => void;
}

export const ConversationContext = createContext<ConversationContextValue | null>(null);

export function useConversation(): ConversationContextValue {
  const value = useContext(ConversationContext);
  if (!value) throw new Error('useConversation outside a ConversationView');
  return value;
}
