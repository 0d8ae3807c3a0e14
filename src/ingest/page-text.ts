import { isHiddenTag, type HtmlVisitor } from './scan-html.js';

/** Raw-text elements (see `scanHtml`) whose content is never visible text. */
const HIDDEN_TEXT = new Set(['script', 'style', 'iframe', 'noembed', 'noframes', 'noscript']);
/** Other elements whose content is never visible text (or, for menus, not the document's; for media, the text a browser shows only when it cannot play them): dropped up to their end tag. */
const HIDDEN = new Set(['head', 'template', 'svg', 'object', 'nav', 'video', 'audio', 'canvas']);
/** Inline elements set apart from the word before them (a footnote number: `rights<sup>3</sup>` is not the word `rights3`). */
const SET_APART = new Set(['sup', 'sub']);
/** Elements with no content, whose start tag is the whole element: a `hidden` attribute on one hides nothing else. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements whose text keeps its line breaks, as a browser shows them. */
const PREFORMATTED = new Set(['pre', 'textarea', 'listing']);

/**
 * Text of the page's source with its line breaks made spaces, as a browser shows text outside
 * `<pre>`: a blank line in the source inside a paragraph does not end it (only tags break lines
 * and paragraphs).
 */
function withSourceLinesJoined(text: string): string {
  return text.includes('\n') ? text.replace(/\s*\n\s*/g, ' ') : text;
}

/** Elements that start a new paragraph. */
const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table', 'tr', 'td', 'th', 'caption', 'section', 'article', 'header', 'footer', 'nav', 'aside', 'main', 'blockquote', 'pre', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'form', 'fieldset', 'legend', 'label', 'select', 'option', 'details', 'summary', 'address', 'hr', 'title', 'center', 'dialog', 'hgroup', 'search', 'menu', 'dir']);

/**
 * The visible text of a page, gathered tag by tag as `scanHtml` reports them, with the text of its
 * title and first heading; character references are left for the caller to decode.
 */
export class PageText implements HtmlVisitor {
  private readonly out: string[] = [];
  /**
   * Open hidden elements, each with the length `out` had when it opened (its end tag cuts `out`
   * back to that) and how many elements of its name are open inside it (their end tags do not end it).
   */
  private readonly hidden: { name: string; mark: number; inside: number }[] = [];
  /** How many of each hidden element are open, so that an end tag with none open, or a question about `<svg>`, costs no search. */
  private readonly openCount = new Map<string, number>();
  /** The first `<main>`'s part of `out` (HTML5: the dominant content, without the site's header, footer, menus and sidebars), and how many `<main>` are open inside it. */
  private mainStart = -1;
  private mainEnd = -1;
  private mainInside = 0;
  /** The text of the `<title>` being read, null outside one: it counts once its end tag is read (one left open runs to the end of the file, unshown). */
  private titleText: string | null = null;
  /** The first `<title>`'s text, never one inside a drawing (`<svg><title>`). */
  private title: string | null = null;
  /** The first `<h1>` outside hidden elements: where its text starts in `out`, then its text. */
  private h1Start = -1;
  private h1: string | null = null;

  /** Preformatted elements open (`<pre>`): their text keeps its line breaks. */
  private preformatted = 0;

  constructor(private readonly html: string) {}

  text(start: number, end: number, rawIn: string | null): void {
    if (rawIn !== null && HIDDEN_TEXT.has(rawIn)) return;
    if (rawIn === 'title') this.titleText = this.html.slice(start, end);
    else this.out.push(this.preformatted > 0 ? this.html.slice(start, end) : withSourceLinesJoined(this.html.slice(start, end)));
  }

  tag(name: string, isEnd: boolean, start: number, end: number): void {
    if (PREFORMATTED.has(name)) this.preformatted = Math.max(0, this.preformatted + (isEnd ? -1 : 1));
    if (isEnd) this.end(name);
    // A browser reads </br> as <br>.
    if (name === 'br') this.out.push('\n');
    else if (BLOCK.has(name)) this.out.push('\n\n');
    // A footnote mark is set apart from the words on both sides (`rights<sup>3</sup>`, `<sup>1</sup>Terrorism`).
    else if (SET_APART.has(name)) this.out.push(' ');
    if (isEnd) return;
    if (name === 'title') this.titleText = '';
    // A head may end without </head> (HTML allows it): it ends where the body starts.
    if (name === 'body') this.close('head');
    if (HIDDEN.has(name) || (!VOID.has(name) && isHiddenTag(this.html.slice(start, end)))) this.open(name);
    // An element of the name of an open hidden one, inside it: its end tag ends it, not the hidden one.
    else if (this.openCount.get(name)) this.innermost(name).inside += 1;
    if (this.hidden.length > 0) return;
    else if (name === 'main') {
      if (this.mainStart < 0) this.mainStart = this.out.length;
      else if (this.mainEnd < 0) this.mainInside += 1;
    } else if (name === 'h1' && this.h1Start < 0) this.h1Start = this.out.length;
  }

  /** An end tag, before its paragraph break: it closes a hidden element, or ends a title, the first heading or `<main>`. */
  private end(name: string): void {
    if (this.openCount.get(name)) {
      const open = this.innermost(name);
      if (open.inside > 0) open.inside -= 1;
      else this.close(name);
    } else if (name === 'title' && this.titleText !== null) {
      // The title names the page; a browser never shows it in the page, with or without a <head> around it.
      if (this.title === null && !this.openCount.get('svg')) this.title = this.titleText;
      this.titleText = null;
    } else if (name === 'h1' && this.h1Start >= 0 && this.h1 === null) {
      this.h1 = this.out.slice(this.h1Start).join('');
    } else if (name === 'main' && this.mainStart >= 0 && this.mainEnd < 0 && this.hidden.length === 0) {
      // A <main> inside the first one ends inside it.
      if (this.mainInside > 0) this.mainInside -= 1;
      else this.mainEnd = this.out.length;
    }
  }

  /** Opens hidden element `name`: what follows is dropped if it closes. */
  private open(name: string): void {
    this.hidden.push({ name, mark: this.out.length, inside: 0 });
    this.openCount.set(name, (this.openCount.get(name) ?? 0) + 1);
  }

  /** The innermost open hidden element `name` (one is open). */
  private innermost(name: string): { name: string; mark: number; inside: number } {
    let at = this.hidden.length - 1;
    while (this.hidden[at].name !== name) at -= 1;
    return this.hidden[at];
  }

  /** Closes the innermost open hidden element `name` (and those inside it): its text is dropped. One left open to the end of the page keeps its text. */
  private close(name: string): void {
    if (!this.openCount.get(name)) return;
    let at = this.hidden.length - 1;
    while (this.hidden[at].name !== name) at -= 1;
    this.out.length = this.hidden[at].mark;
    for (const closed of this.hidden.splice(at)) this.openCount.set(closed.name, this.openCount.get(closed.name)! - 1);
  }

  /** The text gathered (of `<main>` when the page has one), the first title's text and the first heading's, null when there is none. */
  result(): { text: string; title: string | null; h1: string | null } {
    const parts = this.mainStart < 0 ? this.out : this.out.slice(this.mainStart, this.mainEnd < 0 ? this.out.length : this.mainEnd);
    return { text: parts.join(''), title: this.title, h1: this.h1 };
  }
}
