import { describe, expect, it } from "vitest";
import { extractDocument } from "@/server/knowledge/extract";
import { chunkDocument, MAX_WORDS } from "@/server/knowledge/chunking";
import { foldText, normalizeDocumentText } from "@/lib/text/fold";
import { makeDocx, makePdf } from "./support/documents";

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

describe("text normalisation", () => {
  it("folds Polish, German and Czech diacritics and joins hyphenated line breaks", () => {
    expect(foldText("Zwrót, wysyłka, ŁÓDŹ, Größe, Příliš")).toBe("zwrot, wysylka, lodz, grosse, prilis");
    expect(normalizeDocumentText("prze-\nsyłka  ma\u00ad\u00a0 \r\n\r\n\r\n\tkoniec")).toBe("przesyłka ma\n\nkoniec");
  });
});

describe("extraction", () => {
  it("reads text, Markdown, HTML (without scripts) and CSV rows", async () => {
    expect((await extractDocument("a.txt", "text/plain", utf8("Zwroty\n\nMasz 30 dni."))).text).toBe("Zwroty\n\nMasz 30 dni.");
    const md = await extractDocument("a.md", null, utf8("# Wysyłka\n\n- InPost 12,99 zł\n- DPD 16,99 zł"));
    expect(md.kind).toBe("markdown");
    const html = await extractDocument(
      "a.html",
      "text/html",
      utf8(`<html><head><script>alert('x')</script><style>p{}</style></head><body><h1>Dostawa</h1><p>Wysyłamy w 24 godziny od zamówienia złożonego do 14:00 w dni robocze.</p><ul><li>Paczkomat</li><li>Kurier</li></ul><script>steal()</script></body></html>`),
    );
    expect(html.text).toContain("# Dostawa");
    expect(html.text).toContain("- Paczkomat");
    expect(html.text).not.toMatch(/alert|steal|<script/);
    const csv = await extractDocument("produkty.csv", "text/csv", utf8('nazwa,cena,opis\nKurtka Nordic,289.00,"Wodoodporna, 10 000 mm"\nKubek Termo,59.00,Stal nierdzewna\n'));
    expect(csv.entries).toEqual([
      { title: "Kurtka Nordic", text: "nazwa: Kurtka Nordic\ncena: 289.00\nopis: Wodoodporna, 10 000 mm" },
      { title: "Kubek Termo", text: "nazwa: Kubek Termo\ncena: 59.00\nopis: Stal nierdzewna" },
    ]);
  });

  it("reads a PDF's text layer and a DOCX with headings", async () => {
    const pdf = await extractDocument("regulamin.pdf", "application/pdf", makePdf(["Reklamacje rozpatrujemy w 14 dni.", "Gwarancja 2 lata."]));
    expect(pdf.kind).toBe("pdf");
    expect(pdf.text).toContain("Reklamacje rozpatrujemy w 14 dni.");
    const docx = await extractDocument("zwroty.docx", null, await makeDocx([{ heading: "Zwroty" }, { text: "Na zwrot masz 30 dni od otrzymania paczki." }]));
    expect(docx.text).toMatch(/# Zwroty/);
    expect(docx.text).toContain("Na zwrot masz 30 dni");
  });

  it("explains what is wrong with a bad file", async () => {
    const key = (p: Promise<unknown>) => p.then(() => "ok", (e: { key?: string }) => e.key);
    expect(await key(extractDocument("skan.pdf", null, makePdf([])))).toBe("knowledge.errors.pdfNoText");
    expect(await key(extractDocument("zepsuty.pdf", null, Buffer.from("%PDF-1.4 garbage garbage")))).toBe("knowledge.errors.corrupt");
    expect(await key(extractDocument("program.txt", null, new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00])))).toBe("knowledge.errors.binary");
    expect(await key(extractDocument("pusty.txt", null, new Uint8Array()))).toBe("knowledge.errors.empty");
    expect(await key(extractDocument("obraz.png", "image/png", new Uint8Array([0x89, 0x50, 0x4e, 0x47])))).toBe("knowledge.errors.unsupportedType");
    expect(await key(extractDocument("archiwum.zip", null, new Uint8Array([0x50, 0x4b, 3, 4])))).toBe("knowledge.errors.unsupportedType");
    expect(await key(extractDocument("udaje.docx", null, Buffer.from("not a zip")))).toBe("knowledge.errors.corrupt");
    expect(await key(extractDocument("spacje.md", null, utf8("  \n\n  ")))).toBe("knowledge.errors.empty");
    // a zip bomb: 60 MB of one letter compresses to a few dozen kilobytes
    const { default: JSZip } = await import("jszip");
    const bomb = new JSZip();
    bomb.file("word/document.xml", "A".repeat(60 * 1024 * 1024));
    const bytes = await bomb.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(bytes.byteLength).toBeLessThan(1024 * 1024);
    expect(await key(extractDocument("bomba.docx", null, bytes))).toBe("knowledge.errors.zipBomb");
  });
});

describe("chunking", () => {
  it("a small section merged into a passage stays whole, named once, never split across passages", () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `Zdanie numer ${i} o rabatach.`).join(" ");
    // "Rabaty" is too small to stand alone, so "Znakowanie" joins its passage.
    const doc = `# Hurt\n\n## Rabaty\n\n${filler(8)}\n\n## Znakowanie\n\n| Metoda | Na czym | Cena |\n| --- | --- | --- |\n| Haft | kurtki, softshelle, polary, bluzy i czapki zimowe | od 18 zł netto za sztukę |\n| Sitodruk | bluzy, koszulki, torby bawełniane i plecaki miejskie | od 9 zł netto za sztukę |\n\n- Opłata przygotowawcza: 150 zł.\n\n## Terminy\n\n${filler(60)}`;
    const chunks = chunkDocument(doc);
    const withHaft = chunks.filter((c) => c.text.includes("Haft"));
    expect(withHaft).toHaveLength(1);
    // The whole section is in that one passage: its table with the header, and the list after it.
    expect(withHaft[0]?.text).toMatch(/\| Metoda \| Na czym \| Cena \|\n\| Haft [^\n]*\n\| Sitodruk /);
    expect(withHaft[0]?.text).toContain("Opłata przygotowawcza: 150 zł.");
    expect(withHaft[0]?.headingPath).toBe("Hurt > Rabaty");
    expect(withHaft[0]?.text.match(/Znakowanie:/g) ?? []).toHaveLength(1);
  });

  it("keeps the heading path and stays within the word budget", () => {
    const para = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w}${i}.`).join(" ");
    const doc = `# Regulamin\n\n## Zwroty\n\n${para(300, "zwrot")}\n\n${para(300, "termin")}\n\n## Wysyłka\n\n- InPost 12,99 zł\n- DPD 16,99 zł\n\n${para(120, "paczka")}`;
    const chunks = chunkDocument(doc);
    for (const c of chunks) expect((c.text.match(/\S+/g) ?? []).length).toBeLessThanOrEqual(MAX_WORDS + 45);
    expect(chunks.some((c) => c.headingPath === "Regulamin > Zwroty")).toBe(true);
    const shipping = chunks.find((c) => c.headingPath === "Regulamin > Wysyłka");
    expect(shipping?.text).toContain("InPost 12,99 zł");
    // neighbouring passages of one section share a sentence
    const zwroty = chunks.filter((c) => c.headingPath === "Regulamin > Zwroty");
    expect(zwroty.length).toBeGreaterThan(1);
  });
});
