import { expect, test, type Browser, type Page } from "@playwright/test";
import { hasChromium, pl, plText, SKIP_REASON, signIn, uniqueId } from "./support";

test.skip(!hasChromium, SKIP_REASON);

const ONE_PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const DEMO = { email: "demo@bok-ai.local", password: "demo1234" };
const INBOX = "/t/demo-shop/inbox";

async function signInToDemo(page: Page) {
  await page.goto("/sign-in");
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(INBOX);
}

/** A second window of the same signed-in seller (the session is copied: sign-ins are rate limited). */
async function secondWindow(browser: Browser, first: Page, baseURL: string | undefined) {
  const storageState = await first.context().storageState();
  const context = await browser.newContext({ baseURL, storageState, locale: "pl-PL", timezoneId: "Europe/Warsaw" });
  return { context, page: await context.newPage() };
}

const conversationList = (page: Page) => page.getByRole("list", { name: pl.inbox.conversations });
const row = (page: Page, buyer: string) => conversationList(page).getByRole("link", { name: new RegExp(`^${buyer}\\b`) });
const timeline = (page: Page) => page.getByRole("list", { name: pl.inbox.thread.timeline });

async function pickFilter(page: Page, filter: string, option: string) {
  await page.getByRole("search", { name: pl.inbox.filters.label }).getByRole("button", { name: new RegExp(`^${filter}`) }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** A new buyer writes through the demo channel's simulator; returns their name. */
async function simulateNewBuyer(page: Page, text: string) {
  const buyer = `e2e_${uniqueId()}`;
  await page.getByRole("button", { name: pl.inbox.simulate.open }).click();
  const dialog = page.getByRole("dialog", { name: pl.inbox.simulate.title });
  await dialog.getByLabel(pl.inbox.simulate.buyerName).fill(buyer);
  await dialog.getByLabel(pl.inbox.simulate.text).fill(text);
  await dialog.getByRole("button", { name: pl.inbox.simulate.submit }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, buyer)).toBeVisible();
  return buyer;
}

test("the demo inbox shows the seeded conversations, and filters and search narrow the list", async ({ page }) => {
  await signInToDemo(page);

  await test.step("the seeded buyers are listed, the complaint with its tag and an overdue clock", async () => {
    for (const buyer of ["marta_k93", "tomek_rower", "anna.nowak", "kowalski_jan", "john_d", "ewa_zakupy"]) {
      await expect(row(page, buyer)).toBeVisible();
    }
    const complaint = row(page, "kowalski_jan");
    await expect(complaint).toContainText("reklamacja");
    await expect(complaint).toContainText(plText("inbox.clock.overdue", { time: "" }).trim());
  });

  await test.step("status Resolved shows only the thanked-for order, and survives a reload", async () => {
    await pickFilter(page, pl.inbox.filters.status, pl.inbox.status.resolved);
    await expect(page).toHaveURL(/status=resolved/);
    await expect(row(page, "ewa_zakupy")).toBeVisible();
    await expect(row(page, "kowalski_jan")).toBeHidden();
    await page.reload();
    await expect(row(page, "ewa_zakupy")).toBeVisible();
    await expect(row(page, "marta_k93")).toBeHidden();
    await page.getByRole("button", { name: pl.inbox.filters.clear }).first().click();
    await expect(row(page, "kowalski_jan")).toBeVisible();
  });

  await test.step("unread only hides the resolved, already read conversation", async () => {
    await page.getByRole("button", { name: pl.inbox.filters.unreadOnly, exact: true }).click();
    await expect(page).toHaveURL(/unread=1/);
    await expect(row(page, "ewa_zakupy")).toBeHidden();
    await expect(conversationList(page).getByRole("link").first()).toBeVisible();
    await page.getByRole("button", { name: pl.inbox.filters.unreadOnly, exact: true }).click();
  });

  await test.step("overdue only keeps the complaint that waits more than a day", async () => {
    await page.getByRole("button", { name: pl.inbox.filters.overdueOnly, exact: true }).click();
    await expect(row(page, "kowalski_jan")).toBeVisible();
    await expect(row(page, "anna.nowak")).toBeHidden();
    await page.getByRole("button", { name: pl.inbox.filters.overdueOnly, exact: true }).click();
  });

  await test.step("searching for “germany” finds the English-speaking buyer", async () => {
    await page.getByLabel(pl.inbox.filters.search).fill("germany");
    await expect(row(page, "john_d")).toBeVisible();
    await expect(row(page, "marta_k93")).toBeHidden();
    await expect(page).toHaveURL(/q=germany/);
  });

  await test.step("J opens the first result; the link keeps the selection", async () => {
    await page.getByRole("heading", { level: 1, name: pl.inbox.title }).click();
    await page.keyboard.press("j");
    await expect(page).toHaveURL(/[?&]c=[0-9a-f-]{36}/);
    await expect(page.getByRole("heading", { level: 2, name: "john_d" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { level: 2, name: "john_d" })).toBeVisible();
    await expect(row(page, "john_d")).toHaveAttribute("aria-current", "true");
  });

  await test.step("a conversation about an offer shows the offer's name, price and stock", async () => {
    await page.getByLabel(pl.inbox.filters.search).fill("");
    await row(page, "anna.nowak").click();
    await expect(page.getByRole("heading", { level: 2, name: "anna.nowak" })).toBeVisible();
    // Below 1400 px the details open as a dialog.
    await page.getByRole("button", { name: pl.inbox.thread.showDetails }).click();
    const details = page.getByRole("dialog");
    await expect(details.getByText("Bluza z kapturem Classic, bawełna")).toBeVisible();
    await expect(details.getByText(/149,00\s*zł/)).toBeVisible();
    await expect(details.getByText(plText("inbox.details.offerUnits", { count: 12 }))).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(details).toBeHidden();
  });
});

test("a seller answers with Ctrl+Enter, inserts a canned reply, leaves an internal note and resolves", async ({ page }) => {
  await signInToDemo(page);
  const buyer = await simulateNewBuyer(page, "Czy wysyłacie paczki za granicę?");
  await row(page, buyer).click();
  await expect(page.getByRole("heading", { level: 2, name: buyer })).toBeVisible();
  await expect(timeline(page).getByText("Czy wysyłacie paczki za granicę?")).toBeVisible();

  const replyBox = page.getByLabel(plText("inbox.reply.replyLabel", { name: buyer }));

  await test.step("a half-written reply and note survive a reload", async () => {
    await replyBox.fill("Sprawdzę to i zaraz");
    await page.getByRole("radio", { name: pl.inbox.reply.note }).check();
    const noteBox = page.getByLabel(pl.inbox.reply.noteLabel);
    await noteBox.fill("Zapytać magazyn o wysyłkę za granicę");
    await page.reload();
    await expect(replyBox).toHaveValue("Sprawdzę to i zaraz");
    await page.getByRole("radio", { name: pl.inbox.reply.note }).check();
    await expect(noteBox).toHaveValue("Zapytać magazyn o wysyłkę za granicę");
    await noteBox.fill("");
    await page.getByRole("radio", { name: pl.inbox.reply.reply }).check();
  });

  await test.step("the reply is queued and reaches the sent state", async () => {
    await replyBox.fill("Tak, wysyłamy do całej Unii Europejskiej.\nPozdrawiamy!");
    await expect(page.getByText(`${"Tak, wysyłamy do całej Unii Europejskiej.\nPozdrawiamy!".length} / 2000`)).toBeVisible();
    await replyBox.press("Control+Enter");
    await expect(replyBox).toHaveValue("");
    const reply = timeline(page).getByRole("article").filter({ hasText: "Tak, wysyłamy do całej Unii Europejskiej." });
    await expect(reply).toContainText(pl.inbox.delivery.sent);
    await expect(timeline(page)).toContainText(plText("inbox.events.replySent", { actor: "Anna Sprzedawczyni" }));
  });

  await test.step("a photo goes out with the next reply and is listed under it", async () => {
    await page.getByLabel(pl.inbox.reply.attach).setInputFiles({ name: "paczka.png", mimeType: "image/png", buffer: Buffer.from(ONE_PIXEL_PNG, "base64") });
    const chip = page.getByRole("list", { name: pl.inbox.reply.attachments }).getByRole("listitem");
    await expect(chip).toContainText("paczka.png");
    await expect(chip).not.toContainText(pl.inbox.reply.uploading);
    await replyBox.fill("Przesyłam zdjęcie paczki.");
    await page.getByRole("button", { name: pl.inbox.reply.send, exact: true }).click();
    const reply = timeline(page).getByRole("article").filter({ hasText: "Przesyłam zdjęcie paczki." });
    await expect(reply.getByRole("link", { name: "paczka.png" })).toBeVisible();
    await expect(reply).toContainText(pl.inbox.delivery.sent);
  });

  await test.step("a canned reply is inserted with the buyer's and the shop's names filled in", async () => {
    await page.getByRole("button", { name: pl.inbox.reply.canned }).click();
    await page.getByRole("menuitem", { name: /Podziękowanie/ }).click();
    await expect(replyBox).toHaveValue(`Dziękujemy za zakupy, ${buyer}! Pozdrawiamy, Demo Shop`);
    await replyBox.fill("");
  });

  await test.step("an internal note is shown apart from the messages", async () => {
    await page.getByRole("radio", { name: pl.inbox.reply.note }).check();
    await page.getByLabel(pl.inbox.reply.noteLabel).fill("Klient pyta o wysyłkę do Niemiec — sprawdzić cennik.");
    await page.getByRole("button", { name: pl.inbox.reply.addNote }).click();
    const note = timeline(page).getByRole("article", { name: pl.inbox.thread.internalNote });
    await expect(note.filter({ hasText: "sprawdzić cennik" })).toBeVisible();
  });

  await test.step("E resolves the conversation; replying then asks to reopen it first", async () => {
    await page.getByRole("radio", { name: pl.inbox.reply.reply }).check();
    await page.getByRole("heading", { level: 2, name: buyer }).click();
    await page.keyboard.press("e");
    await expect(page.getByRole("status").filter({ hasText: pl.inbox.reply.resolvedTitle })).toBeVisible();
    await expect(replyBox).toBeDisabled();
    await expect(timeline(page)).toContainText(
      plText("inbox.events.statusChanged", { actor: "Anna Sprzedawczyni", from: pl.inbox.status.open, to: pl.inbox.status.resolved }),
    );
    await page.getByRole("status").getByRole("button", { name: pl.inbox.actions.reopen }).click();
    await expect(replyBox).toBeEnabled();
  });
});

test("a buyer's new message appears in an open inbox within seconds, without a reload", async ({ page, browser, baseURL }) => {
  await signInToDemo(page);
  const buyer = await simulateNewBuyer(page, "Dzień dobry, mam pytanie o rozmiar.");
  await row(page, buyer).click();
  await expect(page.getByRole("heading", { level: 2, name: buyer })).toBeVisible();
  const conversationUrl = new URL(page.url());

  const second = await secondWindow(browser, page, baseURL);
  const followUp = `Czy mogę prosić o odpowiedź? (${uniqueId()})`;
  await test.step("in another window, the buyer writes again in the same conversation", async () => {
    await second.page.goto(conversationUrl.pathname + conversationUrl.search);
    await expect(second.page.getByRole("heading", { level: 2, name: buyer })).toBeVisible();
    await second.page.getByRole("button", { name: pl.inbox.simulate.open }).click();
    const dialog = second.page.getByRole("dialog", { name: pl.inbox.simulate.title });
    await dialog.getByRole("checkbox", { name: new RegExp(buyer) }).check();
    await dialog.getByLabel(pl.inbox.simulate.text).fill(followUp);
    await dialog.getByRole("button", { name: pl.inbox.simulate.submit }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step("the first window shows it in the thread and the list within 6 s", async () => {
    await expect(timeline(page).getByText(followUp)).toBeVisible({ timeout: 6_000 });
    await expect(row(page, buyer)).toContainText(followUp, { timeout: 6_000 });
  });
  await second.context.close();
});
