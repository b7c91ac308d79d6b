import type { LogDestination } from '../../src/logger.js';

export type LogEntry = Record<string, unknown> & { level: string; msg: string };

/** A log destination that keeps every line, for tests that read what the server logged. */
export class CapturedLog implements LogDestination {
  readonly lines: string[] = [];

  write(line: string): void {
    this.lines.push(line);
  }

  /** Everything written, as one string (to search for what must never be there). */
  text(): string {
    return this.lines.join('');
  }

  /** Every line parsed; a line that is not one JSON object fails the test. */
  entries(): LogEntry[] {
    return this.lines.map((line) => JSON.parse(line) as LogEntry);
  }

  find(predicate: (entry: LogEntry) => boolean): LogEntry | undefined {
    return this.entries().find(predicate);
  }
}
