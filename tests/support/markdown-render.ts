import MarkdownIt from "markdown-it";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { parseFragment } from "parse5";

/*
 * Markdown as a reader sees it: rendered by two maintained parsers (micromark, the reference
 * CommonMark implementation with its GFM extensions, and markdown-it with its tables and
 * linkify, the bare-address autolinks of GFM), with raw HTML and every link scheme let through (so that the test, not the renderer's own sanitising, shows
 * that nothing dangerous was written), then parsed as HTML (parse5, the WHATWG algorithm).
 */

const markdownIt = new MarkdownIt({ html: true, linkify: true });
// Its own guard refuses javascript: and most data: links: let everything through, so the test sees what was written.
markdownIt.validateLink = () => true;

export type Renderer = { name: string; html: (markdown: string) => string };

export const RENDERERS: Renderer[] = [
  {
    name: "micromark + GFM",
    html: (md) =>
      micromark(md, { allowDangerousHtml: true, allowDangerousProtocol: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] }),
  },
  { name: "markdown-it", html: (md) => markdownIt.render(md) },
];

type Node = {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
};

/** One element of the rendered HTML: its tag, attributes and text (a <br> read as "\n"). */
export type Element = { tag: string; attrs: Record<string, string>; text: string; children: Element[] };

function textOf(node: Node): string {
  let out = "";
  let afterBreak = false;
  for (const child of node.childNodes ?? []) {
    if (child.nodeName === "#text") {
      // micromark writes "<br />\n": the line ending after a hard break is the markup's, not the text's.
      out += afterBreak ? child.value!.replace(/^\n/, "") : child.value!;
      afterBreak = false;
    } else if (child.tagName === "br") {
      out += "\n";
      afterBreak = true;
    } else if (child.tagName) {
      out += textOf(child);
      afterBreak = false;
    }
  }
  return out;
}

function toElement(node: Node): Element {
  return {
    tag: node.tagName!,
    attrs: Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value])),
    text: textOf(node),
    children: (node.childNodes ?? []).filter((c) => c.tagName).map(toElement),
  };
}

/** The rendered HTML's top-level elements (the text between them is only the renderer's line breaks). */
export function renderBlocks(renderer: Renderer, markdown: string): Element[] {
  const fragment = parseFragment(renderer.html(markdown)) as unknown as Node;
  return (fragment.childNodes ?? []).filter((c) => c.tagName).map(toElement);
}

/** Every element under (and including) these, depth first. */
export function allElements(elements: Element[]): Element[] {
  return elements.flatMap((e) => [e, ...allElements(e.children)]);
}

/** A table's rows as the text of their cells (header row first). */
export function tableRows(table: Element): string[][] {
  return allElements(table.children)
    .filter((e) => e.tag === "tr")
    .map((tr) => tr.children.filter((c) => c.tag === "td" || c.tag === "th").map((c) => c.text));
}

/** The tags and links in rendered HTML that the text itself could have produced: none but these, and only http(s) links. */
export function unsafeMarkup(elements: Element[], allowed: readonly string[]): string[] {
  const problems: string[] = [];
  for (const e of allElements(elements)) {
    if (!allowed.includes(e.tag)) problems.push(`<${e.tag}>`);
    for (const [name, value] of Object.entries(e.attrs)) {
      if (e.tag === "a" && name === "href") {
        if (!/^https?:\/\//i.test(value)) problems.push(`link to ${value}`);
      } else if (!(e.tag === "td" || e.tag === "th") || name !== "align") problems.push(`<${e.tag} ${name}>`);
    }
  }
  return problems;
}
