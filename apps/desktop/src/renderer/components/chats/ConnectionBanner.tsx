/** Placeholder: being built. */
export function ConnectionBanner() {
  return null;
}
