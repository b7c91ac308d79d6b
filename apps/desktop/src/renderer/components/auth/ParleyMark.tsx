/** Parley's mark: two overlapping speech bubbles, drawn here so nothing is fetched. */
export function ParleyMark({ size = 56 }: { size?: number }) {
  return (
    <svg
      className="parley-mark"
      width={size}
      height={size}
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
    >
      <rect className="parley-mark-bg" width="64" height="64" rx="16" />
      <path
        className="parley-mark-back"
        d="M25 15h22a8 8 0 0 1 8 8v12a8 8 0 0 1-8 8h-1v6l-7-6h-1"
        fill="none"
        strokeWidth="3.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <path
        className="parley-mark-front"
        d="M17 22h20a7 7 0 0 1 7 7v10a7 7 0 0 1-7 7H27l-8 7v-7h-2a7 7 0 0 1-7-7V29a7 7 0 0 1 7-7z"
      />
    </svg>
  );
}
