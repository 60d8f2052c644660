import { decideKboLoad, type LoadedKboExtract } from './kbo-bookkeeping';
import { KboExtractRefusedError } from './kbo-load.errors';
import type { KboMeta } from './kbo-meta';

const extract = (extractNumber: number, extractType: 'full' | 'update'): KboMeta => ({
  extractNumber,
  extractType,
  snapshotDate: '2026-11-01',
  extractTimestamp: null,
  version: null,
});
const loaded = (...list: Array<[number, 'full' | 'update']>): LoadedKboExtract[] => list.map(([extractNumber, extractType]) => ({ extractNumber, extractType }));

describe('decideKboLoad', () => {
  it('loads a first full extract, and newer extracts of either type', () => {
    expect(decideKboLoad(extract(140, 'full'), [])).toBe('load');
    expect(decideKboLoad(extract(141, 'update'), loaded([140, 'full']))).toBe('load');
    expect(decideKboLoad(extract(142, 'full'), loaded([140, 'full'], [141, 'update']))).toBe('load');
  });

  it('loads an update or full extract of the same number as the newest loaded one of the other type', () => {
    expect(decideKboLoad(extract(141, 'update'), loaded([141, 'full']))).toBe('load');
    expect(decideKboLoad(extract(141, 'full'), loaded([140, 'full'], [141, 'update']))).toBe('load');
  });

  it('says already-loaded for the same number and type', () => {
    expect(decideKboLoad(extract(141, 'update'), loaded([140, 'full'], [141, 'update']))).toBe('already-loaded');
    expect(decideKboLoad(extract(140, 'full'), loaded([140, 'full'], [141, 'update']))).toBe('already-loaded');
  });

  it('refuses an update before any full extract', () => {
    expect(() => decideKboLoad(extract(141, 'update'), [])).toThrow(KboExtractRefusedError);
  });

  it('refuses an update or full extract older than the newest loaded one, naming both', () => {
    expect(() => decideKboLoad(extract(141, 'update'), loaded([140, 'full'], [142, 'update']))).toThrow(
      'Refused the update extract 141: it is older than the update extract 142 already loaded',
    );
    expect(() => decideKboLoad(extract(140, 'full'), loaded([141, 'full']))).toThrow(
      /^Refused the full extract 140: it is older than the full extract 141 already loaded/,
    );
  });
});
