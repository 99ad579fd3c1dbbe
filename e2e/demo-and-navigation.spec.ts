import { expect, test } from "@playwright/test";
import { en, expectCurrentTenant, hasChromium, pl, SKIP_REASON, signIn } from "./support";

test.skip(!hasChromium, SKIP_REASON);

const DEMO = { email: "demo@bok-ai.local", password: "demo1234" };

test("the demo seller signs in, meets a helpful 404 for a foreign company and switches the UI to English", async ({ page, browser, baseURL }) => {
  await test.step("a protected page sends a signed-out visitor to sign-in and back", async () => {
    await page.goto("/t/demo-shop/members");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Ft%2Fdemo-shop/);
    await signIn(page, DEMO.email, DEMO.password);
    await expect(page).toHaveURL("/t/demo-shop/inbox");
    await expectCurrentTenant(page, "Demo Shop");
  });

  await test.step("the platform owner sees the platform panel link", async () => {
    await expect(page.getByRole("link", { name: pl.nav.platform })).toBeVisible();
  });

  await test.step("an unknown company address shows the not-found page with a way back", async () => {
    await page.goto("/t/does-not-exist/inbox");
    await expect(page.getByRole("heading", { name: pl.notFound.title })).toBeVisible();
    await page.getByRole("link", { name: /Demo Shop/ }).click();
    await expect(page).toHaveURL("/t/demo-shop/inbox");
  });

  await test.step("choosing English in the user menu translates the navigation, and it sticks", async () => {
    const polishNav = page.getByRole("navigation", { name: pl.nav.mainNavigation });
    await expect(polishNav.getByRole("link", { name: pl.nav.inbox })).toBeVisible();
    await page.getByRole("button", { name: pl.nav.userMenu }).click();
    await page.getByRole("menuitem", { name: en.languages.en }).click();
    const englishNav = page.getByRole("navigation", { name: en.nav.mainNavigation });
    await expect(englishNav.getByRole("link", { name: en.nav.inbox })).toBeVisible();
    await expect(englishNav.getByRole("link", { name: en.nav.members })).toBeVisible();
    await page.reload();
    await expect(englishNav.getByRole("link", { name: en.nav.inbox })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  await test.step("the platform panel lists the demo company", async () => {
    await page.getByRole("link", { name: en.nav.platform }).click();
    await expect(page.getByRole("heading", { level: 1, name: en.platform.title })).toBeVisible();
    await expect(page.getByRole("cell", { name: "demo-shop", exact: true })).toBeVisible();
  });

  await test.step("an English browser still gets Polish; once signed in, the account's choice applies, and changing it is kept", async () => {
    const elsewhere = await browser.newContext({ baseURL, locale: "en-US" });
    try {
      const other = await elsewhere.newPage();
      await other.goto("/sign-in");
      await expect(other.locator("html")).toHaveAttribute("lang", "pl");
      await signIn(other, DEMO.email, DEMO.password);
      await expect(other.getByRole("navigation", { name: en.nav.mainNavigation }).getByRole("link", { name: en.nav.inbox })).toBeVisible();
      // Back to Polish for the account: the demo seller is shared with the other specs.
      await other.getByRole("button", { name: en.nav.userMenu }).click();
      await other.getByRole("menuitem", { name: pl.languages.pl }).click();
      await expect(other.getByRole("navigation", { name: pl.nav.mainNavigation }).getByRole("link", { name: pl.nav.inbox })).toBeVisible();
    } finally {
      await elsewhere.close();
    }
    const fresh = await browser.newContext({ baseURL, locale: "en-US" });
    try {
      const again = await fresh.newPage();
      await again.goto("/sign-in");
      await signIn(again, DEMO.email, DEMO.password);
      await expect(again.getByRole("navigation", { name: pl.nav.mainNavigation }).getByRole("link", { name: pl.nav.inbox })).toBeVisible();
    } finally {
      await fresh.close();
    }
  });
});
