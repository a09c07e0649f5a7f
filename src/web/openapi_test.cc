// The OpenAPI document (content/openapi.json) against the routes the server registers: every
// /api/v1/ route is documented and every documented operation exists. The e2e suite
// (e2e/tests/09-api-contract.test.mjs) validates real responses against its schemas.
#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/app_client.h"
#include "testing/server_process.h"

namespace cultivate::web {
namespace {

using nlohmann::json;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json Document() {
  std::ifstream in(testing::SourceDir() / "content" / "openapi.json");
  return json::parse(in);
}

std::set<std::string> Registered() {
  testing::AppClient client;
  std::set<std::string> out;
  for (const auto& [method, pattern] : client.app().Routes())
    if (pattern.rfind("/api/v1/", 0) == 0) out.insert(Lower(method) + " " + pattern);
  return out;
}

std::set<std::string> Documented(const json& doc) {
  static const std::set<std::string> kMethods = {"get", "put", "post", "delete", "patch"};
  std::set<std::string> out;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items())
      if (kMethods.count(method)) out.insert(method + " " + path);
  return out;
}

TEST(OpenApiTest, IsAnOpenApi31DocumentOfTheApi) {
  json doc = Document();
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 3), "3.1");
  EXPECT_TRUE(doc["info"].contains("title"));
  EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
}

TEST(OpenApiTest, EveryRegisteredApiRouteIsDocumented) {
  std::set<std::string> documented = Documented(Document());
  for (const std::string& route : Registered())
    EXPECT_TRUE(documented.count(route)) << route << " is not in content/openapi.json";
}

TEST(OpenApiTest, EveryDocumentedOperationExists) {
  std::set<std::string> registered = Registered();
  ASSERT_GT(registered.size(), 30u);
  for (const std::string& op : Documented(Document()))
    EXPECT_TRUE(registered.count(op)) << op << " is documented but the server has no such route";
}

TEST(OpenApiTest, TheServerServesTheDocumentAsIs) {
  testing::AppClient client;
  auto r = client.Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body), Document());
  const std::string* type = r.Header("Content-Type");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->rfind("application/json", 0), 0u);
}

}  // namespace
}  // namespace cultivate::web
