#include "http/static_files.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

#include "store/test_support.h"

namespace cultivate::http {
namespace {

using store::test::TempDir;

void Write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
}

std::string Gunzip(const std::string& data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return "<inflateInit failed>";
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[4096];
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  } while (rc == Z_OK);
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : "<not gzip>";
}

std::string BigCss() {
  std::string css;
  for (int i = 0; i < 200; ++i) css += ".rule-" + std::to_string(i) + " { color: #1f6b4a; margin: 0 auto; }\n";
  return css;
}

Request Get(http::Fields headers = {}) {
  Request r;
  r.method = "GET";
  r.headers = std::move(headers);
  return r;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root = tmp.path() / "static";
    Write(root / "css" / "site.css", BigCss());
    Write(root / "robots.txt", "User-agent: *\n");
    Write(root / "img" / "dot.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    Write(root / "app.js", std::string(400, 'x'));
    Write(tmp.path() / "secret.txt", "top secret");
    auto loaded = StaticFiles::Load(root);
    ASSERT_TRUE(loaded) << loaded.error().message;
    files = std::move(*loaded);
  }
  TempDir tmp;
  std::filesystem::path root;
  StaticFiles files;
};

TEST_F(StaticFilesTest, ServesLoadedFilesWithTypeEtagAndCacheControl) {
  EXPECT_EQ(files.size(), 4u);
  auto r = files.Serve(Get(), "css/site.css");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, BigCss());
  EXPECT_EQ(*r->Header("Content-Type"), "text/css; charset=utf-8");
  ASSERT_NE(r->Header("ETag"), nullptr);
  const std::string& etag = *r->Header("ETag");
  EXPECT_GE(etag.size(), 18u);
  EXPECT_EQ(etag.front(), '"');
  EXPECT_EQ(etag.back(), '"');
  EXPECT_NE(etag.rfind("W/", 0), 0u) << "must be a strong ETag";
  ASSERT_NE(r->Header("Cache-Control"), nullptr);
  EXPECT_NE(r->Header("Cache-Control")->find("max-age="), std::string::npos);
  EXPECT_EQ(r->Header("Content-Encoding"), nullptr);

  auto txt = files.Serve(Get(), "robots.txt");
  ASSERT_TRUE(txt);
  EXPECT_EQ(*txt->Header("Content-Type"), "text/plain; charset=utf-8");
  auto png = files.Serve(Get(), "img/dot.png");
  ASSERT_TRUE(png);
  EXPECT_EQ(*png->Header("Content-Type"), "image/png");
  EXPECT_EQ(png->body.size(), 16u);
  auto js = files.Serve(Get(), "app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(*js->Header("Content-Type"), "text/javascript; charset=utf-8");
}

TEST_F(StaticFilesTest, UnknownFilesAreNotServed) {
  EXPECT_FALSE(files.Serve(Get(), "css/missing.css"));
  EXPECT_FALSE(files.Serve(Get(), ""));
  EXPECT_FALSE(files.Serve(Get(), "css"));  // a folder
  EXPECT_FALSE(files.Has("css"));
  EXPECT_TRUE(files.Has("css/site.css"));
}

TEST_F(StaticFilesTest, NoPathLeavesTheFolder) {
  std::vector<std::string> rels = {"../secret.txt", "css/../../secret.txt", "css/../robots.txt", "./robots.txt",
                                   "/robots.txt", root.string() + "/robots.txt", "%2e%2e/secret.txt",
                                   "..%2fsecret.txt", "robots.txt%00", std::string("robots.txt\0.png", 15),
                                   "..\\secret.txt", "css//site.css"};
  for (const std::string& rel : rels) {
    auto r = files.Serve(Get(), rel);
    EXPECT_FALSE(r) << "served \"" << rel << "\": " << (r ? r->body.substr(0, 40) : "");
  }
}

TEST_F(StaticFilesTest, IfNoneMatchGivesNotModified) {
  auto first = files.Serve(Get(), "css/site.css");
  ASSERT_TRUE(first);
  std::string etag = *first->Header("ETag");
  for (std::string inm : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    auto again = files.Serve(Get({{"If-None-Match", inm}}), "css/site.css");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304) << inm;
    EXPECT_TRUE(again->body.empty()) << inm;
    ASSERT_NE(again->Header("ETag"), nullptr);
    EXPECT_EQ(*again->Header("ETag"), etag);
  }
  for (std::string inm : {std::string("\"other\""), etag.substr(0, etag.size() - 2) + "\"",
                          std::string("")}) {
    auto miss = files.Serve(Get({{"If-None-Match", inm}}), "css/site.css");
    ASSERT_TRUE(miss);
    EXPECT_EQ(miss->status, 200) << inm;
    EXPECT_EQ(miss->body, BigCss());
  }
}

TEST_F(StaticFilesTest, GzipWhenAcceptedCompressedOnce) {
  auto a = files.Serve(Get({{"Accept-Encoding", "gzip, deflate"}}), "css/site.css");
  auto b = files.Serve(Get({{"Accept-Encoding", "gzip"}}), "css/site.css");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->status, 200);
  ASSERT_NE(a->Header("Content-Encoding"), nullptr);
  EXPECT_EQ(*a->Header("Content-Encoding"), "gzip");
  EXPECT_LT(a->body.size(), BigCss().size());
  EXPECT_EQ(Gunzip(a->body), BigCss());
  EXPECT_EQ(a->body, b->body) << "the same compressed bytes every time";
  ASSERT_NE(a->Header("Vary"), nullptr);
  EXPECT_NE(a->Header("Vary")->find("Accept-Encoding"), std::string::npos);
  EXPECT_EQ(*a->Header("Content-Type"), "text/css; charset=utf-8");

  auto plain = files.Serve(Get(), "css/site.css");
  ASSERT_TRUE(plain);
  ASSERT_NE(plain->Header("Vary"), nullptr) << "caches must know the body depends on Accept-Encoding";
  EXPECT_NE(*plain->Header("ETag"), *a->Header("ETag")) << "each representation has its own ETag";

  // The gzip ETag revalidates the gzip copy only.
  auto not_modified = files.Serve(Get({{"Accept-Encoding", "gzip"}, {"If-None-Match", *a->Header("ETag")}}),
                                  "css/site.css");
  ASSERT_TRUE(not_modified);
  EXPECT_EQ(not_modified->status, 304);
  auto other = files.Serve(Get({{"If-None-Match", *a->Header("ETag")}}), "css/site.css");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
  EXPECT_EQ(other->body, BigCss());
}

TEST_F(StaticFilesTest, NoGzipWhenRefusedOrNotWorthIt) {
  auto refused = files.Serve(Get({{"Accept-Encoding", "gzip;q=0"}}), "css/site.css");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->Header("Content-Encoding"), nullptr);
  EXPECT_EQ(refused->body, BigCss());
  auto small = files.Serve(Get({{"Accept-Encoding", "gzip"}}), "robots.txt");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->Header("Content-Encoding"), nullptr);
  EXPECT_EQ(small->body, "User-agent: *\n");
  auto png = files.Serve(Get({{"Accept-Encoding", "gzip"}}), "img/dot.png");
  ASSERT_TRUE(png);
  EXPECT_EQ(png->Header("Content-Encoding"), nullptr) << "images are not recompressed";
}

TEST_F(StaticFilesTest, EtagAndVersionedUrlFollowTheContent) {
  std::string url = files.VersionedUrl("css/site.css");
  EXPECT_EQ(url.rfind("/static/css/site.css?v=", 0), 0u) << url;
  std::string etag = *files.Serve(Get(), "css/site.css")->Header("ETag");

  auto same = StaticFiles::Load(root);
  ASSERT_TRUE(same);
  EXPECT_EQ(*same->Serve(Get(), "css/site.css")->Header("ETag"), etag) << "stable across restarts";
  EXPECT_EQ(same->VersionedUrl("css/site.css"), url);

  Write(root / "css" / "site.css", BigCss() + ".new { color: red; }\n");
  auto changed = StaticFiles::Load(root);
  ASSERT_TRUE(changed);
  EXPECT_NE(*changed->Serve(Get(), "css/site.css")->Header("ETag"), etag);
  EXPECT_NE(changed->VersionedUrl("css/site.css"), url);
}

TEST(StaticFilesLoadTest, MissingFolderFails) {
  TempDir tmp;
  EXPECT_FALSE(StaticFiles::Load(tmp.path() / "nope"));
}

TEST(GzipTest, RoundTrips) {
  std::string text = BigCss();
  std::string gz = Gzip(text);
  ASSERT_FALSE(gz.empty());
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_EQ(Gunzip(gz), text);
  EXPECT_EQ(Gunzip(Gzip("")), "");
}

}  // namespace
}  // namespace cultivate::http
