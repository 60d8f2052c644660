import { isoDate, parseKboMeta } from './kbo-meta';

const meta = (...lines: string[]) => ['"Variable","Value"', ...lines].join('\n') + '\n';
const FULL = ['"SnapshotDate","07-11-2026"', '"ExtractTimestamp","08-11-2026 06:12:33"', '"ExtractType","full"', '"ExtractNumber","140"', '"Version","1.0.0"'];

describe('parseKboMeta', () => {
  it('reads the five variables', () => {
    expect(parseKboMeta(meta(...FULL))).toEqual({
      extractNumber: 140,
      extractType: 'full',
      snapshotDate: '2026-11-07',
      extractTimestamp: '08-11-2026 06:12:33',
      version: '1.0.0',
    });
  });

  it('tolerates a BOM, CRLF, bare values, any case, unknown variables and no optional ones', () => {
    const text = '\uFEFFVariable,Value\r\nsnapshotdate,01-12-2026\r\nExtractType,Update\r\nExtractNumber,0141\r\nComment,hello\r\n';
    expect(parseKboMeta(Buffer.from(text))).toEqual({ extractNumber: 141, extractType: 'update', snapshotDate: '2026-12-01', extractTimestamp: null, version: null });
  });

  it.each([
    [meta(...FULL.filter((line) => !line.includes('ExtractNumber'))), 'meta.csv: ExtractNumber is missing'],
    [meta(...FULL.map((line) => line.replace('"full"', '"monthly"'))), 'meta.csv, line 4: ExtractType must be full or update, got "monthly"'],
    [meta(...FULL.map((line) => line.replace('"140"', '"14O"'))), 'meta.csv, line 5: ExtractNumber must be a whole number, got "14O"'],
    [meta(...FULL.map((line) => line.replace('07-11-2026', '2026-11-07'))), 'meta.csv, line 2: SnapshotDate must be a date dd-mm-yyyy, got "2026-11-07"'],
    [meta(...FULL.map((line) => line.replace('07-11-2026', '31-11-2026'))), 'meta.csv, line 2: SnapshotDate must be a date dd-mm-yyyy, got "31-11-2026"'],
    [meta(...FULL, '"ExtractType","update"'), 'meta.csv, line 7: ExtractType is given twice'],
    ['"Name","Value"\n"ExtractType","full"\n', 'meta.csv, line 1: expected the header "Variable","Value", found "Name,Value"'],
    ['', 'meta.csv, line 1: empty file, expected the header "Variable","Value"'],
  ])('refuses a bad meta.csv, naming the line: %#', (text, message) => {
    expect(() => parseKboMeta(text)).toThrow(message);
  });

  it('reports broken quoting with its line', () => {
    expect(() => parseKboMeta(meta('"SnapshotDate","07-11-2026', '"ExtractType","full"'))).toThrow(/^meta\.csv, line \d+: .*[Qq]uote/);
  });
});

describe('isoDate', () => {
  it('turns dd-mm-yyyy into YYYY-MM-DD, real days only', () => {
    expect(isoDate('29-02-2024')).toBe('2024-02-29');
    expect(isoDate('29-02-2026')).toBeNull();
    expect(isoDate('1-2-2026')).toBeNull();
  });
});
