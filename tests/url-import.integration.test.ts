import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { callerFor, seedTenant, type SeededTenant } from "./support/fixtures";
import { drainInlineJobs } from "@/server/infra/jobs";
import { tenantDb } from "@/server/db/tenant-scope";
import { createDocumentFromUrl } from "@/server/knowledge/document-service";
import { fetchPublicDocument } from "@/server/knowledge/url-import";
import { retrieveChunks } from "@/server/knowledge/retrieval";
import { AppError } from "@/lib/errors";

/**
 * "Add from URL" against a real local HTTP server. The server is on 127.0.0.1, which the
 * import refuses by default (that refusal is tested here too); the happy-path tests pass
 * an explicit allow-list naming only that address, exactly as nothing in production does.
 */
let db: TestDatabase;
let shop: SeededTenant;
let server: http.Server;
let base: string;
const ALLOW_TEST_SERVER = { allowAddresses: ["127.0.0.1"] };

const PAGE = `<!doctype html><html><head><title>Dostawa i płatności</title><script>alert("x")</script></head>
<body><nav>Menu Sklep Koszyk</nav><main><article><h1>Dostawa</h1>
<p>Paczki wysyłamy kurierem InPost w ciągu 24 godzin od zaksięgowania wpłaty. Koszt dostawy to 14,99 zł, a od 200 zł dostawa jest darmowa.</p>
<p>Paczkomaty InPost obsługują przesyłki do 25 kg. Zamówienia złożone w weekend wysyłamy w poniedziałek.</p>
</article></main><footer>© Sklep</footer></body></html>`;

beforeAll(async () => {
  db = await openTestDatabase();
  shop = await seedTenant(db, "url");
  server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    if (path === "/dostawa") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    if (path === "/stara-dostawa") return res.writeHead(301, { location: "/dostawa" }).end();
    if (path === "/do-metadanych") return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    // 127.0.0.1 is allowed for this server, so the loopback hop uses IPv6 and a LAN address.
    if (path === "/do-loopback") return res.writeHead(302, { location: "http://[::1]:6379/" }).end();
    if (path === "/do-lan") return res.writeHead(307, { location: "http://192.168.0.1/admin" }).end();
    if (path === "/do-pliku") return res.writeHead(302, { location: "file:///etc/passwd" }).end();
    if (path === "/petla") return res.writeHead(302, { location: "/petla" }).end();
    if (path === "/obraz") return res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(100));
    if (path === "/duzy") {
      // No Content-Length: the limit must hold while streaming.
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (sent < 40 && res.write(chunk)) sent++;
        if (sent < 40) res.once("drain", pump);
        else res.end();
      };
      return pump();
    }
    if (path === "/wolno") return void setTimeout(() => res.writeHead(200, { "content-type": "text/plain" }).end("późno"), 3_000);
    res.writeHead(404, { "content-type": "text/html" }).end("<h1>Nie ma</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await drainInlineJobs();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
});

async function errorKeyOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).key;
}

describe("SSRF guard", () => {
  it.each([
    ["ftp://example.com/file.txt", "knowledge.errors.urlInvalid"],
    ["file:///etc/passwd", "knowledge.errors.urlInvalid"],
    ["javascript:alert(1)", "knowledge.errors.urlInvalid"],
    ["http://user:secret@example.com/", "knowledge.errors.urlInvalid"],
    ["not a url", "knowledge.errors.urlInvalid"],
  ])("refuses %s before connecting", async (url, key) => {
    expect(await errorKeyOf(fetchPublicDocument(url, { maxBytes: 1_000_000 }))).toBe(key);
  });

  it.each([
    "http://127.0.0.1:5432/",
    "http://localhost:6379/",
    "http://[::1]/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0/",
    "http://[::ffff:127.0.0.1]/",
    "http://[fd00::1]/",
    "http://2130706433/",
  ])("refuses the private, loopback or link-local address %s", async (url) => {
    expect(await errorKeyOf(fetchPublicDocument(url, { maxBytes: 1_000_000, timeoutMs: 3_000 }))).toBe("knowledge.errors.urlBlocked");
  });

  it("refuses the local test server itself without the explicit allow-list", async () => {
    expect(await errorKeyOf(fetchPublicDocument(`${base}/dostawa`, { maxBytes: 1_000_000 }))).toBe("knowledge.errors.urlBlocked");
  });

  it("re-checks every redirect: a public page cannot send us to metadata, loopback, the LAN or file://", async () => {
    for (const path of ["/do-metadanych", "/do-loopback", "/do-lan", "/do-pliku"]) {
      expect(await errorKeyOf(fetchPublicDocument(`${base}${path}`, { maxBytes: 1_000_000, timeoutMs: 3_000, ...ALLOW_TEST_SERVER }))).toBe(
        "knowledge.errors.urlBlocked",
      );
    }
  });
});

describe("fetching", () => {
  it("follows a redirect and names the file after the final address", async () => {
    const page = await fetchPublicDocument(`${base}/stara-dostawa`, { maxBytes: 1_000_000, ...ALLOW_TEST_SERVER });
    expect(page).toMatchObject({ mimeType: "text/html", fileName: "dostawa.html", finalUrl: `${base}/dostawa` });
    expect(Buffer.from(page.bytes).toString("utf8")).toContain("InPost");
  });

  it("bounds redirects, size, time and type with clear errors", async () => {
    const opts = { maxBytes: 1_000_000, ...ALLOW_TEST_SERVER };
    expect(await errorKeyOf(fetchPublicDocument(`${base}/petla`, opts))).toBe("knowledge.errors.urlTooManyRedirects");
    expect(await errorKeyOf(fetchPublicDocument(`${base}/duzy`, opts))).toBe("knowledge.errors.tooLarge");
    expect(await errorKeyOf(fetchPublicDocument(`${base}/wolno`, { ...opts, timeoutMs: 500 }))).toBe("knowledge.errors.urlTimeout");
    expect(await errorKeyOf(fetchPublicDocument(`${base}/obraz`, opts))).toBe("knowledge.errors.urlNotText");
    expect(await errorKeyOf(fetchPublicDocument(`${base}/brak`, opts))).toBe("knowledge.errors.urlHttpError");
    expect(await errorKeyOf(fetchPublicDocument("http://nonexistent.invalid/", opts))).toBe("knowledge.errors.urlUnreachable");
  });
});

describe("createDocumentFromUrl", () => {
  it("stores the page's readable text (no scripts, no menus) and makes it searchable", async () => {
    const scoped = tenantDb(db.prisma, shop.tenant.id);
    const doc = await createDocumentFromUrl(db, scoped, shop.tenant.id, shop.owner.id, { url: `${base}/stara-dostawa` }, ALLOW_TEST_SERVER);
    expect(doc).toMatchObject({ source: "url", title: "Dostawa i płatności", sourceUrl: `${base}/dostawa`, status: "queued" });
    await drainInlineJobs();
    const ready = await callerFor(db, shop.owner).knowledgeBase.get({ tenantSlug: shop.tenant.slug, documentId: doc.id });
    expect(ready.status).toBe("ready");
    expect(ready.text).toContain("14,99 zł");
    expect(ready.text).not.toContain("alert(");
    const hits = await retrieveChunks(scoped, "ile kosztuje wysylka kurierem?", { k: 3 });
    expect(hits[0]?.documentId).toBe(doc.id);
  });

  it("stores nothing when the page cannot be fetched", async () => {
    const caller = callerFor(db, shop.owner);
    const before = (await caller.knowledgeBase.list({ tenantSlug: shop.tenant.slug })).length;
    await expect(caller.knowledgeBase.createFromUrl({ tenantSlug: shop.tenant.slug, url: "http://169.254.169.254/latest/meta-data/" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.knowledgeBase.createFromUrl({ tenantSlug: shop.tenant.slug, url: "gopher://example.com" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await caller.knowledgeBase.list({ tenantSlug: shop.tenant.slug })).length).toBe(before);
  });
});
