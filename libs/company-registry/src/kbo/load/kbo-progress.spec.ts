import { type KboLoadProgress, KboProgressReporter } from './kbo-progress';

describe('KboProgressReporter', () => {
  it('reports at most once per interval, then the total at the end', () => {
    let now = 0;
    const reports: KboLoadProgress[] = [];
    const progress = new KboProgressReporter(1000, (p) => reports.push(p), 100, () => now);
    const enterprise = progress.counter('enterprise.csv');
    const address = progress.counter('address.csv');

    enterprise(100); // first: reported
    now = 50;
    enterprise(100); // too soon
    now = 120;
    address(300); // reported, with everything so far
    now = 130;
    address(100);
    progress.done();

    expect(reports).toEqual([
      { file: 'enterprise.csv', bytesDone: 100, bytesTotal: 1000 },
      { file: 'address.csv', bytesDone: 500, bytesTotal: 1000 },
      { file: 'address.csv', bytesDone: 1000, bytesTotal: 1000 },
    ]);
  });

  it('works without a listener', () => {
    const progress = new KboProgressReporter(10, undefined);
    progress.counter('enterprise.csv')(10);
    expect(() => progress.done()).not.toThrow();
  });
});
