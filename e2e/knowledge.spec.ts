import JSZip from "jszip";
import { expect, test, type Page } from "@playwright/test";
import { hasChromium, newAccount, pl, plText, SKIP_REASON, slugOf, submitSignUp, uniqueId } from "./support";

test.skip(!hasChromium, SKIP_REASON);

/** A one-page PDF with a real text layer (Helvetica, WinAnsi), written by hand with exact xref offsets. */
function buildPdf(lines: string[]): Buffer {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = ["BT", "/F1 12 Tf", "16 TL", "72 770 Td", ...lines.map((line) => `(${escape(line)}) Tj T*`), "ET"].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A minimal DOCX (content types, package relationships, the document): a Heading 1 and paragraphs. */
async function buildDocx(heading: string, paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`,
  );
  const paragraph = (text: string, style?: string) =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}<w:r><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r></w:p>`;
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph(heading, "Heading1")}${paragraphs.map((p) => paragraph(p)).join("")}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/** Processing runs in the background; a fresh production server may take a moment for the first one. */
const PROCESSING_TIMEOUT = 45_000;

const documentRow = (page: Page, title: string) => page.getByRole("table").getByRole("row").filter({ hasText: title });
const results = (page: Page) => page.getByRole("list", { name: pl.knowledge.search.results }).getByRole("listitem");

async function testSearch(page: Page, question: string) {
  await page.getByLabel(pl.knowledge.search.label).fill(question);
  await page.getByRole("search", { name: pl.knowledge.search.title }).getByRole("button", { name: pl.knowledge.search.submit, exact: true }).click();
}

async function openActions(page: Page, title: string, action: string) {
  await page.getByRole("button", { name: plText("knowledge.list.actionsFor", { title }) }).click();
  await page.getByRole("menuitem", { name: action }).click();
}

test("an owner uploads, searches, edits and deletes knowledge-base documents", async ({ page }) => {
  test.setTimeout(180_000);
  const owner = newAccount("Sklep Wiedzy");
  await page.goto("/sign-up");
  await submitSignUp(page, owner);
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+\/inbox$/);
  const slug = slugOf(page);

  await test.step("a new company sees an empty knowledge base that says what to upload, and its plan's limits", async () => {
    await page.getByRole("navigation", { name: pl.nav.mainNavigation }).getByRole("link", { name: pl.nav.knowledge }).click();
    await expect(page).toHaveURL(`/t/${slug}/knowledge`);
    await expect(page.getByRole("heading", { name: pl.knowledge.title, level: 1 })).toBeVisible();
    await expect(page.getByText(pl.knowledge.list.emptyTitle)).toBeVisible();
    await expect(page.getByText(pl.knowledge.list.ideas.returns)).toBeVisible();
    // "0 / 50 dokumentów · maks. 10 MB na plik"
    const usage = `${plText("knowledge.limits.documents.many", { used: 0, max: 50 })} · ${plText("knowledge.limits.maxFile", { size: "10 MB" })}`;
    await expect(page.getByText(usage)).toBeVisible();
  });

  const pdf = buildPdf([
    "Wysylka i dostawa",
    "Zamowienia zlozone do godziny 14:00 wysylamy tego samego dnia roboczego.",
    "Punkty odbioru InPost: 12,99 zl. Kurier DPD: 16,99 zl.",
    "Dostawa trwa zwykle od jednego do dwoch dni roboczych.",
  ]);
  const docx = await buildDocx("Reklamacje i zwroty", [
    "Uszkodzoną paczkę zgłoś kurierowi przy odbiorze i poproś o spisanie protokołu szkody.",
    "Reklamację rozpatrujemy w ciągu 14 dni od jej otrzymania.",
    "Na zwrot towaru bez podania przyczyny masz 30 dni.",
  ]);

  await test.step("several files go through the picker at once; the plan's size limit is checked before sending", async () => {
    await page.getByLabel(pl.knowledge.upload.choose).setInputFiles([
      { name: "wysylka-i-dostawa.pdf", mimeType: "application/pdf", buffer: pdf },
      { name: "reklamacje-i-zwroty.docx", mimeType: DOCX_MIME, buffer: docx },
      { name: "cennik.txt", mimeType: "text/plain", buffer: Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x10, 0x9c, 0x00]) },
      { name: "katalog.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(11 * 1024 * 1024, 0x25) },
    ]);
    const uploads = page.getByRole("list", { name: pl.knowledge.upload.list });
    await expect(uploads.getByRole("listitem").filter({ hasText: "katalog.pdf" })).toContainText(plText("knowledge.errors.tooLarge", { maxMb: 10 }));
    await expect(documentRow(page, "katalog")).toHaveCount(0);
  });

  await test.step("the PDF and the DOCX go from queued to ready on their own, with their passages counted", async () => {
    // The upload tray follows each document's real state: processing, then ready.
    const uploads = page.getByRole("list", { name: pl.knowledge.upload.list });
    await Promise.all(
      ["wysylka-i-dostawa.pdf", "reklamacje-i-zwroty.docx"].map((file) =>
        expect(uploads.getByRole("listitem").filter({ hasText: file })).toContainText(pl.knowledge.upload.ready, { timeout: PROCESSING_TIMEOUT }),
      ),
    );
    for (const title of ["wysylka-i-dostawa", "reklamacje-i-zwroty"]) {
      const row = documentRow(page, title);
      await expect(row).toContainText(pl.knowledge.status.ready, { timeout: PROCESSING_TIMEOUT });
      await expect(row.getByRole("cell").nth(2)).toHaveText("1");
    }
    await expect(documentRow(page, "wysylka-i-dostawa")).toContainText(pl.knowledge.kind.pdf);
    await expect(documentRow(page, "reklamacje-i-zwroty")).toContainText(pl.knowledge.kind.docx);
    await expect(page.getByText(plText("knowledge.limits.documents.many", { used: 3, max: 50 }))).toBeVisible();
  });

  await test.step("a binary file renamed to .txt fails with the reason a person understands, and can be retried", async () => {
    const row = documentRow(page, "cennik");
    await expect(row).toContainText(pl.knowledge.status.failed, { timeout: PROCESSING_TIMEOUT });
    await expect(row).toContainText(pl.knowledge.errors.binary);
    await expect(page.getByRole("list", { name: pl.knowledge.upload.list }).getByRole("listitem").filter({ hasText: "cennik.txt" })).toContainText(pl.knowledge.upload.processingFailed);
    await expect(row.getByRole("button", { name: `${pl.knowledge.list.retry} cennik` })).toBeVisible();
  });

  await test.step("a question without Polish letters and with a typo finds the complaints passage of the DOCX first", async () => {
    await testSearch(page, "jak zglosic reklamcje uszkodzonej paczki");
    const first = results(page).first();
    await expect(first).toContainText("reklamacje-i-zwroty");
    await expect(first).toContainText("Reklamacje i zwroty");
    await expect(first).toContainText("protokołu szkody");
    await expect(first.getByRole("definition").first()).toHaveText(/\d,\d{4}/);
    await expect(results(page).filter({ hasText: "wysylka-i-dostawa" })).toHaveCount(0);

    await testSearch(page, "ile kosztuje kurier DPD?");
    await expect(results(page).first()).toContainText("wysylka-i-dostawa");
    await expect(results(page).first()).toContainText("16,99 zl");
  });

  await test.step("a page address in the private network is refused with the server's message", async () => {
    await page.getByRole("tab", { name: pl.knowledge.add.url }).click();
    const form = page.getByRole("form", { name: pl.knowledge.add.url });
    await form.getByLabel(pl.knowledge.url.label).fill("http://127.0.0.1:3210/regulamin");
    await form.getByRole("button", { name: pl.knowledge.url.submit }).click();
    await expect(form.getByRole("alert")).toHaveText(pl.knowledge.errors.urlBlocked);
  });

  await test.step("a file dropped on the upload zone is uploaded like a picked one", async () => {
    await page.getByRole("tab", { name: pl.knowledge.add.files }).click();
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(["# Regulamin sklepu\nSprzedawcą jest Rowerowo sp. z o.o. z siedzibą w Krakowie."], "regulamin.md", { type: "text/markdown" }));
      return transfer;
    });
    await page.getByText(pl.knowledge.upload.drop).dispatchEvent("dragenter", { dataTransfer });
    const zone = page.getByText(pl.knowledge.upload.release);
    await expect(zone).toBeVisible();
    await zone.dispatchEvent("dragover", { dataTransfer });
    await zone.dispatchEvent("drop", { dataTransfer });
    await expect(documentRow(page, "regulamin")).toContainText(pl.knowledge.status.ready, { timeout: PROCESSING_TIMEOUT });
    await expect(documentRow(page, "regulamin")).toContainText(pl.knowledge.kind.markdown);
  });

  const pasted = `Godziny pracy ${uniqueId()}`;
  const edited = `Kontakt ${uniqueId()}`;
  await test.step("pasted text becomes a document", async () => {
    await page.getByRole("tab", { name: pl.knowledge.add.text }).click();
    const form = page.getByRole("form", { name: pl.knowledge.add.text });
    await form.getByLabel(pl.knowledge.form.title).fill(pasted);
    await form.getByLabel(pl.knowledge.form.text).fill("# Biuro obsługi\nOdpowiadamy od poniedziałku do piątku w godzinach 8–16.");
    await form.getByRole("button", { name: pl.knowledge.text.submit }).click();
    await expect(page.getByText(plText("knowledge.text.added", { title: pasted }))).toBeVisible();
    await expect(documentRow(page, pasted)).toContainText(pl.knowledge.status.ready, { timeout: PROCESSING_TIMEOUT });
    await expect(documentRow(page, pasted)).toContainText(pl.knowledge.kind.text);
  });

  await test.step("its title and text are edited; the new text is what the search finds", async () => {
    await openActions(page, pasted, pl.knowledge.list.edit);
    const dialog = page.getByRole("dialog", { name: pl.knowledge.editor.title });
    await expect(dialog.getByLabel(pl.knowledge.form.text)).toHaveValue(/Odpowiadamy od poniedziałku/);
    await dialog.getByLabel(pl.knowledge.form.title).fill(edited);
    await dialog.getByLabel(pl.knowledge.form.text).fill("# Biuro obsługi\nInfolinia czynna całodobowo, także w weekendy: 12 345 67 89.");
    await dialog.getByRole("button", { name: pl.knowledge.editor.save }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(plText("knowledge.editor.saved", { title: edited }))).toBeVisible();
    await expect(documentRow(page, edited)).toContainText(pl.knowledge.status.ready, { timeout: PROCESSING_TIMEOUT });
    await expect(documentRow(page, pasted)).toHaveCount(0);

    await testSearch(page, "infolinia w weekend");
    await expect(results(page).first()).toContainText(edited);
    await expect(results(page).first()).toContainText("całodobowo");
  });

  await test.step("a document is deleted after confirmation, and the plan's usage goes down", async () => {
    await expect(page.getByText(plText("knowledge.limits.documents.many", { used: 5, max: 50 }))).toBeVisible();
    await openActions(page, "regulamin", pl.knowledge.list.delete);
    const confirm = page.getByRole("dialog", { name: plText("knowledge.list.confirmDelete", { title: "regulamin" }) });
    await confirm.getByRole("button", { name: pl.knowledge.list.deleteConfirm }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText(plText("knowledge.list.deleted", { title: "regulamin" }))).toBeVisible();
    await expect(documentRow(page, "regulamin")).toHaveCount(0);
    await expect(page.getByText(plText("knowledge.limits.documents.many", { used: 4, max: 50 }))).toBeVisible();
  });

  await test.step("the page as a seller sees it (attached to the report)", async () => {
    await testSearch(page, "jak zglosic reklamcje uszkodzonej paczki");
    await expect(results(page).first()).toContainText("reklamacje-i-zwroty");
    await page.setViewportSize({ width: 1440, height: 2200 });
    const path = test.info().outputPath("knowledge-page.png");
    await page.screenshot({ path, fullPage: true });
    await test.info().attach("knowledge-page", { path, contentType: "image/png" });
  });
});
