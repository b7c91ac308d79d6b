/** Placeholder: being built. */
export function AuthScreen() {
  return null;
}
