#include "http/static_files.h"

#include <fstream>
#include <sstream>

#include <sodium.h>
#include <zlib.h>

namespace cultivate::http {

namespace {

std::string ContentType(const std::filesystem::path& p) {
  static const std::map<std::string, std::string> kTypes = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml; charset=utf-8"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json; charset=utf-8"},
      {".woff2", "font/woff2"},
      {".html", "text/html; charset=utf-8"},
  };
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool Compressible(const std::string& type) {
  return type.rfind("text/", 0) == 0 || type.find("svg") != std::string::npos ||
         type.find("json") != std::string::npos;
}

std::string Hex(const unsigned char* p, size_t n) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kHex[p[i] >> 4];
    out += kHex[p[i] & 15];
  }
  return out;
}

bool EtagMatches(const std::string* header, const std::string& etag) {
  if (!header) return false;
  if (*header == "*") return true;
  // A list of entity tags; compare each, ignoring a weak prefix (RFC 9110 weak comparison).
  std::stringstream ss(*header);
  std::string tag;
  while (std::getline(ss, tag, ',')) {
    size_t b = tag.find_first_not_of(" \t");
    if (b == std::string::npos) continue;
    tag = tag.substr(b);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.pop_back();
    if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
    if (tag == etag) return true;
  }
  return false;
}

}  // namespace

std::string Gzip(const std::string& data) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out;
  out.resize(deflateBound(&zs, data.size()) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

PreparedBody PreparedBody::Make(std::string body, std::string content_type,
                                std::string cache_control) {
  PreparedBody p;
  p.body = std::move(body);
  p.content_type = std::move(content_type);
  p.cache_control = std::move(cache_control);
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(p.body.data()),
                     p.body.size(), nullptr, 0);
  p.etag = Hex(hash, sizeof hash);
  if (Compressible(p.content_type) && p.body.size() > 256) {
    std::string gz = Gzip(p.body);
    if (!gz.empty() && gz.size() < p.body.size()) p.gzip = std::move(gz);
  }
  return p;
}

Response PreparedBody::Serve(const Request& request) const {
  bool gz = !gzip.empty() && request.AcceptsGzip();
  std::string quoted = "\"" + etag + (gz ? "-gz" : "") + "\"";
  Response r;
  r.Set("Content-Type", content_type);
  r.Set("ETag", quoted);
  r.Set("Cache-Control", cache_control);
  if (!gzip.empty()) r.Set("Vary", "Accept-Encoding");
  if (EtagMatches(request.Header("If-None-Match"), quoted)) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  if (gz) {
    r.Set("Content-Encoding", "gzip");
    r.body = gzip;
  } else {
    r.body = body;
  }
  return r;
}

Result<StaticFiles> StaticFiles::Load(const std::filesystem::path& dir) {
  StaticFiles files;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Fail(Error::Unavailable("static folder not found: " + dir.string()));
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string rel = std::filesystem::relative(it->path(), dir).generic_string();
    files.files_.emplace(std::move(rel), PreparedBody::Make(ss.str(), ContentType(it->path()),
                                                            "public, max-age=86400"));
  }
  if (ec) return Fail(Error::Unavailable("cannot read " + dir.string() + ": " + ec.message()));
  return files;
}

std::optional<Response> StaticFiles::Serve(const Request& request, const std::string& rel) const {
  auto it = files_.find(rel);
  if (it == files_.end()) return std::nullopt;
  return it->second.Serve(request);
}

std::string StaticFiles::VersionedUrl(const std::string& rel) const {
  auto it = files_.find(rel);
  std::string url = "/static/" + rel;
  if (it != files_.end()) url += "?v=" + it->second.etag.substr(0, 10);
  return url;
}

}  // namespace cultivate::http
