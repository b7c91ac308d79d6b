/** Placeholder: being built. */
export function GroupInfoPanel(_props: { conversationId: string }) {
  return null;
}
