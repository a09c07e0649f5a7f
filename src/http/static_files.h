#pragma once
/// Serves the files of `static/`, read once at start: a strong ETag per representation,
/// If-None-Match -> 304, Cache-Control, and a gzip copy made once when it is smaller.
/// Only files that were found at start can be served, so no path can leave `static/`.

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "common/error.h"
#include "http/request.h"

namespace cultivate::http {

/// A response body prepared once, at start: a strong ETag (one per representation), a gzip
/// copy when it pays, and conditional GET (If-None-Match -> 304). Used for static files and
/// for the pages rendered once at start.
struct PreparedBody {
  std::string content_type;
  std::string cache_control;
  std::string body;
  std::string gzip;  // empty when compression does not pay
  std::string etag;  // unquoted content hash

  static PreparedBody Make(std::string body, std::string content_type, std::string cache_control);
  /// 200 with the gzip copy when the client accepts it, or 304 when its ETag matches.
  Response Serve(const Request& request) const;
};

class StaticFiles {
 public:
  /// Loads every regular file under `dir` (recursively). Fails if `dir` is unreadable.
  static Result<StaticFiles> Load(const std::filesystem::path& dir);

  /// `rel` is the decoded path below the mount point, e.g. "css/site.css".
  /// Empty optional when no such file was loaded.
  std::optional<Response> Serve(const Request& request, const std::string& rel) const;

  bool Has(const std::string& rel) const { return files_.count(rel) > 0; }
  /// "/static/css/site.css?v=<etag prefix>" style URL that changes whenever the file does.
  std::string VersionedUrl(const std::string& rel) const;
  size_t size() const { return files_.size(); }

 private:
  std::map<std::string, PreparedBody> files_;
};

/// gzip-compresses `data` (level 6). Used for static files and by benchmarks.
std::string Gzip(const std::string& data);

}  // namespace cultivate::http
