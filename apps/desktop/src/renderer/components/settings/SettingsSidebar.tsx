/** Placeholder: being built. */
export function SettingsSidebar() {
  return null;
}
