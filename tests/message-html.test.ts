import { describe, expect, it } from "vitest";
import { htmlToText, sanitizeMessageHtml } from "@/server/inbox/message-html";

describe("rich message HTML", () => {
  it("keeps formatting and safe links, drops scripts, handlers, styles, forms and images", () => {
    const dirty = [
      `<p style="color:red" onclick="steal()">Dzień <b>dobry</b>, <a href="https://shop.example/z?a=1" target="_self" onmouseover="x()">zamówienie</a></p>`,
      `<script>alert(document.cookie)</script><img src="https://tracker.example/p.gif" onerror="x()">`,
      `<a href="javascript:alert(1)">klik</a><a href="//evil.example">rel</a><iframe src="https://evil.example"></iframe>`,
      `<form action="https://evil.example"><input name="card"></form><ul><li>jeden</li></ul>`,
    ].join("");
    const clean = sanitizeMessageHtml(dirty);
    expect(clean).toContain("<b>dobry</b>");
    const link = /<a ([^>]*)>zamówienie<\/a>/.exec(clean)?.[1] ?? "";
    expect(link.split(" ").sort()).toEqual(['href="https://shop.example/z?a=1"', 'noopener', 'noreferrer"', 'rel="nofollow', 'target="_blank"']);
    expect(clean).toContain("<ul><li>jeden</li></ul>");
    for (const bad of ["<script", "onclick", "onerror", "onmouseover", "style=", "<img", "javascript:", "//evil", "<iframe", "<form", "<input", "_self"]) {
      expect(clean).not.toContain(bad);
    }
  });

  it("gives the words for search and the AI engine", () => {
    expect(htmlToText("<p>Dzień dobry,</p><p>czy <b>rozmiar M</b> jest dostępny?&nbsp;Pozdrawiam<br>Ola</p><script>x()</script>")).toBe(
      "Dzień dobry,\nczy rozmiar M jest dostępny? Pozdrawiam\nOla",
    );
  });
});
