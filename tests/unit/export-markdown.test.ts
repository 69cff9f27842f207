import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildNoticeText, noticeText, type NoticeInput } from "@/lib/exports/decision-notice.ts";
import { markdownTable } from "@/lib/exports/formats.ts";
import { markdownCell, markdownInline, markdownParagraphs, normalizeText } from "@/lib/exports/markdown.ts";
import { allElements, RENDERERS, renderBlocks, tableRows, unsafeMarkup, type Element, type Renderer } from "../support/markdown-render.ts";

/*
 * Typed text in Markdown exports renders, in two maintained renderers (raw HTML and every link
 * scheme allowed, so that only the escaping protects), as exactly the characters typed: no HTML
 * element, no Markdown formatting, no link but to http(s), and a table keeps its rows and cells.
 */

const HOSTILE = [
  "<img src=x onerror=alert(1)>",
  "[click](javascript:alert(1))",
  "| --- |",
  "`code` and ``more``",
  "*bold* **strong** _em_ __under__",
  "# heading",
  "line one\nline two",
  "a\r\nb\rc",
  "<script>alert(1)</script>",
  "</td></tr></table><b>x</b>",
  "<javascript:alert(1)>",
  "<data:text/html,<script>alert(1)</script>>",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "[x]: javascript:alert(1)\n\n[x]",
  "![img](https://example.com/a.png)",
  "!https://example.com/a.png",
  "www.example.com",
  "mailto:someone@example.org and someone@example.org",
  "ftp://example.com/file",
  "&amp; &lt;b&gt; &#60;script&#62; &#0;",
  "\\*not emphasis\\*",
  "~~struck~~ $math$ [^1]",
  "> quote",
  "- item\n+ item\n1. item\n2) item",
  "---",
  "===",
  "    indented code",
  "```\nfenced\n```",
  "trailing spaces  \nnext",
  "  leading and trailing  ",
  "a\u0000b",
  "lone \uD800 surrogate \uDC00",
  "emoji 😀 and é",
];

const ANCHORS = (blocks: Element[]) =>
  allElements(blocks)
    .filter((e) => e.tag === "a")
    .map((a) => ({ href: a.attrs.href, text: a.text }));

/** The paragraphs a text is read as: runs of lines between blank ones (white space only), each with its line breaks. */
function paragraphsOf(text: string): string[] {
  const groups: string[][] = [[]];
  for (const line of normalizeText(text).split("\n")) {
    if (/^[ \t]*$/.test(line)) groups.push([]);
    else groups[groups.length - 1]!.push(line);
  }
  return groups.filter((g) => g.length).map((g) => g.join("\n"));
}

function cellTable(renderer: Renderer, text: string) {
  const md = markdownTable.header(["A", "B"]) + markdownTable.row([text, "after"]);
  return renderBlocks(renderer, md);
}

describe.each(RENDERERS)("typed text in Markdown, rendered by $name", (renderer) => {
  it.each(HOSTILE)("a table cell holding %j renders as the same characters, inert, and the table keeps its shape", (text) => {
    const blocks = cellTable(renderer, text);
    expect(unsafeMarkup(blocks, ["table", "thead", "tbody", "tr", "th", "td", "br", "a"])).toEqual([]);
    expect(blocks.map((b) => b.tag)).toEqual(["table"]);
    expect(tableRows(blocks[0]!)).toEqual([
      ["A", "B"],
      [normalizeText(text), "after"],
    ]);
  });

  it.each(HOSTILE)("a paragraph holding %j renders as the same characters, with the same line breaks", (text) => {
    const blocks = renderBlocks(renderer, markdownParagraphs(`Why: ${text}`));
    expect(unsafeMarkup(blocks, ["p", "br", "a"])).toEqual([]);
    expect(blocks.map((b) => b.text)).toEqual(paragraphsOf(`Why: ${text}`));
  });

  it.each(HOSTILE)("a line (a heading's text) holding %j renders as the same characters on one line", (text) => {
    const blocks = renderBlocks(renderer, `# ${markdownInline(text)}\n`);
    expect(unsafeMarkup(blocks, ["h1", "a"])).toEqual([]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.text).toBe(normalizeText(text).replace(/\n/g, " "));
  });

  it("an http(s) address stays a link to that address, shown as typed; no other scheme becomes a link", () => {
    const text =
      "Evidence: https://example.com/thread?id=1&x=a_b_c (see HTTP://EXAMPLE.ORG/a%20b(c)), not javascript:alert(1), data:text/html,x, vbscript:x, file:///x, www.example.com or x@example.com.";
    const blocks = renderBlocks(renderer, markdownParagraphs(text));
    expect(blocks.map((b) => b.text)).toEqual([text]);
    expect(ANCHORS(blocks)).toEqual([
      { href: "https://example.com/thread?id=1&x=a_b_c", text: "https://example.com/thread?id=1&x=a_b_c" },
      { href: expect.stringMatching(/^HTTP:\/\/EXAMPLE\.ORG\/a%20b\(c\)$/i), text: "HTTP://EXAMPLE.ORG/a%20b(c)" },
    ]);
    expect(unsafeMarkup(blocks, ["p", "a"])).toEqual([]);
  });

  it("a huge cell (a megabyte of markup) is escaped in a few seconds at most (linear, never quadratic), on one line, and renders as its characters", () => {
    const unit = "<b>*_[x](javascript:1)|</b> https://example.com/(a)\n";
    const huge = unit.repeat(20_000);
    const started = performance.now();
    const cell = markdownCell(huge);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(cell).not.toContain("\n");
    const text = unit.repeat(500);
    const blocks = cellTable(renderer, text);
    expect(unsafeMarkup(blocks, ["table", "thead", "tbody", "tr", "th", "td", "br", "a"])).toEqual([]);
    expect(tableRows(blocks[0]!)[1]).toEqual([normalizeText(text), "after"]);
  }, 30_000);

  it("a decision notice's .md renders as the characters of its .txt, whatever the member's name and the rationale hold", () => {
    const input: NoticeInput = {
      caseNumber: "2026-0042",
      memberName: "<img src=x onerror=alert(1)> *Morgan* | --- |",
      level: "reminder",
      rationale: "See [click](javascript:alert(1)) and https://example.com/log.\n# Not a heading\n\n`rm -rf` _now_",
      standards: ["unprofessional"],
      space: "github",
      occurredAt: new Date("2026-03-01T10:00:00Z"),
      decidedAt: new Date("2026-03-04T10:00:00Z"),
      noContact: null,
    };
    const txt = noticeText(buildNoticeText(input));
    const blocks = renderBlocks(renderer, markdownParagraphs(txt));
    expect(unsafeMarkup(blocks, ["p", "br", "a"])).toEqual([]);
    expect(blocks.map((b) => b.text)).toEqual(paragraphsOf(txt));
    expect(ANCHORS(blocks)).toEqual([{ href: "https://example.com/log", text: "https://example.com/log" }]);
  });
});

describe("control characters and lone surrogates", () => {
  it("NUL, other C0 controls and lone surrogates become U+FFFD; line breaks become \\n; tab and pairs are kept", () => {
    expect(normalizeText("a\u0000b\u0007c\td\r\ne\rf\uD800g\uDC00h😀")).toBe("a\uFFFDb\uFFFDc\td\ne\nf\uFFFDg\uFFFDh😀");
  });

  it("an empty cell is a blank cell, not a broken row", () => {
    expect(markdownCell("")).toBe(" ");
    expect(markdownTable.row(["", "x"])).toBe("|   | x |\n");
  });
});

/*
 * Property: for random strings (arbitrary UTF-16, and strings built from Markdown and HTML
 * syntax, link schemes and white space), the output parsed back by each renderer shows exactly
 * the input text (normalised as above), with no raw HTML element and no link but to http(s).
 */
const TOKENS = [
  "<img src=x onerror=alert(1)>",
  "[click](javascript:alert(1))",
  "| --- |",
  "`",
  "*",
  "_",
  "#",
  "\n",
  "\r\n",
  "\r",
  " ",
  "\t",
  "https://",
  "http://example.com/a_b",
  "HTTPS://A.B/c(d)",
  "%da",
  "%20",
  "www.",
  "@",
  ":",
  "mailto:",
  "javascript:",
  "data:text/html,",
  "vbscript:",
  "file://",
  "&amp;",
  "&#0;",
  "\\",
  "~~",
  "$",
  "-",
  "=",
  "1.",
  ">",
  "<",
  "!",
  "[",
  "]",
  "(",
  ")",
  "a",
  "é",
  "\u0000",
  "\uD800",
  "<br>",
  "</td>",
  "***",
  "---",
  "```",
  "    ",
  "\u00a0",
  "\f",
  "\v",
  "\u2028",
  "x@y.org",
  ".",
  ",",
  "'",
  '"',
  "%",
  "{",
  "}",
  "^",
  "+",
];
const typed = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((a) => a.join("")),
);

describe.each(RENDERERS)("property: random typed text rendered by $name is exactly that text", (renderer) => {
  it("in a table cell: one table, its two cells, the text and the cell after it", () => {
    fc.assert(
      fc.property(typed, (s) => {
        const blocks = cellTable(renderer, s);
        expect(unsafeMarkup(blocks, ["table", "thead", "tbody", "tr", "th", "td", "br", "a"])).toEqual([]);
        expect(blocks).toHaveLength(1);
        expect(tableRows(blocks[0]!)).toEqual([
          ["A", "B"],
          [normalizeText(s), "after"],
        ]);
      }),
      { numRuns: 600 },
    );
  }, 60_000);

  it("as paragraphs: each paragraph's text with its line breaks", () => {
    fc.assert(
      fc.property(typed, (s) => {
        const blocks = renderBlocks(renderer, markdownParagraphs(s));
        expect(unsafeMarkup(blocks, ["p", "br", "a"])).toEqual([]);
        expect(blocks.map((b) => b.text)).toEqual(paragraphsOf(s));
      }),
      { numRuns: 600 },
    );
  }, 60_000);
});
