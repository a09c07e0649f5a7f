#pragma once
/// What a reader types into the search box, made safe for SQLite FTS5, and FTS5 snippets
/// made safe for HTML.

#include <string>
#include <string_view>

#include "common/error.h"

namespace cultivate::content {

/// Turns a reader's query into an FTS5 MATCH expression: every word is quoted (so FTS5
/// syntax characters are just text), `word*` keeps its prefix star, `"a phrase"` stays a
/// phrase, uppercase AND / OR / NOT stay operators, and AND joins terms that have none.
/// Returns "" for a blank query. Fails (kInvalid, with a message for readers) on an
/// unclosed quote or a query longer than 500 bytes; a misplaced operator ("AND", "a NOT")
/// passes through here and is rejected by FTS5 itself.
Result<std::string> ToFtsQuery(std::string_view query);

/// Snippet highlight markers: FTS5 puts them around matched words. They are control
/// characters, never HTML, and are stripped from indexed text so content cannot fake them.
inline constexpr char kMarkOpen = '\x01';
inline constexpr char kMarkClose = '\x02';

/// Escapes the snippet text for HTML and turns the markers into <mark></mark> (balanced).
std::string SnippetToHtml(std::string_view snippet);

/// The friendly message of a query FTS5 cannot parse.
inline constexpr std::string_view kUnparseableQuery =
    "We could not understand this search. Try plain words, \"a phrase in quotes\", or "
    "word* to match the start of a word.";

}  // namespace cultivate::content
