#pragma once
/// Markdown of our own content rendered once to HTML with md4c (GitHub dialect, raw HTML
/// not recognised, so it comes out escaped as text and never as markup), post-processed
/// for anchors, a table of contents, link checking and phone-friendly tables.

#include <string>
#include <string_view>
#include <vector>

namespace cultivate::content {

/// An `<h2>` or `<h3>` of a rendered page.
struct Heading {
  int level = 2;     // 2 or 3
  std::string text;  // plain text (not HTML-escaped)
  std::string id;    // slug, unique within the page; the `id` attribute in the HTML
  int line = 0;      // 1-based line within the Markdown text; 0 if unknown
};

/// A site-internal link: an href starting with `/` (not `//`) or `#`.
struct Link {
  std::string href;
  int line = 0;  // 1-based line within the Markdown text; 0 if unknown
};

/// Raw HTML written in the Markdown (shown to readers as text, so reported to writers).
struct RawHtml {
  std::string text;
  int line = 0;
};

struct RenderedMarkdown {
  std::string html;               // safe HTML: headings have ids, tables are wrapped
  std::vector<Heading> headings;  // h2 and h3, in page order
  std::vector<Link> links;        // internal links, in page order
  std::vector<RawHtml> raw_html;  // raw HTML found in the source, at most one per line
};

/// Renders a Markdown document. Every `<h2>`/`<h3>` gets an `id` (see Slugify), made unique
/// with `-2`, `-3`...; every `<table>` is wrapped in `<div class="table-wrap">`.
RenderedMarkdown RenderMarkdown(std::string_view markdown);

/// Renders one paragraph of Markdown as inline HTML (no `<p>` around it). `single_paragraph`
/// is set false when the text rendered to anything but exactly one paragraph.
RenderedMarkdown RenderInlineMarkdown(std::string_view markdown, bool* single_paragraph);

/// Lowercase ASCII letters and digits joined by single hyphens: "What's next?" -> "whats-next".
/// Apostrophes and non-ASCII bytes are dropped; other characters separate words.
/// "section" when nothing is left.
std::string Slugify(std::string_view text);

/// The text of an HTML fragment produced by RenderMarkdown: tags become spaces, the
/// entities md4c writes are decoded, runs of whitespace collapse to one space.
std::string HtmlToText(std::string_view html);

/// Escapes & < > " ' for HTML text and attribute values.
std::string EscapeHtml(std::string_view text);

}  // namespace cultivate::content
