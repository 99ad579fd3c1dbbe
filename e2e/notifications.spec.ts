import { expect, test, type Page, type Response } from "@playwright/test";
import { hasChromium, pl, plText, SKIP_REASON, signIn, uniqueId } from "./support";

test.skip(!hasChromium, SKIP_REASON);

const DEMO = { email: "demo@bok-ai.local", password: "demo1234" };
const INBOX = "/t/demo-shop/inbox";
/** The engine answers AI_DEBOUNCE_SECONDS (1 s here) after the message; the bell polls every 15 s. */
const NOTIFICATION_TIMEOUT = 40_000;
/** The seeded conversations are answered on the demo channel's first poll (a cron job, every minute). */
const SEED_TIMEOUT = 75_000;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The bell is named "Powiadomienia" or "Powiadomienia, nieprzeczytane: N". */
const bell = (page: Page) => page.getByRole("button", { name: new RegExp(`^${pl.notifications.ui.bell}`) });
const panel = (page: Page) => page.getByRole("dialog", { name: pl.notifications.ui.title });

/** The unread count the bell announces (0 when it announces none). */
async function shownCount(page: Page): Promise<number> {
  const label = (await bell(page).getAttribute("aria-label")) ?? "";
  const match = /(\d+)$/.exec(label);
  return match?.[1] ? Number(match[1]) : 0;
}

async function expectShown(page: Page, count: number) {
  await expect(bell(page)).toHaveAccessibleName(count > 0 ? plText("notifications.ui.bellUnread", { count }) : pl.notifications.ui.bell);
  if (count > 0) await expect(page.getByTestId("notification-count")).toHaveText(count > 99 ? "99+" : String(count));
  else await expect(page.getByTestId("notification-count")).toHaveCount(0);
}

const isUnreadCountCall = (response: Response) => {
  const { pathname } = new URL(response.url());
  return pathname.startsWith("/api/trpc/") && decodeURIComponent(pathname).includes("notifications.unreadCount");
};

/** Reloads the page and returns the unread count the server sent to the bell (a batched tRPC answer). */
async function reloadAndCount(page: Page): Promise<number> {
  const answer = page.waitForResponse(isUnreadCountCall);
  await page.reload();
  const response = await answer;
  const procedures = decodeURIComponent(new URL(response.url()).pathname.slice("/api/trpc/".length)).split(",");
  const body = (await response.json()) as { result?: { data?: { json?: unknown } } }[];
  const count = body[procedures.indexOf("notifications.unreadCount")]?.result?.data?.json;
  if (typeof count !== "number") throw new Error(`no unread count in ${JSON.stringify(body)}`);
  await expectShown(page, count);
  return count;
}

/** A buyer writes to the demo channel asking for a person; returns the new conversation's number. */
async function askForAPerson(page: Page, buyer: string): Promise<number> {
  await page.getByRole("button", { name: pl.inbox.simulate.open }).click();
  const dialog = page.getByRole("dialog", { name: pl.inbox.simulate.title });
  await dialog.getByLabel(pl.inbox.simulate.buyerName).fill(buyer);
  await dialog.getByLabel(pl.inbox.simulate.text).fill("Chcę rozmawiać z człowiekiem, a nie z botem.");
  await dialog.getByRole("button", { name: pl.inbox.simulate.submit }).click();
  await expect(dialog).toBeHidden();
  const done = page.getByText(new RegExp(escapeRegExp(pl.inbox.simulate.done).replace("\\{number\\}", "\\d+")));
  await expect(done).toBeVisible();
  const number = Number(/#(\d+)/.exec((await done.textContent()) ?? "")?.[1]);
  expect(number).toBeGreaterThan(0);
  return number;
}

test("an escalated conversation rings the bell, and its notification leads to the conversation", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/sign-in");
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(INBOX);

  // The seeded complaint is handed to a person (and rings the bell) on the first poll: this spec starts after it,
  // and counts from whatever earlier specs left.
  const complaint = page.getByRole("list", { name: pl.inbox.conversations }).getByRole("link", { name: /^kowalski_jan\b/ });
  await expect(complaint.getByText(pl.ai.ui.needsHuman)).toBeVisible({ timeout: SEED_TIMEOUT });
  const before = await reloadAndCount(page);
  const buyer = `e2e_powiadomienie_${uniqueId()}`;
  let number = 0;

  await test.step("the bell's panel is a dialog: it opens on its heading, and Escape closes it and returns focus", async () => {
    await bell(page).click();
    await expect(bell(page)).toHaveAttribute("aria-expanded", "true");
    await expect(panel(page)).toBeVisible();
    await expect(panel(page).getByRole("heading", { name: pl.notifications.ui.title })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(panel(page)).toBeHidden();
    await expect(bell(page)).toHaveAttribute("aria-expanded", "false");
    await expect(bell(page)).toBeFocused();
  });

  await test.step("a buyer asks the demo channel for a person; the built-in assistant hands the conversation over", async () => {
    number = await askForAPerson(page, buyer);
  });

  await test.step("the bell's unread badge goes up without a reload", async () => {
    await expect.poll(() => shownCount(page), { timeout: NOTIFICATION_TIMEOUT }).toBeGreaterThan(before);
  });

  const text = plText("notifications.ui.escalated", { number, buyer, reason: pl.ai.reasons.humanRequested });
  const notification = () => panel(page).getByRole("link", { name: new RegExp(escapeRegExp(text)) });

  await test.step("the panel lists the notification, unread, with why a person is needed and when", async () => {
    await bell(page).click();
    await expect(notification()).toBeVisible();
    await expect(notification()).toContainText(pl.notifications.ui.unread);
    await expect(notification().locator("time")).toBeVisible();
  });

  await test.step("opening it shows the conversation in the inbox, and the badge goes down by one", async () => {
    const count = await reloadAndCount(page);
    expect(count).toBeGreaterThan(0);
    await bell(page).click();
    await notification().click();
    await expect(panel(page)).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`${INBOX}\\?c=[0-9a-f-]{36}$`));
    await expect(page.getByRole("heading", { level: 2, name: buyer })).toBeVisible();
    await expectShown(page, count - 1);
    // The server agrees: after a reload the count is still one lower and the notification is read.
    expect(await reloadAndCount(page)).toBe(count - 1);
    await bell(page).click();
    await expect(notification()).toBeVisible();
    await expect(notification()).not.toContainText(pl.notifications.ui.unread);
  });

  await test.step("opening an escalated conversation from the list settles its notification as well", async () => {
    await page.keyboard.press("Escape");
    const before = await reloadAndCount(page);
    const another = `${buyer}_b`;
    await askForAPerson(page, another);
    await expect.poll(() => reloadAndCount(page), { timeout: NOTIFICATION_TIMEOUT, intervals: [2_000] }).toBe(before + 1);
    await page.getByRole("list", { name: pl.inbox.conversations }).getByRole("link", { name: new RegExp(`^${escapeRegExp(another)}\\b`) }).click();
    await expect(page.getByRole("heading", { level: 2, name: another })).toBeVisible();
    await expectShown(page, before);
    expect(await reloadAndCount(page)).toBe(before);
    await bell(page).click();
    await expect(panel(page)).toBeVisible();
  });

  await test.step("“mark all as read” clears the badge", async () => {
    const markAll = panel(page).getByRole("button", { name: pl.notifications.ui.markAllRead });
    if ((await shownCount(page)) > 0) {
      await markAll.click();
      await expectShown(page, 0);
    }
    await expect(markAll).toBeDisabled();
    await page.keyboard.press("Escape");
    expect(await reloadAndCount(page)).toBe(0);
  });
});
