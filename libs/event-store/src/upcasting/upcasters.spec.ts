import { type Upcaster, Upcasters } from './upcasters';

const step = (type: string, fromVersion: number, upcast: (data: any) => any): Upcaster => ({ type, fromVersion, upcast });

describe('Upcasters', () => {
  const chain = new Upcasters([
    step('Registered', 2, (d) => ({ ...d, v3: true })),
    step('Registered', 1, (d) => ({ ...d, v2: true })),
    step('Other', 1, (d) => ({ ...d, other: true })),
  ]);

  it('applies every step from the stored version up to the newest', () => {
    expect(chain.apply('Registered', 1, { a: 1 })).toEqual({ schemaVersion: 3, data: { a: 1, v2: true, v3: true } });
  });

  it('starts at the stored version', () => {
    expect(chain.apply('Registered', 2, { a: 1 })).toEqual({ schemaVersion: 3, data: { a: 1, v3: true } });
  });

  it('leaves the newest version, other versions without a step, and other types as stored', () => {
    const data = { a: 1 };
    expect(chain.apply('Registered', 3, data)).toEqual({ schemaVersion: 3, data });
    expect(chain.apply('Registered', 7, data)).toEqual({ schemaVersion: 7, data });
    expect(chain.apply('Unknown', 1, data)).toEqual({ schemaVersion: 1, data });
    expect(chain.apply('Other', 1, data)).toEqual({ schemaVersion: 2, data: { a: 1, other: true } });
  });

  it('runs steps in version order, each on the previous result', () => {
    const calls: string[] = [];
    const ordered = new Upcasters([
      step('E', 2, (d) => (calls.push(`2:${d.n}`), { n: d.n * 10 })),
      step('E', 1, (d) => (calls.push(`1:${d.n}`), { n: d.n + 1 })),
    ]);
    expect(ordered.apply('E', 1, { n: 1 })).toEqual({ schemaVersion: 3, data: { n: 20 } });
    expect(calls).toEqual(['1:1', '2:2']);
  });

  it('does nothing without upcasters', () => {
    expect(new Upcasters().apply('E', 1, { n: 1 })).toEqual({ schemaVersion: 1, data: { n: 1 } });
  });

  it('refuses two upcasters for the same type and version', () => {
    expect(() => new Upcasters([step('E', 1, (d) => d), step('E', 1, (d) => d)])).toThrow('two upcasters for E@1');
    const registry = new Upcasters([step('E', 1, (d) => d)]);
    expect(() => registry.register(step('E', 1, (d) => d))).toThrow('two upcasters for E@1');
    expect(() => registry.register(step('F', 1, (d) => d))).not.toThrow();
  });
});
