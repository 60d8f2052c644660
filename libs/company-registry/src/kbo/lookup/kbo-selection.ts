import { type CompanyAddress, NO_ADDRESS, type RegistryLanguage } from '../../domain/company-record';

/** The `Language` code of denomination.csv (0 unknown, 1 FR, 2 NL, 3 DE, 4 EN): not the letters of code.csv. */
const DENOMINATION_LANGUAGE: Readonly<Record<RegistryLanguage, string>> = { fr: '1', nl: '2', de: '3', en: '4' };

/** The denomination language code to prefer for a user's language. */
export const denominationLanguageCode = (language: RegistryLanguage): string => DENOMINATION_LANGUAGE[language];

/** Which of the address's two languages to show first: KBO writes addresses in NL and FR only, so DE and EN get NL. */
export const addressLanguageOrder = (language: RegistryLanguage): readonly ['nl', 'fr'] | readonly ['fr', 'nl'] =>
  language === 'fr' ? ['fr', 'nl'] : ['nl', 'fr'];

/**
 * The denomination language codes in order of preference: the user's, then
 * unknown (0), then the address's languages, so that a name missing in the
 * user's language comes in the same language as the address shown with it.
 */
export const denominationLanguageOrder = (language: RegistryLanguage): readonly string[] => [
  ...new Set([denominationLanguageCode(language), '0', ...addressLanguageOrder(language).map(denominationLanguageCode)]),
];

/** One row of kbo.address, as far as the lookup shows it. */
export interface KboAddressRow {
  readonly street_nl: string | null;
  readonly street_fr: string | null;
  readonly municipality_nl: string | null;
  readonly municipality_fr: string | null;
  readonly zipcode: string | null;
  readonly house_number: string | null;
  readonly box: string | null;
}


const present = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** The first of the two language columns that is filled, in the user's order. */
function inLanguage(nl: string | null, fr: string | null, language: RegistryLanguage): string | null {
  const [first, second] = addressLanguageOrder(language).map((l) => present(l === 'nl' ? nl : fr));
  return first ?? second;
}

/**
 * Street, house number and box the way the user's language writes them
 * (`Wetstraat 16 bus 3`, `Rue de la Loi 16 boîte 3`), the postcode, and the
 * municipality; a name missing in that language falls back to the other one.
 * A seat abroad (CountryNL/CountryFR set) is shown as the file gives it: the
 * record's country stays the registry's.
 */
export function formatKboAddress(row: KboAddressRow | null, language: RegistryLanguage): CompanyAddress {
  if (!row) return NO_ADDRESS;
  const street = inLanguage(row.street_nl, row.street_fr, language);
  const houseNumber = present(row.house_number);
  const box = present(row.box);
  const boxWord = language === 'fr' ? 'boîte' : 'bus';
  const parts = [street, houseNumber, box && `${boxWord} ${box}`].filter((part): part is string => part !== null);
  return {
    address: street === null ? null : parts.join(' '),
    zip: present(row.zipcode),
    city: inLanguage(row.municipality_nl, row.municipality_fr, language),
  };
}

/** A snapshot date (`2026-11-01`) as the record's `retrievedAt` (`2026-11-01T00:00:00.000Z`). */
export const snapshotDateTime = (snapshotDate: string): string => new Date(`${snapshotDate}T00:00:00.000Z`).toISOString();
