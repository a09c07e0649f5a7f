// The request generator: from a seeded PRNG, mutations of valid requests on every route
// (the owner's or the spare account's session, real ids and tokens, bodies from the OpenAPI
// schemas and the forms' fields), heavier junk, and raw protocol junk. Its members are
// defined, by concept, in generator_requests_test.cc, generator_paths_test.cc,
// generator_bodies_test.cc, generator_forms_test.cc and generator_headers_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "web/fuzz/client_test_support.h"
#include "web/fuzz/junk_test_support.h"
#include "web/fuzz/request_test_support.h"
#include "web/fuzz/routes_test_support.h"

namespace cultivate::web::fuzz {

class Generator {
 public:
  explicit Generator(const World& w) : w_(w) {}

  Fuzzed Make(Rng& rng, std::uint64_t index) const;

 private:
  const Route& PickRoute(Rng& rng) const;

  // ---- parameters, path and query (generator_paths_test.cc) ----

  std::string JunkId(Rng& rng) const;
  std::string JunkToken(Rng& rng, const std::string& real) const;
  template <typename T>
  static std::string S(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) return v;
    else return std::to_string(v);
  }
  /// A value for a path parameter. `guarded`: a write that could be legitimate, so only
  /// throwaway records or junk; never the kept set.
  std::string ParamValue(Rng& rng, Param kind, bool guarded, bool deletes_community, bool* junk) const;
  std::string Segment(Rng& rng, const std::string& raw) const;
  void MutatePath(Rng& rng, std::vector<std::string>& segs) const;
  std::string Query(Rng& rng, bool heavy) const;

  // ---- JSON and junk bodies (generator_bodies_test.cc) ----

  json SchemaValue(Rng& rng, const json& schema_in, const std::string& name, int depth) const;
  static std::string Deep(Rng& rng);
  /// Raw JSON text to stand where a value stood.
  std::string JunkJsonValue(Rng& rng) const;
  /// The deepest nesting of brackets in JSON text, strings skipped.
  static std::size_t Nesting(const std::string& text);
  /// Replaces a random node of `j` with a placeholder; returns false when none.
  static bool Plant(Rng& rng, json& j, int depth = 0);
  std::string JsonBody(Rng& rng, const Route& r, bool heavy) const;
  std::string JunkBody(Rng& rng) const;

  // ---- form bodies (generator_forms_test.cc) ----

  std::vector<std::pair<std::string, std::string>> FormFields(Rng& rng, const Route& r, const std::string& csrf) const;
  std::string FormBody(Rng& rng, const Route& r, const std::string& csrf, bool heavy) const;

  // ---- headers (generator_headers_test.cc) ----

  std::string ContentType(Rng& rng, bool json_body) const;
  std::string JunkCookie(Rng& rng) const;
  std::string JunkHeader(Rng& rng) const;

  // ---- requests (generator_requests_test.cc) ----

  Fuzzed FromRoute(Rng& rng, const Route& r, bool heavy) const;
  /// Protocol junk: request lines and framing no well-behaved client sends. Never with the
  /// owner's session.
  Fuzzed Raw(Rng& rng) const;

  const World& w_;
};

}  // namespace cultivate::web::fuzz
