import { expect, test } from "@playwright/test";
import { hasChromium, newAccount, pl, plText, SKIP_REASON, slugOf, submitSignUp, uniqueId } from "./support";

test.skip(!hasChromium, SKIP_REASON);

test("a new company starts with an empty inbox, a test channel to try the assistant on, and the inbox settings to fill in", async ({ page }) => {
  const owner = newAccount("Sklep Ewy");
  await page.goto("/sign-up");
  await submitSignUp(page, owner);
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+\/inbox$/);
  const slug = slugOf(page);

  await test.step("the first steps are listed, none done yet, each a link to where it is done", async () => {
    const checklist = page.getByRole("region", { name: pl.onboarding.title });
    await expect(checklist).toContainText(plText("onboarding.progress", { done: 0, total: 4 }));
    await expect(checklist.getByRole("link", { name: pl.onboarding.steps.knowledge.title })).toHaveAttribute("href", `/t/${slug}/knowledge`);
    await expect(checklist.getByRole("link", { name: pl.onboarding.steps.channel.title })).toHaveAttribute("href", `/t/${slug}/settings/channels`);
    await expect(checklist.getByRole("listitem")).toHaveCount(4);
  });

  await test.step("the inbox explains that it is empty and where channels are connected", async () => {
    await expect(page.getByText(pl.inbox.empty.inboxTitle)).toBeVisible();
    await page.getByRole("link", { name: pl.inbox.empty.connectChannels }).click();
    await expect(page).toHaveURL(`/t/${slug}/settings/channels`);
  });

  await test.step("without Allegro credentials on the server, connecting is disabled and says why", async () => {
    const settingsNav = page.getByRole("navigation", { name: pl.settingsNav.label });
    await expect(settingsNav.getByRole("link", { name: pl.settingsNav.channels })).toHaveAttribute("aria-current", "page");
    // The one channel a new company has is its test channel, marked as such.
    const channels = page.getByRole("list", { name: pl.channels.listTitle });
    await expect(channels.getByRole("listitem")).toHaveCount(1);
    await expect(channels.getByRole("listitem")).toContainText(pl.channels.testChannel);
    await expect(channels.getByRole("button", { name: pl.channels.pollNow })).toHaveCount(0);
    const connect = page.getByRole("button", { name: pl.channels.connectAllegro });
    await expect(connect).toBeDisabled();
    await expect(connect).toHaveAccessibleDescription(pl.channels.allegroNotConfigured);
  });

  await test.step("the OAuth round trip's outcome is shown, and dismissing it cleans the address", async () => {
    await page.goto(`/t/${slug}/settings/channels?error=not_configured`);
    await expect(page.getByRole("alert").filter({ hasText: pl.channels.allegroNotConfigured })).toBeVisible();
    await page.goto(`/t/${slug}/settings/channels?connected=allegro`);
    const success = page.getByRole("status").filter({ hasText: pl.channels.connected });
    await expect(success).toBeVisible();
    await success.getByRole("button", { name: pl.channels.dismiss }).click();
    await expect(success).toBeHidden();
    await expect(page).toHaveURL(`/t/${slug}/settings/channels`);
  });

  await test.step("a sample question sent as a buyer on the test channel lands in the inbox", async () => {
    await page.goto(`/t/${slug}/inbox`);
    await page.getByRole("button", { name: pl.inbox.simulate.open }).click();
    const dialog = page.getByRole("dialog", { name: pl.inbox.simulate.title });
    await dialog.getByRole("group", { name: pl.inbox.simulate.samples }).getByRole("button", { name: pl.inbox.simulate.sample2 }).click();
    await expect(dialog.getByLabel(pl.inbox.simulate.text)).toHaveValue(pl.inbox.simulate.sample2);
    await dialog.getByRole("button", { name: pl.inbox.simulate.submit }).click();
    await expect(page.getByText(plText("inbox.simulate.done", { number: 1 }))).toBeVisible();
    await expect(page.getByRole("list", { name: pl.inbox.conversations })).toContainText(pl.inbox.simulate.sample2);
    // The checklist can be hidden, and stays hidden.
    const checklist = page.getByRole("region", { name: pl.onboarding.title });
    await checklist.getByRole("button", { name: pl.onboarding.dismiss }).click();
    await expect(checklist).toBeHidden();
    await page.reload();
    await expect(page.getByRole("list", { name: pl.inbox.conversations })).toContainText(pl.inbox.simulate.sample2);
    await expect(checklist).toBeHidden();
    await page.goto(`/t/${slug}/settings/channels`);
  });

  await test.step("response targets are edited in hours and kept", async () => {
    await page.getByRole("navigation", { name: pl.settingsNav.label }).getByRole("link", { name: pl.settingsNav.inbox }).click();
    await expect(page).toHaveURL(`/t/${slug}/settings/inbox`);
    const allegro = page.getByLabel(plText("inboxSettings.targetLabel", { channel: pl.inbox.channelKind.allegro }));
    await expect(allegro).toHaveValue("24");
    await allegro.fill("0");
    await page.getByRole("button", { name: pl.common.save, exact: true }).click();
    await expect(page.getByText(pl.inboxSettings.invalidTarget)).toBeVisible();
    await allegro.fill("12,5");
    await page.getByRole("button", { name: pl.common.save, exact: true }).click();
    await expect(page.getByText(pl.inboxSettings.targetsSaved)).toBeVisible();
    await page.reload();
    await expect(allegro).toHaveValue("12.5");
  });

  await test.step("canned replies are added, edited and deleted", async () => {
    const title = `Powitanie ${uniqueId()}`;
    await page.getByRole("button", { name: pl.inboxSettings.add }).click();
    const form = page.getByRole("form", { name: pl.inboxSettings.newCanned });
    await form.getByLabel(pl.inboxSettings.titleLabel).fill(title);
    await form.getByLabel(pl.inboxSettings.bodyLabel).fill("Dzień dobry {kupujacy}, tu {sklep}.");
    await form.getByRole("button", { name: pl.inboxSettings.add }).click();
    const list = page.getByRole("list", { name: pl.inboxSettings.cannedTitle });
    await expect(list.getByRole("listitem").filter({ hasText: title })).toContainText("Dzień dobry {kupujacy}, tu {sklep}.");

    await list.getByRole("button", { name: `${pl.inboxSettings.edit} ${title}` }).click();
    const editForm = page.getByRole("form", { name: plText("inboxSettings.editTitle", { title }) });
    await editForm.getByLabel(pl.inboxSettings.bodyLabel).fill("Dzień dobry {buyer}!");
    await editForm.getByRole("button", { name: pl.common.save, exact: true }).click();
    await expect(list.getByRole("listitem").filter({ hasText: title })).toContainText("Dzień dobry {buyer}!");

    await list.getByRole("button", { name: `${pl.common.remove} ${title}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: pl.common.remove }).click();
    await expect(page.getByText(pl.inboxSettings.cannedEmpty)).toBeVisible();
  });
});
