const POLISH: Record<string, string> = { ł: "l", Ł: "l" };

/** "Sklep Łódź & Co." → "sklep-lodz-co": readable company addresses from names in any Latin script. */
export function slugify(text: string, maxLength = 40): string {
  const ascii = text
    .replace(/[łŁ]/g, (c) => POLISH[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
  return ascii.length >= 3 ? ascii : `${ascii || "sklep"}-${Math.random().toString(36).slice(2, 6)}`;
}
