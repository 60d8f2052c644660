import { type CompanyAddress, type CompanyRecord, NO_ADDRESS } from '../domain/company-record';
import type { KvkAdres, KvkBasisprofiel } from './kvk-api.types';


/** A KvK basisprofiel as the registry's answer, retrieved at `retrievedAt`. */
export function kvkProfileToRecord(profile: KvkBasisprofiel, retrievedAt: Date): CompanyRecord {
  return {
    country: 'NL',
    enterpriseNumber: profile.kvkNummer,
    // KvK does not give the VAT number (the btw-id is the tax office's).
    vatNumber: null,
    companyName: kvkCompanyName(profile),
    ...kvkAddressFields(profile),
    source: 'kvk',
    retrievedAt: retrievedAt.toISOString(),
  };
}

/** The statutory name of a legal person, else the registration's name, else its first trade name. */
export function kvkCompanyName(profile: KvkBasisprofiel): string | null {
  const firstTradeName = [...(profile.handelsnamen ?? [])].sort((a, b) => a.volgorde - b.volgorde)[0]?.naam;
  return clean(profile.statutaireNaam) ?? clean(profile.naam) ?? clean(firstTradeName);
}

/**
 * The main establishment's visiting address, or its correspondence address
 * when it has none. A shielded address gives no address at all: shielding
 * protects where someone lives, and the correspondence address of the same
 * establishment is often that same place, so it is no substitute.
 */
export function kvkAddressFields(profile: KvkBasisprofiel): CompanyAddress {
  const adressen = profile._embedded?.hoofdvestiging?.adressen ?? [];
  const chosen = adressen.find((a) => a.type === 'bezoekadres') ?? adressen.find((a) => a.type === 'correspondentieadres');
  if (!chosen || isShielded(chosen)) return NO_ADDRESS;
  return { address: streetLine(chosen), zip: formatDutchPostcode(chosen.postcode), city: clean(chosen.plaats) };
}

/** `1234AB` -> `1234 AB`; anything else (a foreign postcode) is kept as written. */
export function formatDutchPostcode(postcode: string | undefined): string | null {
  const text = clean(postcode);
  if (text === null) return null;
  const dutch = /^(\d{4})\s*([A-Za-z]{2})$/.exec(text);
  return dutch ? `${dutch[1]} ${dutch[2]!.toUpperCase()}` : text;
}

function isShielded(adres: KvkAdres): boolean {
  return adres.indAfgeschermd?.trim().toLowerCase() === 'ja';
}

/** `Kerkstraat 12A-3`: street, house number, letter, then `-` and the addition; `Postbus 123` for a PO box. */
function streetLine(adres: KvkAdres): string | null {
  const street = clean(adres.straatnaam);
  if (street === null) {
    const postbus = clean(adres.postbusnummer);
    return postbus === null ? null : `Postbus ${postbus}`;
  }
  const toevoeging = clean(adres.huisnummerToevoeging);
  const number = `${clean(adres.huisnummer) ?? ''}${clean(adres.huisletter) ?? ''}${toevoeging ? `-${toevoeging}` : ''}`;
  return number === '' ? street : `${street} ${number}`;
}

/** Trimmed with inner spaces collapsed; null when empty. */
function clean(value: string | number | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}
