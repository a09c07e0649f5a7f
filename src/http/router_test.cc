#include "http/router.h"

#include <gtest/gtest.h>

namespace cultivate::http {
namespace {

using Kind = Router::Match::Kind;

Handler Named(const std::string& name) {
  return [name](Request&) { return Response::Text(200, name); };
}

std::string Call(const Router::Match& m) {
  if (m.kind != Kind::kFound || !m.handler) return "<none>";
  Request r;
  return (*m.handler)(r).body;
}

Router Sample() {
  Router r;
  r.Add("GET", "/", Named("home"));
  r.Add("GET", "/guide/phases", Named("phases"));
  r.Add("GET", "/guide/phases/{id}", Named("phase"));
  r.Add("GET", "/checkup/{token}/phase/{phase}", Named("checkup-phase"));
  r.Add("POST", "/checkup/{token}/phase/{phase}", Named("checkup-phase-post"), {.body_limit = 512 * 1024});
  r.Add("PUT", "/api/v1/checkups/{token}/answers", Named("answers"), {.body_limit = 512 * 1024});
  r.Add("POST", "/checkup", Named("start"), {.body_limit = 16 * 1024});
  r.Add("GET", "/checkup", Named("start-page"));
  return r;
}

TEST(SplitPathTest, Segments) {
  EXPECT_TRUE(SplitPath("/").empty());
  EXPECT_TRUE(SplitPath("").empty());
  EXPECT_EQ(SplitPath("/a"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(SplitPath("/a/b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(SplitPath("/a/b/"), (std::vector<std::string>{"a", "b", ""}));
  EXPECT_EQ(SplitPath("/a//b"), (std::vector<std::string>{"a", "", "b"}));
}

TEST(RouterTest, LiteralRoutes) {
  Router r = Sample();
  EXPECT_EQ(Call(r.Find("GET", "/")), "home");
  EXPECT_EQ(Call(r.Find("GET", "/guide/phases")), "phases");
  EXPECT_EQ(Call(r.Find("GET", "/checkup")), "start-page");
  EXPECT_EQ(Call(r.Find("POST", "/checkup")), "start");
}

TEST(RouterTest, PathParameters) {
  Router r = Sample();
  auto m = r.Find("GET", "/guide/phases/grow");
  ASSERT_EQ(m.kind, Kind::kFound);
  EXPECT_EQ(Call(m), "phase");
  EXPECT_EQ(m.params.at("id"), "grow");

  auto two = r.Find("POST", "/checkup/tok123/phase/design");
  ASSERT_EQ(two.kind, Kind::kFound);
  EXPECT_EQ(Call(two), "checkup-phase-post");
  EXPECT_EQ(two.params.at("token"), "tok123");
  EXPECT_EQ(two.params.at("phase"), "design");
  EXPECT_EQ(two.params.size(), 2u);
}

TEST(RouterTest, ParametersAreDecodedPathSegmentsAsGiven) {
  Router r = Sample();
  // The router sees the decoded path: a parameter holds whatever one segment held.
  auto m = r.Find("GET", "/guide/phases/a b");
  ASSERT_EQ(m.kind, Kind::kFound);
  EXPECT_EQ(m.params.at("id"), "a b");
}

TEST(RouterTest, UnknownPathsAreNotFound) {
  Router r = Sample();
  EXPECT_EQ(r.Find("GET", "/nope").kind, Kind::kNotFound);
  EXPECT_EQ(r.Find("GET", "/guide/phases/grow/extra").kind, Kind::kNotFound);
  EXPECT_EQ(r.Find("GET", "/guide").kind, Kind::kNotFound);
  // An empty segment never fills a parameter.
  EXPECT_EQ(r.Find("GET", "/guide/phases/").kind, Kind::kNotFound);
  EXPECT_EQ(r.Find("GET", "/checkup//phase/define").kind, Kind::kNotFound);
  // Literal segments compare exactly.
  EXPECT_EQ(r.Find("GET", "/Guide/phases").kind, Kind::kNotFound);
}

TEST(RouterTest, WrongMethodGivesAllowWithHeadForGet) {
  Router r = Sample();
  auto m = r.Find("DELETE", "/guide/phases/grow");
  EXPECT_EQ(m.kind, Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allow, "GET, HEAD");
  EXPECT_EQ(m.handler, nullptr);

  auto both = r.Find("PUT", "/checkup/t/phase/grow");
  EXPECT_EQ(both.kind, Kind::kMethodNotAllowed);
  EXPECT_EQ(both.allow, "GET, HEAD, POST");

  auto put_only = r.Find("GET", "/api/v1/checkups/t/answers");
  EXPECT_EQ(put_only.kind, Kind::kMethodNotAllowed);
  EXPECT_EQ(put_only.allow, "PUT");
}

TEST(RouterTest, HeadIsServedByGet) {
  Router r = Sample();
  auto m = r.Find("HEAD", "/guide/phases/define");
  ASSERT_EQ(m.kind, Kind::kFound);
  EXPECT_EQ(Call(m), "phase");
  EXPECT_EQ(m.params.at("id"), "define");
  // but not by POST or PUT
  EXPECT_EQ(r.Find("HEAD", "/api/v1/checkups/t/answers").kind, Kind::kMethodNotAllowed);
}

TEST(RouterTest, ExplicitHeadRouteWinsOverGet) {
  Router r;
  r.Add("GET", "/x", Named("get"));
  r.Add("HEAD", "/x", Named("head"));
  EXPECT_EQ(Call(r.Find("HEAD", "/x")), "head");
  EXPECT_EQ(Call(r.Find("GET", "/x")), "get");
}

TEST(RouterTest, MethodsAreCaseSensitive) {
  Router r = Sample();
  EXPECT_EQ(r.Find("get", "/").kind, Kind::kMethodNotAllowed);
}

TEST(RouterTest, BodyLimitComesFromTheMatchedRoute) {
  Router r = Sample();
  EXPECT_EQ(r.Find("POST", "/checkup").body_limit, 16u * 1024);
  EXPECT_EQ(r.Find("PUT", "/api/v1/checkups/t/answers").body_limit, 512u * 1024);
  EXPECT_EQ(r.Find("GET", "/").body_limit, kDefaultBodyLimit);
  EXPECT_EQ(kDefaultBodyLimit, 1024u * 1024);
}

TEST(RouterTest, LiteralRouteAddedFirstWinsOverParameter) {
  Router r;
  r.Add("GET", "/guide/examples/featured", Named("literal"));
  r.Add("GET", "/guide/examples/{id}", Named("param"));
  EXPECT_EQ(Call(r.Find("GET", "/guide/examples/featured")), "literal");
  EXPECT_EQ(Call(r.Find("GET", "/guide/examples/other")), "param");
}

}  // namespace
}  // namespace cultivate::http
