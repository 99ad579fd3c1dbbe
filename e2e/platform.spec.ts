import { expect, test } from "@playwright/test";
import { hasChromium, newAccount, pl, signIn, SKIP_REASON, slugOf, submitSignUp } from "./support";

test.skip(!hasChromium, SKIP_REASON);

const DEMO = { email: "demo@bok-ai.local", password: "demo1234" };

test("the platform owner sees each company's economics, suspends one (its members see why) and restores it", async ({ page, browser }) => {
  const sellerContext = await browser.newContext();
  const seller = await sellerContext.newPage();
  await seller.goto("/sign-up");
  await submitSignUp(seller, newAccount("Sklep Zuzy"));
  await expect(seller).toHaveURL(/\/t\/[a-z0-9-]+\/inbox$/);
  const slug = slugOf(seller);

  await page.goto("/sign-in");
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL("/t/demo-shop/inbox");
  await page.goto("/platform");
  await expect(page.getByRole("heading", { name: pl.platform.totals.title })).toBeVisible();
  await expect(page.getByText(pl.platform.totals.infraHint)).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: slug, exact: true }) });
  await expect(row.getByRole("cell", { name: "Basic", exact: true })).toBeVisible();

  await row.getByRole("button", { name: pl.platform.suspend }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(pl.platform.reason).fill("Naruszenie regulaminu");
  await dialog.getByRole("button", { name: pl.platform.suspend }).click();
  await expect(row.getByText(pl.platform.suspended, { exact: true })).toBeVisible();

  await seller.reload();
  await expect(seller.getByRole("heading", { name: pl.suspended.title })).toBeVisible();
  await expect(seller.getByText("Naruszenie regulaminu")).toBeVisible();

  await row.getByRole("button", { name: pl.platform.unsuspend }).click();
  await expect(row.getByRole("button", { name: pl.platform.suspend })).toBeVisible();
  await seller.reload();
  await expect(seller.getByRole("heading", { name: pl.inbox.title })).toBeVisible();
  await sellerContext.close();
});
