import { expect, test } from "@playwright/test";
import {
  expectCurrentTenant,
  hasChromium,
  newAccount,
  pl,
  plText,
  SKIP_REASON,
  slugOf,
  submitSignUp,
  switchTenant,
} from "./support";

test.skip(!hasChromium, SKIP_REASON);

test("a new seller invites a teammate, who signs up through the link, joins and switches companies", async ({
  page,
  browser,
  baseURL,
}) => {
  const owner = newAccount("Sklep Anny");
  const teammate = newAccount("Sklep Basi");

  await test.step("the owner signs up and lands in the new company's inbox", async () => {
    await page.goto("/sign-up");
    await submitSignUp(page, owner);
    await expect(page).toHaveURL(/\/t\/[a-z0-9-]+\/inbox$/);
    await expectCurrentTenant(page, owner.shopName);
    await expect(page.getByRole("heading", { level: 1, name: pl.nav.inbox })).toBeVisible();
  });
  const ownerSlug = slugOf(page);

  let inviteLink = "";
  await test.step("the owner invites the teammate from the Team page", async () => {
    await page.getByRole("navigation", { name: pl.nav.mainNavigation }).getByRole("link", { name: pl.nav.members }).click();
    await expect(page).toHaveURL(`/t/${ownerSlug}/members`);
    await page.getByLabel(pl.members.email).fill(teammate.email);
    await page.getByRole("button", { name: pl.members.invite, exact: true }).click();
    const link = page.getByTestId("invite-link");
    await expect(link).toContainText("/invite/");
    inviteLink = (await link.textContent()) ?? "";
    await expect(page.getByRole("listitem").filter({ hasText: teammate.email })).toBeVisible();
  });
  expect(inviteLink).toMatch(/^http:\/\/localhost:3210\/invite\/[\w-]{20,}$/);
  const invitationPath = new URL(inviteLink).pathname;

  const teammateContext = await browser.newContext({ baseURL, locale: "pl-PL", timezoneId: "Europe/Warsaw" });
  const teammatePage = await teammateContext.newPage();

  await test.step("the teammate opens the link signed out and signs up from it", async () => {
    await teammatePage.goto(inviteLink);
    await expect(teammatePage.getByRole("heading", { name: plText("invitation.title", { tenant: owner.shopName }) })).toBeVisible();
    await teammatePage.getByRole("link", { name: pl.auth.signUp }).click();
    await expect(teammatePage).toHaveURL(/\/sign-up\?/);
    await expect(teammatePage.getByLabel(pl.auth.email)).toHaveValue(teammate.email);
    await submitSignUp(teammatePage, teammate);
    // callbackUrl brings the new account back to the invitation, not into its own company.
    await expect(teammatePage).toHaveURL(invitationPath);
  });

  await test.step("the teammate joins and sees the owner's inbox", async () => {
    await teammatePage.getByRole("button", { name: pl.invitation.accept, exact: true }).click();
    await expect(teammatePage).toHaveURL(`/t/${ownerSlug}/inbox`);
    await expectCurrentTenant(teammatePage, owner.shopName);
  });

  await test.step("the teammate switches to their own company and back", async () => {
    await switchTenant(teammatePage, teammate.shopName);
    // Any inbox URL except the one we are on, or the check would pass before navigating.
    await expect(teammatePage).toHaveURL(new RegExp(`/t/(?!${ownerSlug}/)[a-z0-9-]+/inbox$`));
    await expectCurrentTenant(teammatePage, teammate.shopName);
    expect(slugOf(teammatePage)).not.toBe(ownerSlug);

    await switchTenant(teammatePage, owner.shopName);
    await expect(teammatePage).toHaveURL(`/t/${ownerSlug}/inbox`);
    await expectCurrentTenant(teammatePage, owner.shopName);
  });

  await test.step("the owner sees the teammate in the team and the invitation is used up", async () => {
    await page.reload();
    const row = page.getByRole("row").filter({ hasText: teammate.email });
    await expect(row).toBeVisible();
    const roleButton = row.getByRole("button", { name: plText("members.changeRoleFor", { name: teammate.name }) });
    await expect(roleButton).toHaveText(pl.roles.member);

    await roleButton.click();
    await page.getByRole("option", { name: pl.roles.admin }).click();
    await expect(page.getByText(pl.members.roleUpdated)).toBeVisible();
    await page.reload();
    await expect(roleButton).toHaveText(pl.roles.admin);
    await expect(page.getByText(pl.members.noInvitations)).toBeVisible();
  });

  await teammateContext.close();
});
