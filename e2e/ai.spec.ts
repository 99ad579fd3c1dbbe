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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A dictionary text with its {placeholders} matching anything, anchored. */
const messagePattern = (text: string) => new RegExp(`^${escapeRegExp(text).replace(/\\\{\w+\\\}/g, ".+")}$`);

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

  await test.step("nothing is sent automatically by default, not even on the new company's test channel", async () => {
    await expect(page.getByText(pl.ai.ui.autoSend.note)).toBeVisible();
    const shippingOnTest = page.getByRole("checkbox", { name: plText("ai.ui.autoSend.cell", { intent: pl.ai.ui.intents.shipping, channel: pl.inbox.channelKind.demo }) });
    await expect(shippingOnTest).toBeVisible();
    await expect(shippingOnTest).not.toBeChecked();
    await expect(page.getByRole("checkbox", { checked: true })).toHaveCount(0);
    await expect(page.getByRole("switch", { name: pl.ai.ui.settings.enabled })).toBeChecked();
  });

  await test.step("the tone, signature and an escalation word are saved and survive a reload", async () => {
    await page.getByLabel(pl.ai.ui.settings.tone).selectOption({ label: pl.ai.ui.settings.tones.formal });
    await page.getByLabel(pl.ai.ui.settings.address).selectOption({ label: pl.ai.ui.settings.addresses.pan_pani });
    await page.getByLabel(pl.ai.ui.settings.signature).fill(signature);
    await page.getByLabel(pl.ai.ui.settings.keywords).fill("adwokat");
    await page.getByLabel(pl.ai.ui.settings.keywords).press("Enter");
    await expect(page.getByRole("list", { name: pl.ai.ui.settings.keywordList }).getByRole("listitem")).toHaveText([/^adwokat/]);
    // The model section has its own Save button: this one is the settings form's.
    await page.getByRole("form", { name: pl.ai.ui.settings.title }).getByRole("button", { name: pl.common.save, exact: true }).click();
    await expect(page.getByText(pl.ai.ui.settings.saved)).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(pl.ai.ui.settings.signature)).toHaveValue(signature);
    await expect(page.getByLabel(pl.ai.ui.settings.tone)).toHaveValue("formal");
    await expect(page.getByLabel(pl.ai.ui.settings.address)).toHaveValue("pan_pani");
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
    await test.step("the seller edits the draft and sends it; it appears in the thread as the seller's, based on an AI draft", async () => {
      await draft.getByLabel(pl.ai.ui.draft.textLabel).fill(edited);
      await expect(draft).toContainText(pl.ai.ui.draft.edited);
      // An edit in progress survives a reload.
      await page.reload();
      await expect(draft.getByLabel(pl.ai.ui.draft.textLabel)).toHaveValue(edited, { timeout: DRAFT_TIMEOUT });
      // Ctrl+Enter in an AI draft asks first (until the seller chooses otherwise).
      await draft.getByLabel(pl.ai.ui.draft.textLabel).press("Control+Enter");
      const confirm = draft.getByRole("alertdialog", { name: pl.ai.ui.draft.confirmSend });
      await expect(confirm).toBeVisible();
      await confirm.getByRole("button", { name: pl.common.cancel }).click();
      await expect(confirm).toBeHidden();
      await expect(draft.getByLabel(pl.ai.ui.draft.textLabel)).toHaveValue(edited);
      await draft.getByRole("button", { name: pl.ai.ui.draft.send, exact: true }).click();
      await expect(draft).toBeHidden();
      const message = page.getByRole("list", { name: pl.inbox.thread.timeline }).getByRole("article").filter({ hasText: edited });
      await expect(message).toContainText(pl.ai.ui.basedOnDraft);
      await expect(message).not.toContainText(pl.ai.ui.aiBadgeLabel);
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

test("an admin brings an own OpenAI key, which is never shown again, goes back to the platform's models and routes escalations", async ({ page }) => {
  test.setTimeout(90_000);
  const owner = newAccount("Sklep klucz");
  await page.goto("/sign-up");
  await submitSignUp(page, owner);
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+\/inbox$/);
  const slug = slugOf(page);
  const apiKey = `sk-test-0123456789abcdefghij-${uniqueId()}`;
  // Every tRPC answer the browser gets while the key is set, to check none of them carries it.
  const answers: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/api/trpc/")) answers.push(response.text().catch(() => ""));
  });

  await page.goto(`/t/${slug}/ai`);
  const section = page.getByRole("region", { name: pl.ai.ui.model.title });
  const radio = (provider: "platform" | "openai" | "anthropic") => section.getByRole("radio", { name: pl.ai.ui.model.providers[provider] });
  const keyInput = section.getByLabel(pl.ai.ui.model.apiKey);
  const save = section.getByRole("button", { name: pl.common.save, exact: true });

  await test.step("the platform's models are the default; an own key is explained to bypass the plan's budget", async () => {
    await expect(radio("platform")).toBeChecked();
    await expect(section).toContainText(pl.ai.ui.model.platformHint);
    await radio("openai").check();
    await expect(section).toContainText(pl.ai.ui.model.ownKeyHint);
    await expect(keyInput).toHaveAttribute("type", "password");
    await expect(keyInput).toHaveAttribute("autocomplete", "off");
    await expect(keyInput).toHaveValue("");
    await expect(section.getByLabel(pl.ai.ui.model.modelFast)).toHaveAttribute("placeholder", "gpt-4o-mini");
    await expect(section.getByLabel(pl.ai.ui.model.modelSmart)).toHaveAttribute("placeholder", "gpt-4.1");
    await radio("anthropic").check();
    await expect(section.getByLabel(pl.ai.ui.model.modelFast)).toHaveAttribute("placeholder", "claude-haiku-4-5");
    await radio("openai").check();
  });

  await test.step("saving an own provider without a key asks for the key", async () => {
    await save.click();
    await expect(section.getByText(pl.ai.errors.apiKeyRequired)).toBeVisible();
  });

  await test.step("the key is saved: the input is emptied, the page only says when it was saved and never contains it", async () => {
    await keyInput.fill(apiKey);
    await save.click();
    await expect(section.getByText(pl.ai.ui.model.saved)).toBeVisible();
    await expect(section.getByText(messagePattern(pl.ai.ui.model.keySaved))).toBeVisible();
    await expect(keyInput).toHaveValue("");
    expect(await page.content()).not.toContain(apiKey);
    // The status card now names the tenant's own OpenAI account.
    await expect(page.getByText(plText("ai.ui.status.modelProvider", { provider: "OpenAI" }))).toBeVisible();
    await expect(page.getByText(pl.ai.ui.status.ownKey, { exact: true })).toBeVisible();
    await page.reload();
    await expect(radio("openai")).toBeChecked();
    await expect(section.getByText(messagePattern(pl.ai.ui.model.keySaved))).toBeVisible();
    await expect(keyInput).toHaveValue("");
    expect(await page.content()).not.toContain(apiKey);
    for (const answer of await Promise.all(answers)) expect(answer).not.toContain(apiKey);
  });

  await test.step("back to the platform's models: the stored key is deleted", async () => {
    await radio("platform").check();
    await expect(section.getByText(pl.ai.ui.model.removesKey)).toBeVisible();
    await save.click();
    await expect(section.getByText(pl.ai.ui.model.saved)).toBeVisible();
    await expect(keyInput).toHaveCount(0);
    await expect(page.getByText(pl.ai.ui.status.offline, { exact: true })).toBeVisible();
    await page.reload();
    await expect(radio("platform")).toBeChecked();
    await radio("openai").check();
    await expect(section.getByText(pl.ai.ui.model.apiKeyHint)).toBeVisible();
    await expect(section.getByText(messagePattern(pl.ai.ui.model.keySaved))).toHaveCount(0);
  });

  await test.step("complaints go to the owner, every other topic too: the rules survive a reload", async () => {
    const form = page.getByRole("form", { name: pl.ai.ui.settings.title });
    const topic = (index: number) => form.getByLabel(plText("ai.ui.escalation.topic", { index }));
    const assignee = (index: number) => form.getByLabel(plText("ai.ui.escalation.assignee", { index }));
    await expect(form).toContainText(pl.ai.ui.escalation.none);
    await form.getByRole("button", { name: pl.ai.ui.escalation.add }).click();
    await expect(topic(1)).toHaveValue("*");
    await expect(topic(1)).toBeFocused();
    await topic(1).selectOption({ label: pl.ai.ui.intents.complaint });
    await expect(assignee(1).locator("option:checked")).toHaveText(owner.name);
    await form.getByRole("button", { name: pl.ai.ui.escalation.add }).click();
    await topic(2).selectOption({ label: pl.ai.ui.escalation.anyTopic });
    await form.getByRole("button", { name: pl.ai.ui.escalation.add }).click();
    await topic(3).selectOption({ label: pl.ai.ui.intents.shipping });
    // Anything after "every topic" can never apply, and the form says so.
    await expect(form.getByText(pl.ai.ui.escalation.shadowed)).toHaveCount(1);
    await form.getByRole("button", { name: plText("ai.ui.escalation.remove", { index: 3 }) }).click();
    await expect(topic(3)).toHaveCount(0);
    await form.getByRole("button", { name: pl.common.save, exact: true }).click();
    await expect(form.getByText(pl.ai.ui.settings.saved)).toBeVisible();
    await page.reload();
    await expect(topic(1)).toHaveValue("complaint");
    await expect(topic(2)).toHaveValue("*");
    await expect(topic(3)).toHaveCount(0);
    await expect(assignee(2).locator("option:checked")).toHaveText(owner.name);
  });
});
