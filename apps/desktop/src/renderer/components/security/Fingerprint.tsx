import { formatFingerprint } from '@parley/shared/fingerprint';
import './security.css';

/** A key's SHA-256 fingerprint as people compare it: sixteen groups of four, in four rows. */
export function Fingerprint({ hex, label }: { hex: string; label: string }) {
  const groups = formatFingerprint(hex).split(' ');
  const rows = [0, 4, 8, 12].map((i) => groups.slice(i, i + 4).join(' '));
  return (
    <code className="fingerprint" aria-label={`${label}: ${groups.join(' ')}`} data-fingerprint={hex}>
      {rows.map((row) => (
        <span key={row} className="fingerprint-row" aria-hidden="true">
          {row}
        </span>
      ))}
    </code>
  );
}
