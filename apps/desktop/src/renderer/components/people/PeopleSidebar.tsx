/** Placeholder: being built. */
export function PeopleSidebar() {
  return null;
}
