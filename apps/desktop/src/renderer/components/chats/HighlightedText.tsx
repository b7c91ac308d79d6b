import type { TextPart } from './snippet.js';

/** Text with the parts a search matched marked. */
export function HighlightedText({ parts }: { parts: readonly TextPart[] }) {
  return <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
