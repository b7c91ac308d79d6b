/** Placeholder: being built. */
export function SettingsPane() {
  return null;
}
