/** Lifts the data of `type` from `fromVersion` to `fromVersion + 1`. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: any): any;
}

/** Applies upcasters on read, step by step, until no newer shape is known. */
export class Upcasters {
  private readonly steps = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): void {
    const key = `${upcaster.type}@${upcaster.fromVersion}`;
    if (this.steps.has(key)) throw new Error(`two upcasters for ${key}`);
    this.steps.set(key, upcaster);
  }

  apply(type: string, schemaVersion: number, data: unknown): { data: unknown; schemaVersion: number } {
    let version = schemaVersion;
    let current = data;
    for (let step = this.steps.get(`${type}@${version}`); step; step = this.steps.get(`${type}@${version}`)) {
      current = step.upcast(current);
      version += 1;
    }
    return { data: current, schemaVersion: version };
  }
}
