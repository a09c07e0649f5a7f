// The web application in-process (no sockets): routing, error pages in the site's design,
// health check, cached pages, static files and the pieces of HTTP the app owns.
#include "web/app.h"

#include <gtest/gtest.h>

#include "testing/app_client.h"
#include "testing/html_scan.h"

namespace cultivate::web {
namespace {

using cultivate::testing::AppClient;
using cultivate::testing::Hrefs;

/// A store that answers everything like a MemoryStore but whose Ping fails, as when the
/// database is unreachable.
class DownStore : public store::MemoryStore {
 public:
  Status Ping() override { return Fail(Error::Unavailable("database is down")); }
};

bool InSiteDesign(const std::string& html) {
  return html.find("<header class=\"site-header\">") != std::string::npos &&
         html.find("aria-label=\"Main\"") != std::string::npos &&
         html.find("class=\"skip-link\"") != std::string::npos &&
         html.find("<main id=\"main\"") != std::string::npos &&
         html.find("/static/css/site.css?v=") != std::string::npos;
}

TEST(HealthzTest, OkWhenTheStoreAnswers) {
  AppClient c;
  auto r = c.Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(*r.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(nlohmann::json::parse(r.body)["status"], "ok");
  ASSERT_NE(r.Header("Cache-Control"), nullptr);
  EXPECT_EQ(*r.Header("Cache-Control"), "no-store");
}

TEST(HealthzTest, ServiceUnavailableWhenPingFails) {
  DownStore down;
  AppClient c(&down);
  auto r = c.Get("/healthz");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(*r.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_NE(nlohmann::json::parse(r.body)["status"], "ok");
  // HEAD too, for load balancers that probe with it.
  EXPECT_EQ(c.Send("HEAD", "/healthz").status, 503);
}

TEST(AppTest, NotFoundIsAPageInTheSiteDesign) {
  AppClient c;
  auto r = c.Get("/no-such-page");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(*r.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_TRUE(InSiteDesign(r.body)) << r.body.substr(0, 2000);
  EXPECT_NE(r.body.find("Page not found"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/guide\""), std::string::npos) << "offers a way on";
  EXPECT_NE(r.body.find("noindex"), std::string::npos);
  // Unknown ids under known patterns too.
  EXPECT_EQ(c.Get("/guide/phases/nonsense").status, 404);
  EXPECT_EQ(c.Get("/guide/practices/nonsense").status, 404);
  auto ex = c.Get("/guide/examples/nonsense");
  EXPECT_EQ(ex.status, 404);
  EXPECT_TRUE(InSiteDesign(ex.body));
}

TEST(AppTest, ApiNotFoundIsJson) {
  AppClient c;
  auto r = c.Get("/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(*r.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_TRUE(nlohmann::json::parse(r.body).contains("error"));
}

TEST(AppTest, WrongMethodIs405WithAllow) {
  AppClient c;
  auto r = c.Send("DELETE", "/guide");
  EXPECT_EQ(r.status, 405);
  ASSERT_NE(r.Header("Allow"), nullptr);
  EXPECT_EQ(*r.Header("Allow"), "GET, HEAD");
  EXPECT_TRUE(InSiteDesign(r.body));

  auto post = c.PostForm("/guide/phases/grow", "a=1");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(*post.Header("Allow"), "GET, HEAD");

  auto start = c.Send("PUT", "/checkup");
  EXPECT_EQ(start.status, 405);
  EXPECT_EQ(*start.Header("Allow"), "GET, HEAD, POST");

  auto api = c.Send("GET", "/api/v1/checkups");
  EXPECT_EQ(api.status, 405);
  EXPECT_EQ(*api.Header("Allow"), "POST");
  EXPECT_EQ(*api.Header("Content-Type"), "application/json; charset=utf-8");

  auto stat = c.PostForm("/static/css/site.css", "");
  EXPECT_EQ(stat.status, 405);
  ASSERT_NE(stat.Header("Allow"), nullptr);
  EXPECT_EQ(*stat.Header("Allow"), "GET, HEAD");
}

TEST(AppTest, HeadAnswersWhereverGetDoes) {
  AppClient c;
  for (std::string path : {"/", "/guide", "/guide/phases/grow", "/search?q=sponsor", "/checkup",
                           "/api/v1/questions", "/static/css/site.css", "/guide/examples?sector=health-care"}) {
    auto get = c.Get(path);
    auto head = c.Send("HEAD", path);
    EXPECT_EQ(head.status, get.status) << path;
    EXPECT_EQ(head.status, 200) << path;
    ASSERT_NE(head.Header("Content-Type"), nullptr) << path;
    EXPECT_EQ(*head.Header("Content-Type"), *get.Header("Content-Type")) << path;
  }
}

TEST(AppTest, TrailingSlashRedirectsToTheCanonicalPath) {
  AppClient c;
  auto r = c.Get("/guide/phases/");
  EXPECT_EQ(r.status, 301);
  ASSERT_NE(r.Header("Location"), nullptr);
  EXPECT_EQ(*r.Header("Location"), "/guide/phases");
  EXPECT_EQ(c.Get("/nope/").status, 404);
}

TEST(AppTest, ContentPagesAreCachedWithEtagAndGzip) {
  AppClient c;
  auto plain = c.Get("/guide");
  ASSERT_EQ(plain.status, 200);
  ASSERT_NE(plain.Header("ETag"), nullptr);
  std::string etag = *plain.Header("ETag");
  auto again = c.Get("/guide", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  auto gz = c.Get("/guide", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(gz.status, 200);
  ASSERT_NE(gz.Header("Content-Encoding"), nullptr);
  EXPECT_EQ(*gz.Header("Content-Encoding"), "gzip");
  EXPECT_LT(gz.body.size(), plain.body.size());
  EXPECT_EQ(static_cast<unsigned char>(gz.body[0]), 0x1f);
  ASSERT_NE(gz.Header("Vary"), nullptr);
  EXPECT_NE(*gz.Header("ETag"), etag);
  auto gz2 = c.Get("/guide", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gz.body, gz2.body);

  // Someone else's ETag does not turn into a 304.
  auto other = c.Get("/guide", {{"If-None-Match", "\"deadbeef\""}});
  EXPECT_EQ(other.status, 200);
  // The ETag of another page does not either.
  auto phases_etag = *c.Get("/guide/phases").Header("ETag");
  EXPECT_EQ(c.Get("/guide", {{"If-None-Match", phases_etag}}).status, 200);
}

TEST(AppTest, StaticFilesServedAndTraversalRefused) {
  AppClient c;
  auto css = c.Get("/static/css/site.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(*css.Header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(c.Get("/favicon.ico").status, 200);
  EXPECT_EQ(c.Get("/robots.txt").status, 200);
  for (std::string target : {"/static/../src/app/main.cc", "/static/%2e%2e/src/app/main.cc",
                             "/static/..%2f..%2fREADME.md", "/static/%252e%252e/README.md",
                             "/static/css/..%2f..%2fCMakeLists.txt", "/static/css/site.css%00.txt",
                             "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/..\\README.md",
                             "/static/", "/static"}) {
    auto r = c.Get(target);
    EXPECT_NE(r.status, 200) << target;
    EXPECT_EQ(r.body.find("int main("), std::string::npos) << target;
    EXPECT_EQ(r.body.find("cmake_minimum_required"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
  }
}

TEST(AppTest, EveryLinkedStylesheetAndIconExists) {
  AppClient c;
  auto home = c.Get("/");
  ASSERT_EQ(home.status, 200);
  for (const auto& href : Hrefs(home.body))
    if (href.rfind("/static/", 0) == 0) { EXPECT_EQ(c.Get(href).status, 200) << href; }
}

TEST(AppTest, ErrorPagesForServerStatuses) {
  AppClient c;
  for (int status : {400, 413, 431, 415, 422, 503}) {
    auto r = c.app().ErrorPage(status, nullptr);
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(*r.Header("Content-Type"), "text/html; charset=utf-8") << status;
    EXPECT_TRUE(InSiteDesign(r.body)) << status;
  }
  EXPECT_NE(c.app().ErrorPage(431, nullptr).body.find("Request headers too large"), std::string::npos);
  EXPECT_NE(c.app().ErrorPage(413, nullptr).body.find("too much"), std::string::npos);
}

TEST(AppTest, BodyLimitsPerRoute) {
  AppClient c;
  EXPECT_EQ(c.app().BodyLimit("POST", "/checkup"), 16u * 1024);
  EXPECT_EQ(c.app().BodyLimit("PUT", "/api/v1/checkups/abc/answers"), 512u * 1024);
  EXPECT_EQ(c.app().BodyLimit("GET", "/guide"), http::kDefaultBodyLimit);
  EXPECT_EQ(c.app().BodyLimit("POST", "/nowhere"), http::kDefaultBodyLimit);
}

TEST(AppTest, MainNavigationMarksTheCurrentPage) {
  AppClient c;
  auto r = c.Get("/checkup");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<a href=\"/checkup\" aria-current=\"page\">"), std::string::npos);
  auto phase = c.Get("/guide/phases/grow");
  EXPECT_NE(phase.body.find("<a href=\"/guide\" aria-current=\"true\">"), std::string::npos);
}

TEST(SecurityHeadersTest, ApplySecurityHeadersSetsThePolicy) {
  http::Response r = http::Response::Html(200, "x");
  http::ApplySecurityHeaders(r);
  const std::string& csp = *r.Header("Content-Security-Policy");
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(*r.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(r.Header("Referrer-Policy"), nullptr);
  http::Response bare;
  http::ApplySecurityHeaders(bare);
  ASSERT_NE(bare.Header("Content-Type"), nullptr);
  EXPECT_NE(bare.Header("Content-Type")->find("charset="), std::string::npos);
}

}  // namespace
}  // namespace cultivate::web
