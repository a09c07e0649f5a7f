#include "http/request.h"

#include <gtest/gtest.h>

namespace cultivate::http {
namespace {

Request WithAcceptEncoding(const std::string& value) {
  Request r;
  r.headers.emplace_back("Accept-Encoding", value);
  return r;
}

TEST(AcceptsGzipTest, PlainListsAndQualityValues) {
  EXPECT_TRUE(WithAcceptEncoding("gzip").AcceptsGzip());
  EXPECT_TRUE(WithAcceptEncoding("gzip, deflate, br").AcceptsGzip());
  EXPECT_TRUE(WithAcceptEncoding("br;q=1.0, gzip;q=0.8, *;q=0.1").AcceptsGzip());
  EXPECT_TRUE(WithAcceptEncoding("deflate,gzip;q=0.001").AcceptsGzip());
  EXPECT_TRUE(WithAcceptEncoding("  GZIP  ").AcceptsGzip());
  EXPECT_TRUE(WithAcceptEncoding("x-gzip").AcceptsGzip());
  EXPECT_TRUE(WithAcceptEncoding("gzip; q=0.5").AcceptsGzip());
}

TEST(AcceptsGzipTest, RefusedWhenQualityIsZero) {
  EXPECT_FALSE(WithAcceptEncoding("gzip;q=0").AcceptsGzip());
  EXPECT_FALSE(WithAcceptEncoding("gzip;q=0.0").AcceptsGzip());
  EXPECT_FALSE(WithAcceptEncoding("gzip;q=0.000").AcceptsGzip());
  EXPECT_FALSE(WithAcceptEncoding("br, gzip; q=0").AcceptsGzip());
  EXPECT_FALSE(WithAcceptEncoding("deflate, gzip;q=0, br").AcceptsGzip());
}

TEST(AcceptsGzipTest, RefusedWhenNotNamedOrNoHeader) {
  EXPECT_FALSE(Request{}.AcceptsGzip());
  EXPECT_FALSE(WithAcceptEncoding("").AcceptsGzip());
  EXPECT_FALSE(WithAcceptEncoding("identity").AcceptsGzip());
  EXPECT_FALSE(WithAcceptEncoding("br, deflate").AcceptsGzip());
  EXPECT_FALSE(WithAcceptEncoding("gzipped").AcceptsGzip());
  EXPECT_FALSE(WithAcceptEncoding("notgzip").AcceptsGzip());
}

TEST(AcceptsGzipTest, HeaderNameIsCaseInsensitive) {
  Request r;
  r.headers.emplace_back("accept-encoding", "gzip");
  EXPECT_TRUE(r.AcceptsGzip());
}

TEST(RequestTest, HeaderLookupIsCaseInsensitiveAndFirstWins) {
  Request r;
  r.headers = {{"Content-Type", "text/plain"}, {"X-Thing", "1"}, {"x-thing", "2"}};
  ASSERT_NE(r.Header("content-type"), nullptr);
  EXPECT_EQ(*r.Header("CONTENT-TYPE"), "text/plain");
  EXPECT_EQ(*r.Header("x-THING"), "1");
  EXPECT_EQ(r.Header("Missing"), nullptr);
}

TEST(RequestTest, QueryParamAndCookieAccessors) {
  Request r;
  r.query = {{"q", "first"}, {"q", "second"}, {"Q", "upper"}};
  r.params = {{"id", "grow"}};
  r.cookies = {{"sid", "abc"}};
  EXPECT_EQ(r.Query("q"), "first");
  EXPECT_EQ(r.Query("Q"), "upper");  // query names are case-sensitive
  EXPECT_EQ(r.Query("none"), "");
  EXPECT_EQ(r.Param("id"), "grow");
  EXPECT_EQ(r.Param("other"), "");
  EXPECT_EQ(r.Cookie("sid"), "abc");
  EXPECT_EQ(r.Cookie("nope"), "");
}

TEST(ResponseTest, SetReplacesCaseInsensitivelyAddAppends) {
  Response r;
  r.Set("Content-Type", "text/plain");
  r.Set("content-type", "text/html; charset=utf-8");
  EXPECT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(*r.Header("Content-Type"), "text/html; charset=utf-8");
  r.Add("Set-Cookie", "a=1");
  r.Add("Set-Cookie", "b=2");
  EXPECT_EQ(r.headers.size(), 3u);
}

TEST(ResponseTest, FactoriesSetStatusAndTypeWithCharset) {
  Response h = Response::Html(201, "<p>x</p>");
  EXPECT_EQ(h.status, 201);
  EXPECT_EQ(*h.Header("Content-Type"), "text/html; charset=utf-8");
  Response j = Response::Json(422, "{}");
  EXPECT_EQ(*j.Header("Content-Type"), "application/json; charset=utf-8");
  Response t = Response::Text(200, "ok");
  EXPECT_EQ(*t.Header("Content-Type"), "text/plain; charset=utf-8");
  Response see = Response::Redirect("/checkup/abc");
  EXPECT_EQ(see.status, 303);
  EXPECT_EQ(*see.Header("Location"), "/checkup/abc");
  EXPECT_EQ(Response::Redirect("/x", 301).status, 301);
}

TEST(ReasonTest, StatusCodesTheServerSends) {
  EXPECT_EQ(Reason(200), "OK");
  EXPECT_EQ(Reason(303), "See Other");
  EXPECT_EQ(Reason(304), "Not Modified");
  EXPECT_EQ(Reason(400), "Bad Request");
  EXPECT_EQ(Reason(404), "Not Found");
  EXPECT_EQ(Reason(405), "Method Not Allowed");
  EXPECT_EQ(Reason(413), "Content Too Large");
  EXPECT_EQ(Reason(415), "Unsupported Media Type");
  EXPECT_EQ(Reason(422), "Unprocessable Content");
  EXPECT_EQ(Reason(431), "Request Header Fields Too Large");
  EXPECT_EQ(Reason(503), "Service Unavailable");
}

}  // namespace
}  // namespace cultivate::http
