/*
 * Text a person typed (names, rationales, public summaries, reasons, handles) written into
 * Markdown so that a CommonMark or GitHub Flavored Markdown renderer shows exactly those
 * characters, as inert text:
 * - no raw HTML: `<`, `>` and `&` become entities, so `<img src=x onerror=…>` is text;
 * - no Markdown syntax: the characters that open emphasis, code, links, images, footnotes,
 *   strikethrough, math, table cells and HTML are backslash-escaped everywhere, and those that
 *   open a block (headings, quotes, lists, thematic breaks, setext underlines, fences) where a
 *   line starts; leading and trailing white space (which renderers trim, or read as an
 *   indented code block or a hard break) is written as numeric character references;
 * - links only to http(s): a typed `http://` or `https://` address becomes a link
 *   `[https\://…](https://…)` (whose text is the address exactly as typed); every other way a renderer
 *   makes a link is broken by an escape: `[text](javascript:…)` (the brackets), `<data:…>`
 *   (the angle bracket), bare `www.`, `ftp://`, e-mail and `mailto:`/`xmpp:` autolinks (the
 *   dot after www, every `:` and `@`), so `javascript:`, `data:`, `vbscript:` or `file:` is
 *   only ever text.
 * Control characters no renderer shows (NUL, which CommonMark replaces anyway, and the other C0
 * controls but tab and line breaks) and lone surrogates (which no UTF-8 file can hold) become
 * U+FFFD; line breaks are normalised to "\n".
 */

const REPLACEMENT = "\uFFFD";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text as a UTF-8 file can hold it and CommonMark reads it: control characters and lone surrogates as U+FFFD, line breaks as "\n". */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\0-\x08\x0B\x0C\x0E-\x1F]/g, REPLACEMENT)
    .replace(LONE_SURROGATE, REPLACEMENT);
}

/** An http(s) address as typed: a letter or digit after "//", then the characters RFC 3986 allows (no `|`, `\`, brackets or quotes). */
const HTTP_URL = /https?:\/\/[A-Za-z0-9][A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]*/gi;
/** Punctuation that ends a sentence rather than the address (as GFM's autolinks treat it). */
const TRAILING = /[.,:;!?'*~_]$/;

/** Trims trailing punctuation and unbalanced closing parentheses off a matched address. */
function trimUrl(url: string): string {
  let u = url;
  for (;;) {
    if (TRAILING.test(u)) u = u.slice(0, -1);
    else if (u.endsWith(")") && (u.match(/\(/g)?.length ?? 0) < (u.match(/\)/g)?.length ?? 0)) u = u.slice(0, -1);
    else return u;
  }
}

const ENTITIES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;" };

/** Escapes a run of text with no address in it, inside a line. */
function escapeRun(text: string): string {
  return text
    .replace(/[\\`*_~[\]|#$:@!]/g, (c) => `\\${c}`)
    .replace(/[<>&]/g, (c) => ENTITIES[c]!)
    .replace(/(www)\./gi, "$1\\.");
}

/**
 * An http(s) address as a link whose text is the address escaped like any typed text (so it shows
 * exactly as typed: an autolink's text would be percent-decoded by some renderers, `%20` shown as a
 * space) and whose destination is the address with the characters a destination reads as syntax
 * (parentheses, `&` that would start an entity, backslash) backslash-escaped.
 */
function httpLink(url: string): string {
  return `[${escapeRun(url)}](${url.replace(/[()&\\]/g, (c) => `\\${c}`)})`;
}

/** One line (no line break in it) with its http(s) addresses as autolinks and the rest escaped. */
function escapeLineContent(line: string): string {
  let out = "";
  let at = 0;
  for (const m of line.matchAll(HTTP_URL)) {
    const start = m.index;
    if (start < at) continue;
    const url = trimUrl(m[0]);
    out += escapeRun(line.slice(at, start)) + httpLink(url);
    at = start + url.length;
  }
  return out + escapeRun(line.slice(at));
}

const charRef = (c: string) => `&#${c.codePointAt(0)};`;

/** Leading and trailing white space as numeric character references: renderers would trim it or read it as syntax. */
function keepEdgeSpace(line: string, escape: (inner: string) => string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(line)!;
  return [...m[1]!].map(charRef).join("") + escape(m[2]!) + [...m[3]!].map(charRef).join("");
}

/** A line that may start a block: list markers, setext underlines and ordered-list numbers are escaped too. */
function escapeBlockLine(line: string): string {
  return keepEdgeSpace(line, (inner) => {
    const escaped = escapeLineContent(inner);
    if (/^[-+=]/.test(escaped)) return `\\${escaped}`;
    return escaped.replace(/^(\d+)([.)])/, "$1\\$2");
  });
}

/** Typed text within one line of Markdown (a heading, a list item, a line of a paragraph): line breaks as spaces. */
export function markdownInline(text: string): string {
  return escapeBlockLine(normalizeText(text).replace(/\n/g, " "));
}

/**
 * A GFM table cell: typed text escaped as above, pipes escaped so the row keeps its cells,
 * line breaks as <br> (the only HTML written, and never from the text) so each row stays on
 * one line; an empty cell is a space.
 */
export function markdownCell(text: string): string {
  if (text === "") return " ";
  return normalizeText(text)
    .split("\n")
    .map((line) => keepEdgeSpace(line, escapeLineContent))
    .join("<br>");
}

/**
 * A text of paragraphs (a notice): blank lines separate paragraphs, and a line break inside
 * a paragraph is a hard line break (a backslash at the end of the line), so the text renders
 * with the same characters and the same line breaks.
 */
export function markdownParagraphs(text: string): string {
  const paragraphs = normalizeText(text)
    .split(/\n(?:[ \t]*\n)+/)
    .map((p) => p.replace(/^(?:[ \t]*\n)+|(?:\n[ \t]*)+$/g, ""))
    .filter((p) => !/^[ \t]*$/.test(p));
  return paragraphs.map((p) => p.split("\n").map(escapeBlockLine).join("\\\n")).join("\n\n") + "\n";
}
