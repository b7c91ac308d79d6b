/** A thin progress bar; without a value it runs as "working, size unknown". */
export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  return (
    <div
      className={`file-progress${value === null ? ' file-progress-busy' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value === null ? undefined : Math.round(value * 100)}
    >
      <span
        className="file-progress-fill"
        style={value === null ? undefined : { width: `${value * 100}%` }}
      />
    </div>
  );
}
