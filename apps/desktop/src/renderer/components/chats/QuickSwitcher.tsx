/** Placeholder: being built. */
export function QuickSwitcher() {
  return null;
}
