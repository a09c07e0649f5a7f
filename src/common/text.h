#pragma once
/// Small text rules every layer shares: UTF-8 validity, length in code points, trimming.

#include <cstddef>
#include <string>
#include <string_view>

namespace cultivate {

/// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past
/// U+10FFFF) and holds no NUL: text is stored as is in SQLite and PostgreSQL alike.
bool ValidUtf8(std::string_view s);
/// Counts Unicode code points of valid UTF-8.
size_t CodePoints(std::string_view s);
/// `s` without surrounding spaces, tabs and line breaks.
std::string Trim(std::string_view s);

}  // namespace cultivate
