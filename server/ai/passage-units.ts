/**
 * A passage read as the pieces a reply can quote: prose sentences and list items as
 * they are; a table row with its header ("Paczkomat – Cena: 12,99 zł; Czas: 1–2 dni"),
 * never a row cut loose from what its cells mean; a record of "field: value" lines (a
 * product from a CSV) as one piece per field, named by the record's first value.
 * `context` is what the piece is about beyond its own words (headings, the paragraph, the
 * table's header or the record's name), used to judge what it answers but not quoted.
 */
export interface PassageUnit {
  text: string;
  context: string;
  /** The paragraph a sentence stands in: what it is about, for ranking only, never for certainty. */
  paragraph: string;
  /** Order within the passage, to quote several pieces as the document reads. */
  order: number;
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => plain(c));

function plain(text: string): string {
  return text.replace(/\*\*|__|`/g, "").replace(/^[-*•#>\s]+/, "").replace(/\s+/g, " ").trim();
}

const isTableRow = (line: string) => /^\s*\|.*\|\s*$/.test(line) || /^\s*\|/.test(line);
const isSeparator = (line: string) => /^\|?[\s:|-]+\|?$/.test(line.trim());
/** "cena_pln: 799.99", "Waga (g): 390": a CSV column or a spec sheet's field and its value. */
const FIELD = /^([\p{L}][\p{L}\d _()/.%-]{0,40}):\s+(.+)$/u;

/** Abbreviations a sentence does not end at (ul. Magazynowa, np. BLIK, godz. 14:00, Nr. 5). */
const ABBREVIATION = /(?:^|[\s(])(?:ul|al|os|pl|np|tj|tzn|nr|tel|godz|ok|min|maks|max|zob|wg|ew|m\.in|str|tzw|jw|dr|inż|mgr|sp|z\s?o\.o|e\.g|i\.e|approx|no|st|bzw|ca|evtl|inkl|z\.b|tř|č)\.$/iu;

function sentences(text: string): string[] {
  const parts = text.split(/(?<=[.!?])\s+(?=[\p{Lu}\d"„(])/u);
  // Re-join what was cut after an abbreviation.
  const joined: string[] = [];
  for (const part of parts) {
    const last = joined.at(-1);
    if (last !== undefined && ABBREVIATION.test(last)) joined[joined.length - 1] = `${last} ${part}`;
    else joined.push(part);
  }
  return joined
    .map(plain)
    .filter((s) => s.length >= 8 && /\p{L}/u.test(s));
}

export function passageUnits(passage: { text: string; headingPath: string }): PassageUnit[] {
  const lines = passage.text.split("\n").map((l) => l.trimEnd());
  const units: PassageUnit[] = [];
  const push = (text: string, context: string, paragraph = "") => {
    // A list item ends with a comma or semicolon where the list goes on.
    const t = text.trim().replace(/[,;]$/, "");
    if (t.length >= 4) units.push({ text: /[.!?:]$/.test(t) ? t : `${t}.`, context, paragraph, order: units.length });
  };

  const filled = lines.filter((l) => l.trim());
  const fields = filled.map((l) => FIELD.exec(plain(l)));
  // A record: most lines are "field: value" (a product row of a CSV, a spec sheet).
  if (fields.filter(Boolean).length >= 3 && fields.filter(Boolean).length >= filled.length * 0.7) {
    const name = fields.find(Boolean)?.[2]?.trim() ?? "";
    fields.forEach((f, i) => {
      // Its other lines are kept as written: a record drops nothing it says.
      if (!f) push(plain(filled[i] ?? ""), `${passage.headingPath} ${name}`);
      else if (f[2]?.trim() !== name) push(`${name} – ${f[1]}: ${f[2]}`, `${passage.headingPath} ${name}`);
    });
    return units;
  }

  let header: string[] | null = null;
  let caption = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (!line.trim()) {
      header = null;
      continue;
    }
    if (isTableRow(line)) {
      if (isSeparator(line)) continue;
      const row = cells(line);
      if (!header) {
        header = row;
        continue;
      }
      const [first, ...rest] = row;
      const described = rest.map((cell, j) => (header?.[j + 1] ? `${header[j + 1]}: ${cell}` : cell)).filter((c) => c && !/:\s*$/.test(c));
      // A short first cell ("S", "43") means little without its column's name.
      const subject = header[0] && (first ?? "").length <= 4 ? `${header[0]} ${first}` : first;
      push(`${subject}${described.length ? ` – ${described.join("; ")}` : ""}`, `${passage.headingPath} ${caption} ${header.join(" ")}`);
      continue;
    }
    header = null;
    // A line ending in a colon names what follows (a table or a list).
    const text = plain(line);
    if (/:$/.test(text) && text.length < 80) {
      caption = text;
      continue;
    }
    // A list item that goes on from its caption ("Zwrotowi nie podlegają:" / "- produktów z logo,")
    // is quoted with it: on its own it is half a sentence.
    const continues = caption && /^\s*([-*•]|\d+[.)])\s/.test(line) && /^\p{Ll}/u.test(text);
    // A sentence is read with its paragraph: "Koszt dostawy to 14,99 zł" is about the courier the sentence before names.
    for (const s of sentences(continues ? `${caption} ${text}` : text)) push(s, `${passage.headingPath} ${caption}`, text);
  }
  return units;
}
