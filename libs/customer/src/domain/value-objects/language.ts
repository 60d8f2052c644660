import { fail, ok, type ParseResult } from './field-error';

/** The languages customers can be addressed in. */
export const LANGUAGES = ['en', 'nl', 'fr', 'de', 'it', 'es', 'pt'] as const;

/** The language the customer is addressed in. */
export type Language = (typeof LANGUAGES)[number];

/** The language of a customer who gave none. */
export const DEFAULT_LANGUAGE: Language = 'en';

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/**
 * A supported language. Locales map by their first two letters (`nl_nl`,
 * `fr_FR`, `nl-BE` -> `nl`); no value means `en`.
 */
export function parseLanguage(raw: string | null | undefined): ParseResult<Language> {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return ok(DEFAULT_LANGUAGE);
  const locale = /^([a-z]{2})(?:[-_][a-z0-9]+)*$/.exec(value);
  const language = locale?.[1];
  if (language === undefined || !isLanguage(language)) {
    return fail('language', 'UNSUPPORTED_LANGUAGE', `Language must be one of ${LANGUAGES.join(', ')} (or a locale of one)`);
  }
  return ok(language);
}
