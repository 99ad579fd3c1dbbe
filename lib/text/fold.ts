const SPECIAL: Record<string, string> = { ł: "l", Ł: "l", ß: "ss", ø: "o", Ø: "o", đ: "d", Đ: "d", æ: "ae", œ: "oe" };

/**
 * Lower-case and drop diacritics (zwrót → zwrot, wysyłka → wysylka, Größe → grosse):
 * buyers often type without Polish letters, and PostgreSQL has no Polish stemmer, so
 * documents and queries are compared in this folded form.
 */
export function foldText(text: string): string {
  return text
    .replace(/[łŁßøØđĐæœ]/g, (c) => SPECIAL[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** Unicode NFC, no soft hyphens, words re-joined across hyphenated line breaks, tidy whitespace. */
export function normalizeDocumentText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/\u00ad/g, "")
    .replace(/(\p{L})-\n(\p{Ll})/gu, "$1$2")
    .replace(/[\t\u00a0 ]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
