#include "http/request.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace cultivate::http {

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

namespace {
const std::string* Find(const Fields& fields, std::string_view name) {
  for (const auto& [k, v] : fields)
    if (IEquals(k, name)) return &v;
  return nullptr;
}
}  // namespace

const std::string* Request::Header(std::string_view name) const { return Find(headers, name); }

std::string Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return {};
}

std::string Request::Param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::string Request::Cookie(const std::string& name) const {
  auto it = cookies.find(name);
  return it == cookies.end() ? std::string() : it->second;
}

bool Request::AcceptsGzip() const {
  const std::string* ae = Header("Accept-Encoding");
  if (!ae) return false;
  // Tokens like "gzip", "gzip;q=0.5", "*"; gzip is accepted unless its q is zero.
  std::string_view rest = *ae;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    std::string token;
    double q = 1.0;
    size_t semi = item.find(';');
    for (char c : item.substr(0, semi))
      if (c != ' ' && c != '\t') token += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (semi != std::string_view::npos) {
      std::string params(item.substr(semi + 1));
      params.erase(std::remove(params.begin(), params.end(), ' '), params.end());
      if (params.rfind("q=", 0) == 0) q = std::atof(params.c_str() + 2);
    }
    if ((token == "gzip" || token == "x-gzip") && q > 0) return true;
  }
  return false;
}

void Response::Set(std::string_view name, std::string value) {
  for (auto& [k, v] : headers)
    if (IEquals(k, name)) {
      v = std::move(value);
      return;
    }
  headers.emplace_back(std::string(name), std::move(value));
}

const std::string* Response::Header(std::string_view name) const { return Find(headers, name); }

Response Response::Html(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", "text/html; charset=utf-8");
  return r;
}

Response Response::Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", "application/json; charset=utf-8");
  return r;
}

Response Response::Text(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", "text/plain; charset=utf-8");
  return r;
}

Response Response::Redirect(std::string location, int status) {
  Response r = Text(status, "See " + location + "\n");
  r.Set("Location", std::move(location));
  return r;
}

std::string_view Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
  }
}

}  // namespace cultivate::http
