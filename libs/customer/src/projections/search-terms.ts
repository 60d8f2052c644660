/**
 * Folding for search: lower case, accents removed, so "Jérôme" is found by
 * "jerome". Applied both to what is indexed and to what is searched.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** Words of a query, each a prefix: `jan pee` finds "Jan Peeters". Only letters, digits, @ . - _ kept. */
export function searchWords(query: string): string[] {
  return foldForSearch(query)
    .split(/[^\p{L}\p{N}@._-]+/u)
    .map((word) => word.replace(/^[._-]+|[._-]+$/g, ''))
    .filter((word) => word.length > 0)
    .slice(0, 8);
}
