import { expect, test, type Page } from "@playwright/test";
import { hasChromium, newAccount, pl, plText, SKIP_REASON, signIn, slugOf, submitSignUp, uniqueId } from "./support";

test.skip(!hasChromium, SKIP_REASON);

const DEMO = { email: "demo@bok-ai.local", password: "demo1234" };
/** Processing runs in the background; a fresh production server may take a moment for the first one. */
const PROCESSING_TIMEOUT = 45_000;
/** The engine answers AI_DEBOUNCE_SECONDS (1 s here) after the buyer's last message; the panel polls every 4 s. */
const DRAFT_TIMEOUT = 20_000;
const POLICY = "# Wysyłka\nZamówienia wysyłamy w ciągu 24 godzin kurierem InPost. Koszt dostawy to 14,99 zł.";
const QUESTION = "ile kosztuje dostawa kurierem?";

const documentRow = (page: Page, title: string) => page.getByRole("table").getByRole("row").filter({ hasText: title });

/** Pastes a text document into the knowledge base and waits until the AI can use it. */
async function addTextDocument(page: Page, slug: string, title: string) {
  await page.goto(`/t/${slug}/knowledge`);
  await page.getByRole("tab", { name: pl.knowledge.add.text }).click();
  const form = page.getByRole("form", { name: pl.knowledge.add.text });
  await form.getByLabel(pl.knowledge.form.title).fill(title);
  await form.getByLabel(pl.knowledge.form.text).fill(POLICY);
  await form.getByRole("button", { name: pl.knowledge.text.submit }).click();
  await expect(documentRow(page, title)).toContainText(pl.knowledge.status.ready, { timeout: PROCESSING_TIMEOUT });
}

async function deleteDocument(page: Page, slug: string, title: string) {
  await page.goto(`/t/${slug}/knowledge`);
  await page.getByRole("button", { name: plText("knowledge.list.actionsFor", { title }) }).click();
  await page.getByRole("menuitem", { name: pl.knowledge.list.delete }).click();
  const confirm = page.getByRole("dialog", { name: plText("knowledge.list.confirmDelete", { title }) });
  await confirm.getByRole("button", { name: pl.knowledge.list.deleteConfirm }).click();
  await expect(page.getByText(plText("knowledge.list.deleted", { title }))).toBeVisible();
}

async function askPlayground(page: Page, question: string) {
  await page.getByLabel(pl.ai.ui.playground.label).fill(question);
  await page.getByRole("button", { name: pl.ai.ui.playground.submit, exact: true }).click();
}

test("a new company sees who answers, saves how the assistant writes and tries it on its knowledge base", async ({ page }) => {
  test.setTimeout(120_000);
  const owner = newAccount("Sklep AI");
  await page.goto("/sign-up");
  await submitSignUp(page, owner);
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+\/inbox$/);
  const slug = slugOf(page);
  const signature = `Zespół ${owner.shopName}`;

  await test.step("without a model configured, the built-in assistant answers, and the spend is shown against the budget", async () => {
    await page.getByRole("navigation", { name: pl.nav.mainNavigation }).getByRole("link", { name: pl.nav.ai }).click();
    await expect(page).toHaveURL(`/t/${slug}/ai`);
    await expect(page.getByRole("heading", { name: pl.nav.ai, level: 1 })).toBeVisible();
    await expect(page.getByText(pl.ai.ui.status.offline, { exact: true })).toBeVisible();
    await expect(page.locator("code", { hasText: "OPENAI_API_KEY" })).toBeVisible();
    await expect(page.getByRole("meter", { name: pl.ai.ui.status.spendMeter })).toHaveAttribute("aria-valuetext", /^0,00\s?zł z /);
  });

  await test.step("nothing is sent automatically by default; without channels the matrix says where to connect one", async () => {
    await expect(page.getByText(pl.ai.ui.autoSend.note)).toBeVisible();
    await expect(page.getByText(pl.ai.ui.autoSend.noChannels)).toBeVisible();
    await expect(page.getByRole("switch", { name: pl.ai.ui.settings.enabled })).toBeChecked();
  });

  await test.step("the tone, signature and an escalation word are saved and survive a reload", async () => {
    await page.getByLabel(pl.ai.ui.settings.tone).selectOption({ label: pl.ai.ui.settings.tones.formal });
    await page.getByLabel(pl.ai.ui.settings.signature).fill(signature);
    await page.getByLabel(pl.ai.ui.settings.keywords).fill("adwokat");
    await page.getByLabel(pl.ai.ui.settings.keywords).press("Enter");
    await expect(page.getByRole("list", { name: pl.ai.ui.settings.keywordList }).getByRole("listitem")).toHaveText([/^adwokat/]);
    await page.getByRole("button", { name: pl.common.save, exact: true }).click();
    await expect(page.getByText(pl.ai.ui.settings.saved)).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(pl.ai.ui.settings.signature)).toHaveValue(signature);
    await expect(page.getByLabel(pl.ai.ui.settings.tone)).toHaveValue("formal");
    await expect(page.getByRole("list", { name: pl.ai.ui.settings.keywordList }).getByRole("listitem")).toHaveText([/^adwokat/]);
  });

  await test.step("with an empty knowledge base, the playground says a person would have to answer", async () => {
    await askPlayground(page, QUESTION);
    await expect(page.getByRole("status").filter({ hasText: pl.ai.ui.playground.handoff })).toBeVisible();
  });

  const title = `Polityka wysyłki ${uniqueId()}`;
  await addTextDocument(page, slug, title);

  await test.step("after a shipping policy is added, the playground quotes the price with its source and the facts of the reply", async () => {
    await page.goto(`/t/${slug}/ai`);
    await askPlayground(page, QUESTION);
    const answer = page.getByRole("region", { name: pl.ai.ui.playground.answer });
    await expect(answer).toContainText("14,99 zł");
    await expect(answer).toContainText(signature);
    await expect(answer).toContainText(pl.ai.ui.status.offline);
    const sources = page.getByRole("list", { name: pl.ai.ui.sources.list });
    await expect(sources.getByRole("listitem")).toHaveCount(1);
    await expect(sources).toContainText(title);
    await expect(sources).toContainText("kurierem InPost");
    const facts = page.getByLabel(pl.ai.ui.facts.label);
    await expect(facts).toContainText(pl.ai.ui.intents.shipping);
    await expect(facts).toContainText(pl.ai.ui.tiers.fast);
    await expect(facts).toContainText("Polski");
    await expect(facts).toContainText(/0,00\s?zł/);
  });
});

test("a buyer's question gets an AI draft in the inbox, which the seller edits and sends", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/sign-in");
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL("/t/demo-shop/inbox");
  const title = `Dostawa ${uniqueId()}`;
  await addTextDocument(page, "demo-shop", title);

  const conversationList = page.getByRole("list", { name: pl.inbox.conversations });
  const buyer = `e2e_ai_${uniqueId()}`;
  const draft = page.getByRole("region", { name: pl.ai.ui.draft.title });

  try {
    await test.step("a seeded conversation the assistant could not answer is flagged for a person, with the reason", async () => {
      await page.goto("/t/demo-shop/inbox");
      const complaint = conversationList.getByRole("link", { name: /^kowalski_jan\b/ });
      const badge = complaint.getByText(pl.ai.ui.needsHuman);
      await expect(badge).toBeVisible({ timeout: DRAFT_TIMEOUT });
      // The reason is in the badge's tooltip (and read out after its label).
      await expect(badge).toHaveAttribute("title", /.+/);
    });

    await test.step("a buyer asks about delivery through the demo channel", async () => {
      await page.getByRole("button", { name: pl.inbox.simulate.open }).click();
      const dialog = page.getByRole("dialog", { name: pl.inbox.simulate.title });
      await dialog.getByLabel(pl.inbox.simulate.buyerName).fill(buyer);
      await dialog.getByLabel(pl.inbox.simulate.text).fill("Dzień dobry, ile kosztuje dostawa kurierem?");
      await dialog.getByRole("button", { name: pl.inbox.simulate.submit }).click();
      await expect(dialog).toBeHidden();
      await conversationList.getByRole("link", { name: new RegExp(`^${buyer}\\b`) }).click();
      await expect(page.getByRole("heading", { level: 2, name: buyer })).toBeVisible();
    });

    await test.step("the assistant's draft waits above the reply box: who wrote it, why it was not sent, and its source", async () => {
      await expect(draft).toBeVisible({ timeout: DRAFT_TIMEOUT });
      await expect(draft).toContainText(pl.ai.ui.status.offline);
      await expect(draft).toContainText(pl.ai.reasons.autoSendOff);
      await expect(draft.getByLabel(pl.ai.ui.draft.textLabel)).toHaveValue(/14,99 zł/);
      await expect(draft).toContainText(title);
      await draft.getByText(plText("ai.ui.sources.count", { count: 1 })).click();
      await expect(draft.getByRole("list", { name: pl.ai.ui.sources.list })).toContainText("kurierem InPost");
    });

    const edited = `Dzień dobry! Dostawa kurierem InPost kosztuje 14,99 zł, a paczkę wysyłamy w ciągu 24 godzin. (${uniqueId()})`;
    await test.step("the seller edits the draft and sends it; it appears in the thread marked as written by the AI", async () => {
      await draft.getByLabel(pl.ai.ui.draft.textLabel).fill(edited);
      await expect(draft).toContainText(pl.ai.ui.draft.edited);
      await draft.getByRole("button", { name: pl.ai.ui.draft.send, exact: true }).click();
      await expect(draft).toBeHidden();
      const message = page.getByRole("list", { name: pl.inbox.thread.timeline }).getByRole("article").filter({ hasText: edited });
      await expect(message).toContainText(pl.ai.ui.aiBadgeLabel);
      await expect(message).toContainText(pl.inbox.delivery.sent);
      await expect(page.getByRole("status").filter({ hasText: pl.ai.ui.draft.sent })).toBeAttached();
    });
  } finally {
    // The demo shop is shared with other specs: its knowledge base goes back to how it was.
    await deleteDocument(page, "demo-shop", title);
  }
});

test("an admin adds a webhook tool, keeps its one-time secret, tests it and reads the call log", async ({ page }) => {
  test.setTimeout(90_000);
  const owner = newAccount("Sklep narzędzia");
  await page.goto("/sign-up");
  await submitSignUp(page, owner);
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+\/inbox$/);
  const slug = slugOf(page);
  const name = "sprawdz_stan";
  await page.goto(`/t/${slug}/ai`);
  const section = page.getByRole("region", { name: pl.ai.ui.tools.title });
  await expect(section).toContainText(pl.ai.ui.tools.empty);

  await test.step("the tool is created and its secret is shown once, with how to verify the signature", async () => {
    await section.getByRole("button", { name: pl.ai.ui.tools.add }).click();
    const form = page.getByRole("form", { name: pl.ai.ui.tools.newTitle });
    await form.getByLabel(pl.ai.ui.tools.name, { exact: true }).fill(name);
    await form.getByLabel(pl.ai.ui.tools.url, { exact: true }).fill("http://127.0.0.1:9/hook");
    await form.getByLabel(pl.ai.ui.tools.description, { exact: true }).fill("Sprawdza stan magazynowy produktu po SKU.");
    await expect(form.getByLabel(pl.ai.ui.tools.parameters, { exact: true })).toHaveValue('{"type":"object","properties":{}}');
    await form.getByRole("button", { name: pl.ai.ui.tools.create }).click();
    await expect(form).toBeHidden();
    await expect(section.getByText(pl.ai.ui.tools.secretNote)).toBeVisible();
    await expect(section.getByLabel(pl.ai.ui.tools.secretLabel)).toHaveValue(/^whsec_/);
    await expect(section).toContainText("x-bokai-signature");
    await expect(section.getByRole("list", { name: pl.ai.ui.tools.list }).getByRole("listitem").first()).toContainText(name);
  });

  await test.step("a test call to a private address is refused, and the failure is shown", async () => {
    await section.getByRole("group", { name: plText("ai.ui.tools.actionsFor", { name }) }).getByRole("button", { name: pl.ai.ui.tools.test }).click();
    const dialog = page.getByRole("dialog", { name: plText("ai.ui.tools.testTitle", { name }) });
    await dialog.getByLabel(pl.ai.ui.tools.arguments).fill("nie json");
    await dialog.getByRole("button", { name: pl.ai.ui.tools.run }).click();
    await expect(dialog.getByText(pl.ai.ui.tools.argumentsInvalid)).toBeVisible();
    await dialog.getByLabel(pl.ai.ui.tools.arguments).fill('{"sku":"X"}');
    await dialog.getByRole("button", { name: pl.ai.ui.tools.run }).click();
    await expect(dialog.getByText(pl.ai.ui.tools.resultFailed)).toBeVisible({ timeout: 15_000 });
    await expect(dialog.locator("pre")).toContainText("error");
    await dialog.getByRole("button", { name: pl.common.close }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step("the call is in the tool's log", async () => {
    await section.getByText(pl.ai.ui.tools.calls, { exact: true }).click();
    const calls = section.getByRole("list", { name: plText("ai.ui.tools.callsList", { name }) });
    await expect(calls.getByRole("listitem")).toHaveCount(1);
    await expect(calls).toContainText(pl.ai.ui.tools.callFailed);
    await expect(calls).toContainText(pl.ai.ui.tools.callTest);
  });

  await test.step("the tool is deleted", async () => {
    await section.getByRole("group", { name: plText("ai.ui.tools.actionsFor", { name }) }).getByRole("button", { name: pl.ai.ui.tools.delete }).click();
    const confirm = page.getByRole("dialog", { name: plText("ai.ui.tools.confirmDelete", { name }) });
    await confirm.getByRole("button", { name: pl.ai.ui.tools.delete }).click();
    await expect(section.getByText(plText("ai.ui.tools.deleted", { name }))).toBeVisible();
    await expect(section).toContainText(pl.ai.ui.tools.empty);
  });
});
