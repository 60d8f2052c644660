/*
 * The shapes the KvK API (Kamer van Koophandel, the Dutch business register)
 * answers with, as far as this context reads them. Fields the API may leave
 * out are optional: it omits rather than nulls what it does not know or shields.
 */

/** What a search result or an establishment is. */
export type KvkVestigingType = 'hoofdvestiging' | 'nevenvestiging' | 'rechtspersoon';

/** Filters of `GET /v2/zoeken`; those left out are not sent. */
export interface KvkSearchQuery {
  readonly kvkNummer?: string;
  readonly naam?: string;
  readonly plaats?: string;
  readonly postcode?: string;
  readonly huisnummer?: number | string;
  readonly type?: KvkVestigingType;
  /** 1-based. */
  readonly pagina?: number;
  readonly resultatenPerPagina?: number;
}

/** One hit of a search: a registration (`rechtspersoon`) or one of its establishments. */
export interface KvkSearchResult {
  readonly kvkNummer: string;
  readonly vestigingsnummer?: string;
  readonly naam: string;
  readonly adres?: {
    readonly binnenlandsAdres?: {
      readonly type?: string;
      readonly straatnaam?: string;
      readonly huisnummer?: number;
      readonly huisletter?: string;
      readonly postbusnummer?: number;
      readonly postcode?: string;
      readonly plaats?: string;
    };
    readonly buitenlandsAdres?: {
      readonly straatHuisnummer?: string;
      readonly postcodeWoonplaats?: string;
      readonly land?: string;
    };
  };
  readonly type: KvkVestigingType | string;
  readonly actief?: string;
  readonly vervallenNaam?: string;
}

/** A search answer; no hits is `totaal: 0` with no results (the API's 404 IPD5200). */
export interface KvkSearchPage {
  readonly pagina: number;
  readonly resultatenPerPagina: number;
  readonly totaal: number;
  readonly resultaten: readonly KvkSearchResult[];
}

/** `Ja`/`Nee`, the API's booleans. */
export type KvkIndicator = 'Ja' | 'Nee';

/** One address of an establishment. */
export interface KvkAdres {
  readonly type: 'bezoekadres' | 'correspondentieadres' | string;
  /** `Ja`: the address is shielded (often a home address) and must not be shown nor stored. */
  readonly indAfgeschermd?: KvkIndicator | string;
  readonly volledigAdres?: string;
  readonly straatnaam?: string;
  readonly huisnummer?: number | string;
  readonly huisletter?: string;
  readonly huisnummerToevoeging?: string;
  readonly toevoegingAdres?: string;
  /** `1234AB` in practice. */
  readonly postcode?: string;
  readonly postbusnummer?: number | string;
  readonly plaats?: string;
  readonly land?: string;
}

export interface KvkHandelsnaam {
  readonly naam: string;
  readonly volgorde: number;
}

/** An establishment (vestiging) as embedded in a basisprofiel. */
export interface KvkVestiging {
  readonly vestigingsnummer?: string;
  readonly kvkNummer?: string;
  readonly eersteHandelsnaam?: string;
  readonly indHoofdvestiging?: KvkIndicator | string;
  readonly adressen?: readonly KvkAdres[];
}

/** `GET /v1/basisprofielen/{kvkNummer}`. */
export interface KvkBasisprofiel {
  readonly kvkNummer: string;
  readonly naam?: string;
  /** The registered (statutory) name of a legal person; absent for a sole trader. */
  readonly statutaireNaam?: string;
  readonly indNonMailing?: KvkIndicator | string;
  readonly formeleRegistratiedatum?: string;
  readonly totaalWerkzamePersonen?: number;
  readonly handelsnamen?: readonly KvkHandelsnaam[];
  readonly _embedded?: {
    readonly hoofdvestiging?: KvkVestiging;
    readonly eigenaar?: { readonly rsin?: string; readonly rechtsvorm?: string; readonly uitgebreideRechtsvorm?: string };
  };
}

/** One entry of the error envelope `{"fout":[{"code","omschrijving"}]}`. */
export interface KvkFout {
  readonly code: string;
  readonly omschrijving: string;
}

/** The KvK codes this client acts on. */
export const KVK_CODES = {
  /** The KvK number is not a valid one (not 8 digits). */
  invalidNumber: 'IPD0004',
  /** The service is temporarily unavailable. */
  temporarilyUnavailable: 'IPD1002',
  /** A search found nothing. */
  noResults: 'IPD5200',
  /** A technical error on KvK's side. */
  technicalError: 'IPD9999',
} as const;
