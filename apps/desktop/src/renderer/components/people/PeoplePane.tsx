/** Placeholder: being built. */
export function PeoplePane() {
  return null;
}
