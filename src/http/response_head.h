#pragma once
/// A response's status line and header fields as they go on the wire, in one piece. The
/// server writes it with the body in one call (Beast's serializer hands the kernel a buffer
/// per field: fourteen for a page), and event streams write it before their first event.

#include <cstddef>
#include <optional>
#include <string>

#include "http/request.h"

namespace cultivate::http {

/// "HTTP/1.1 200 OK\r\n", the handler's fields, Content-Length (when `content_length` is
/// set) and Connection as `keep_alive` and `version` (10 or 11) need it, then the blank line.
/// A field whose value holds a line break, or whose name is not one word, is dropped and
/// logged: it would end the head early (response splitting). Content-Length and Connection
/// are the server's to set: a handler's own are dropped.
std::string ResponseHead(const Response& r, unsigned version,
                         std::optional<std::size_t> content_length, bool keep_alive);

}  // namespace cultivate::http
