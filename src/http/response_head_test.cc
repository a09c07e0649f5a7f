#include "http/response_head.h"

#include <gtest/gtest.h>

namespace cultivate::http {
namespace {

TEST(ResponseHeadTest, StatusLineFieldsInOrderLengthAndBlankLine) {
  Response r = Response::Html(200, "<p>hi</p>");
  r.Add("ETag", "\"abc\"");
  EXPECT_EQ(ResponseHead(r, 11, std::size_t{9}, true),
            "HTTP/1.1 200 OK\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            "ETag: \"abc\"\r\n"
            "Content-Length: 9\r\n"
            "\r\n");
}

TEST(ResponseHeadTest, ConnectionFollowsVersionAndKeepAlive) {
  Response r = Response::Text(404, "x");
  r.headers.clear();
  EXPECT_EQ(ResponseHead(r, 11, std::nullopt, false), "HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(ResponseHead(r, 10, std::nullopt, true),
            "HTTP/1.0 404 Not Found\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_EQ(ResponseHead(r, 10, std::nullopt, false), "HTTP/1.0 404 Not Found\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(ResponseHead(r, 11, std::nullopt, true), "HTTP/1.1 404 Not Found\r\n\r\n");
}

TEST(ResponseHeadTest, AFieldThatWouldSplitTheResponseIsDropped) {
  Response r;
  r.headers = {{"Location", "/a\r\nSet-Cookie: stolen=1"},
               {"X-Bad\r\nSet-Cookie", "stolen=1"},
               {"Bad Name", "v"},
               {"Bad:Name", "v"},
               {"", "v"},
               {"X-Lf", "a\nb"},
               {"X-Fine", "yes"}};
  std::string head = ResponseHead(r, 11, std::size_t{0}, true);
  EXPECT_EQ(head, "HTTP/1.1 200 OK\r\nX-Fine: yes\r\nContent-Length: 0\r\n\r\n");
}

TEST(ResponseHeadTest, TheServerSetsLengthAndConnectionNotTheHandler) {
  Response r;
  r.headers = {{"content-length", "999"}, {"Connection", "keep-alive"}, {"X-Fine", "yes"}};
  EXPECT_EQ(ResponseHead(r, 11, std::size_t{3}, false),
            "HTTP/1.1 200 OK\r\nX-Fine: yes\r\nContent-Length: 3\r\nConnection: close\r\n\r\n");
}

}  // namespace
}  // namespace cultivate::http
