import type { CompanyRecord, RegistryLanguage, RegistrySourceName } from '../domain/company-record';
import type { RegistryNumber } from '../domain/registry-number';

/** What one source answers. `skipped`: it cannot answer this kind of number (or is not configured). */
export type SourceAnswer =
  | { readonly status: 'found'; readonly company: CompanyRecord }
  | { readonly status: 'not-found' }
  | { readonly status: 'unavailable'; readonly reason: string; readonly retryAfterSeconds?: number }
  | { readonly status: 'skipped'; readonly reason: string };

export interface LookupOptions {
  readonly language: RegistryLanguage;
}

/** One registry behind the lookup port. Never throws for an answer it can express as a {@link SourceAnswer}. */
export interface CompanySource {
  readonly name: RegistrySourceName;
  lookup(number: RegistryNumber, options: LookupOptions): Promise<SourceAnswer>;
}
