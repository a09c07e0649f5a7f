#include "http/response_head.h"

#include <spdlog/spdlog.h>

namespace cultivate::http {

std::string ResponseHead(const Response& r, unsigned version,
                         std::optional<std::size_t> content_length, bool keep_alive) {
  std::string head;
  head.reserve(512);
  head += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  head += std::to_string(r.status);
  head += ' ';
  head += Reason(r.status);
  head += "\r\n";
  for (const auto& [k, v] : r.headers) {
    if (k.empty() || v.find_first_of("\r\n") != std::string::npos ||
        k.find_first_of("\r\n: \t") != std::string::npos) {
      spdlog::error("dropped a response header that would split the response: {:.40}",
                    k.substr(0, k.find_first_of("\r\n")));
      continue;
    }
    if (IEquals(k, "Content-Length") || IEquals(k, "Connection")) continue;
    head += k;
    head += ": ";
    head += v;
    head += "\r\n";
  }
  if (content_length) {
    head += "Content-Length: ";
    head += std::to_string(*content_length);
    head += "\r\n";
  }
  if (!keep_alive)
    head += "Connection: close\r\n";
  else if (version == 10)
    head += "Connection: keep-alive\r\n";  // HTTP/1.0 closes unless told otherwise
  head += "\r\n";
  return head;
}

}  // namespace cultivate::http
