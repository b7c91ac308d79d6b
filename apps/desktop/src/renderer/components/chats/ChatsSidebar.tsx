/** Placeholder: being built. */
export function ChatsSidebar() {
  return null;
}
