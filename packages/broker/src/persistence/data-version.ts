/** Java's `DataVersion` as it appears in config files and registration bodies. */
export interface DataVersionJson {
  counter: number;
  stateVersion: number;
  timestamp: number;
}

/**
 * A metadata table's version: bumped on every change so name servers and slaves can tell
 * whether they hold the latest copy.
 */
export class DataVersion {
  private counter = 0;
  private timestamp = Date.now();
  private stateVersion = 0;

  /** Advances the counter and stamps the current time ("nextVersion" in Java). */
  next(stateVersion = 0): void {
    this.counter += 1;
    this.timestamp = Date.now();
    this.stateVersion = stateVersion;
  }

  /** Replaces this version with one read from a file. */
  assign(json: Partial<DataVersionJson> | undefined): void {
    if (!json) return;
    this.counter = Number(json.counter ?? 0);
    this.timestamp = Number(json.timestamp ?? Date.now());
    this.stateVersion = Number(json.stateVersion ?? 0);
  }

  /** The JSON form, fields in fastjson's alphabetical order. */
  toJSON(): DataVersionJson {
    return { counter: this.counter, stateVersion: this.stateVersion, timestamp: this.timestamp };
  }
}
