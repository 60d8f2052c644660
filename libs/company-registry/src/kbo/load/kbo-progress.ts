/** How far a load is: bytes of the extract's data files read so far (uncompressed). */
export interface KboLoadProgress {
  /** The file being read (`enterprise.csv`). */
  readonly file: string;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

/** Calls `onProgress` at most once per `intervalMs`, and once more when everything is read. */
export class KboProgressReporter {
  private bytesDone = 0;
  private currentFile = '';
  private lastReport = -Infinity;

  constructor(
    private readonly bytesTotal: number,
    private readonly onProgress: ((progress: KboLoadProgress) => void) | undefined,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A counter for the bytes of `file` as they pass. */
  counter(file: string): (bytes: number) => void {
    return (bytes) => {
      this.currentFile = file;
      this.bytesDone += bytes;
      this.report(false);
    };
  }

  /** Everything is read. */
  done(): void {
    this.bytesDone = this.bytesTotal;
    this.report(true);
  }

  private report(force: boolean): void {
    if (!this.onProgress) return;
    const now = this.now();
    if (!force && now - this.lastReport < this.intervalMs) return;
    this.lastReport = now;
    this.onProgress({ file: this.currentFile, bytesDone: Math.min(this.bytesDone, this.bytesTotal), bytesTotal: this.bytesTotal });
  }
}
