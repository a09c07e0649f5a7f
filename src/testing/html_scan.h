#pragma once
/// Test support: just enough HTML reading for tests of our own pages (which are generated
/// from templates, so attributes are always double-quoted): links, ids, form fields.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cultivate::testing {

/// Undoes the entity escaping our templates do (&amp; &lt; &gt; &quot; &#39; &apos;).
std::string UnescapeHtml(const std::string& s);

/// Every start tag with this name (`input`, `a`, ...), as its full text `<input ...>`.
std::vector<std::string> Tags(const std::string& html, const std::string& name);
/// The (unescaped) value of an attribute of one tag's text; empty optional when absent.
std::optional<std::string> Attr(const std::string& tag, const std::string& attribute);
/// True when the tag has this attribute, with or without a value (e.g. `checked`).
bool HasAttr(const std::string& tag, const std::string& attribute);

/// Every href="..." on the page, unescaped, in order.
std::vector<std::string> Hrefs(const std::string& html);
/// Every id="..." on the page.
std::set<std::string> Ids(const std::string& html);

/// The value of the checked radio button named `name`, or an empty optional.
std::optional<std::string> CheckedRadio(const std::string& html, const std::string& name);
/// The values of every radio button named `name`, in order.
std::vector<std::string> RadioValues(const std::string& html, const std::string& name);
/// The value attribute of the <input> named `name`.
std::optional<std::string> InputValue(const std::string& html, const std::string& name);
/// The text of the <textarea> named `name`, unescaped.
std::optional<std::string> TextareaText(const std::string& html, const std::string& name);
/// The HTML from the element with this id to the end of that element (matching by nesting
/// depth of the same tag name). Empty when there is no such element.
std::string ElementById(const std::string& html, const std::string& id);

/// How many times `needle` occurs in `haystack`.
int Count(const std::string& haystack, const std::string& needle);

/// Strips the tags, leaving the text (entities left as they are).
std::string TextOf(const std::string& html);

/// Parses CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text);

}  // namespace cultivate::testing
