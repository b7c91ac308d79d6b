/** Placeholder: being built. */
export function ProfilePanel(_props: { userId: string }) {
  return null;
}
