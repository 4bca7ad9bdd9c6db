import path from 'node:path';
import { ConfigFile } from '../persistence/config-file';
import { DataVersion, type DataVersionJson } from '../persistence/data-version';
import { parseJavaJson, stringifyJavaJson } from '../persistence/java-json';

/** Java's `delayOffsetUpdateVersionStep`: the data version moves every this many updates. */
const UPDATE_VERSION_STEP = 200;

interface DelayOffsetFileJson {
  dataVersion?: DataVersionJson;
  offsetTable?: Record<string, number>;
}

/**
 * Next consume-queue offset of each delay level's `SCHEDULE_TOPIC_XXXX` queue, persisted in
 * `config/delayOffset.json` as Java writes it: `{"dataVersion":…,"offsetTable":{1:12,3:4}}`.
 */
export class DelayOffsetTable {
  readonly dataVersion = new DataVersion();
  private readonly offsets = new Map<number, number>();
  private readonly file: ConfigFile;
  private updates = 0;

  constructor(storePathRootDir: string) {
    this.file = new ConfigFile(path.join(storePathRootDir, 'config', 'delayOffset.json'));
  }

  /** Reads `delayOffset.json` (or its `.bak`). */
  load(): void {
    this.file.load((text) => this.decode(text));
  }

  /** Writes the table to disk. */
  persist(): Promise<boolean> {
    return this.file.persist(this.encode());
  }

  /** Next offset to deliver of `level`; 0 when never delivered. */
  get(level: number): number {
    return this.offsets.get(level) ?? 0;
  }

  /** Records the next offset to deliver of `level`. */
  set(level: number, offset: number): void {
    this.offsets.set(level, offset);
    if (++this.updates % UPDATE_VERSION_STEP === 0) this.dataVersion.next();
  }

  /** File content. */
  encode(): string {
    const sorted = new Map([...this.offsets].sort(([a], [b]) => a - b));
    return stringifyJavaJson({ dataVersion: this.dataVersion.toJSON(), offsetTable: sorted });
  }

  /** Loads file content over the table. */
  decode(text: string): void {
    const json = parseJavaJson(text) as DelayOffsetFileJson;
    this.dataVersion.assign(json.dataVersion);
    for (const [level, offset] of Object.entries(json.offsetTable ?? {})) this.offsets.set(Number(level), Number(offset));
  }
}
