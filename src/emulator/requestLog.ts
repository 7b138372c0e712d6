/** One API call as the emulator saw it (no parameters, no credentials). */
export interface RequestLogEntry {
  /** Real time the call arrived, ISO 8601. */
  readonly time: string;
  readonly action: string;
  readonly version: string;
  /** `ecs`, `vpc`, or '' when the version is unknown. */
  readonly product: string;
  /** Region the call acted in, when known. */
  readonly region: string | null;
  /** HTTP status of the answer. */
  readonly status: number;
  /** Error code, for failed calls. */
  readonly code?: string;
  readonly requestId: string;
  /** Real milliseconds spent, injected latency included. */
  readonly durationMs: number;
}

/** A bounded in-memory list of request-log entries (oldest dropped past `limit`). */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  constructor(private readonly limit = 200_000) {}
  /** Appends one entry. */
  add(e: RequestLogEntry): void {
    this.entries.push(e);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }
  /** A copy of the entries, oldest first. */
  list(): RequestLogEntry[] {
    return [...this.entries];
  }
  /** Forgets every entry. */
  clear(): void {
    this.entries = [];
  }
}
