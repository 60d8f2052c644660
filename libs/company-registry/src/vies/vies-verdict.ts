/**
 * What VIES said about one VAT number. `valid` and `invalid` are verdicts
 * worth keeping; `unavailable` only says that VIES could not answer now.
 */
export type ViesVerdict =
  | {
      readonly kind: 'valid';
      /** Null when the member state does not release it (VIES writes `---`). */
      readonly name: string | null;
      /** Multi-line text as VIES gives it; null when not released. */
      readonly address: string | null;
      readonly requestDate: string | null;
      readonly requestIdentifier: string | null;
    }
  | { readonly kind: 'invalid'; readonly requestDate: string | null }
  | {
      readonly kind: 'unavailable';
      /** The VIES error code (MS_UNAVAILABLE, IP_BLOCKED, ...) or what went wrong on the way (HTTP 502, TIMEOUT, network error). */
      readonly error: string;
    };

/** A verdict about the number itself, as opposed to VIES being unreachable: the only kind that may be cached. */
export type SettledViesVerdict = Exclude<ViesVerdict, { readonly kind: 'unavailable' }>;
