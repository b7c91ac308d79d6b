/** Placeholder: being built. */
export function ConversationView(_props: { conversationId: string }) {
  return null;
}
