#include "http/form.h"

#include <gtest/gtest.h>

#include <string>

namespace cultivate::http {
namespace {

using namespace std::string_literals;

// ---- UTF-8 ----

TEST(ValidUtf8Test, AcceptsAsciiAndWellFormedMultibyte) {
  EXPECT_TRUE(ValidUtf8(""));
  EXPECT_TRUE(ValidUtf8("plain text"));
  EXPECT_TRUE(ValidUtf8("caf\xC3\xA9"));             // é (2 bytes)
  EXPECT_TRUE(ValidUtf8("\xE2\x82\xAC"));            // € (3 bytes)
  EXPECT_TRUE(ValidUtf8("\xF0\x9F\x8C\xB1"));        // 🌱 (4 bytes)
  EXPECT_TRUE(ValidUtf8("\xEF\xBF\xBF"));            // U+FFFF
  EXPECT_TRUE(ValidUtf8("\xF4\x8F\xBF\xBF"));        // U+10FFFF, the last code point
  EXPECT_TRUE(ValidUtf8("\xED\x9F\xBF"));            // U+D7FF, just below the surrogates
  EXPECT_TRUE(ValidUtf8("\xEE\x80\x80"));            // U+E000, just above them
}

TEST(ValidUtf8Test, RejectsOverlongEncodings) {
  EXPECT_FALSE(ValidUtf8("\xC0\xAF"));          // '/' in two bytes
  EXPECT_FALSE(ValidUtf8("\xC1\xBF"));
  EXPECT_FALSE(ValidUtf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(ValidUtf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(ValidUtf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(ValidUtf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
  EXPECT_FALSE(ValidUtf8("\xC0\x80"));          // "modified UTF-8" NUL
}

TEST(ValidUtf8Test, RejectsSurrogatesAndCodePointsPastTheEnd) {
  EXPECT_FALSE(ValidUtf8("\xED\xA0\x80"));          // U+D800
  EXPECT_FALSE(ValidUtf8("\xED\xBF\xBF"));          // U+DFFF
  EXPECT_FALSE(ValidUtf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 style surrogate pair
  EXPECT_FALSE(ValidUtf8("\xF4\x90\x80\x80"));      // U+110000
  EXPECT_FALSE(ValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(ValidUtf8("\xFE"));
  EXPECT_FALSE(ValidUtf8("\xFF"));
}

TEST(ValidUtf8Test, RejectsTruncatedAndStrayBytes) {
  EXPECT_FALSE(ValidUtf8("\xC3"));              // lead byte at the end
  EXPECT_FALSE(ValidUtf8("abc\xE2\x82"));       // 3-byte sequence cut short
  EXPECT_FALSE(ValidUtf8("\xF0\x9F\x8C"));
  EXPECT_FALSE(ValidUtf8("\x80"));              // continuation byte alone
  EXPECT_FALSE(ValidUtf8("a\xBFz"));
  EXPECT_FALSE(ValidUtf8("\xC3(x"));            // lead byte followed by ASCII
  EXPECT_FALSE(ValidUtf8("\xE2\x28\xA1"));
}

// ---- percent-decoding ----

TEST(PercentDecodeTest, DecodesEscapesInEitherCase) {
  EXPECT_EQ(PercentDecode("a%20b", false), "a b");
  EXPECT_EQ(PercentDecode("%2F%2f", false), "//");
  EXPECT_EQ(PercentDecode("%41%62c", false), "Abc");
  EXPECT_EQ(PercentDecode("", false), "");
  EXPECT_EQ(PercentDecode("caf%C3%A9", false), "caf\xC3\xA9");
  EXPECT_EQ(PercentDecode("100%25", false), "100%");
}

TEST(PercentDecodeTest, PlusIsSpaceOnlyInForms) {
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a%2Bb", true), "a+b");  // an encoded plus stays a plus
}

TEST(PercentDecodeTest, DoesNotDecodeTwice) {
  EXPECT_EQ(PercentDecode("%252e%252e", false), "%2e%2e");
}

TEST(PercentDecodeTest, RejectsBadEscapes) {
  EXPECT_FALSE(PercentDecode("%", false));
  EXPECT_FALSE(PercentDecode("abc%", false));
  EXPECT_FALSE(PercentDecode("%4", false));
  EXPECT_FALSE(PercentDecode("a%4", true));
  EXPECT_FALSE(PercentDecode("%G0", false));
  EXPECT_FALSE(PercentDecode("%0g", false));
  EXPECT_FALSE(PercentDecode("% 1", false));
  EXPECT_FALSE(PercentDecode("%%41", false));
}

TEST(PercentDecodeTest, RejectsDecodedNul) {
  EXPECT_FALSE(PercentDecode("%00", false));
  EXPECT_FALSE(PercentDecode("file%00.txt", true));
  EXPECT_FALSE(PercentDecode("a\0b"s, false));  // a raw NUL too
}

TEST(PercentDecodeTest, RejectsInvalidUtf8AfterDecoding) {
  EXPECT_FALSE(PercentDecode("%FF", false));
  EXPECT_FALSE(PercentDecode("%C0%AF", false));        // overlong '/'
  EXPECT_FALSE(PercentDecode("%E0%80%AF", false));     // overlong '/'
  EXPECT_FALSE(PercentDecode("%ED%A0%80", false));     // surrogate
  EXPECT_FALSE(PercentDecode("%F4%90%80%80", false));  // past U+10FFFF
  EXPECT_FALSE(PercentDecode("caf%C3", true));         // truncated
  EXPECT_FALSE(PercentDecode("\xC3", false));          // raw invalid byte, no escape
}

TEST(PercentEncodeTest, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(PercentEncode("a b&c=d/e?f#g+h%"), "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25");
  EXPECT_EQ(PercentEncode("\xC3\xA9"), "%C3%A9");
}

TEST(PercentEncodeTest, RoundTripsThroughDecode) {
  for (std::string s : {"hello world", "=SUM(A1)", "a+b&c", "\xE2\x82\xAC 5 % off", "\"quoted\"'"}) {
    EXPECT_EQ(PercentDecode(PercentEncode(s), true), s) << s;
    EXPECT_EQ(PercentDecode(PercentEncode(s), false), s) << s;
  }
}

// ---- forms and query strings ----

TEST(ParseFormTest, ParsesPairsInOrderWithRepeats) {
  auto f = ParseForm("name=Tea+club&phase=define&phase=grow&note=a%26b%3Dc");
  ASSERT_TRUE(f);
  Fields want = {{"name", "Tea club"}, {"phase", "define"}, {"phase", "grow"}, {"note", "a&b=c"}};
  EXPECT_EQ(*f, want);
}

TEST(ParseFormTest, EmptyValuesKeysWithoutEqualsAndEmptyPairs) {
  auto f = ParseForm("a=&b&&c=1&");
  ASSERT_TRUE(f);
  Fields want = {{"a", ""}, {"b", ""}, {"c", "1"}};
  EXPECT_EQ(*f, want);
  auto empty = ParseForm("");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(ParseFormTest, ValueMayContainEqualsSign) {
  auto f = ParseForm("q=a=b");
  ASSERT_TRUE(f);
  ASSERT_EQ(f->size(), 1u);
  EXPECT_EQ((*f)[0].second, "a=b");
}

TEST(ParseFormTest, RejectsTheWholeFormOnOneBadPair) {
  EXPECT_FALSE(ParseForm("a=1&b=%ZZ"));
  EXPECT_FALSE(ParseForm("a=1&b=%00"));
  EXPECT_FALSE(ParseForm("a=%C0%AF&b=2"));
  EXPECT_FALSE(ParseForm("bad%FFkey=1"));
  EXPECT_FALSE(ParseForm("a=%"));
}

// ---- cookies ----

TEST(CookiesTest, ParsesPairsTrimsAndUnquotes) {
  auto c = ParseCookies("sid=abc123; theme=\"dark\";  lang = en ");
  EXPECT_EQ(c.size(), 3u);
  EXPECT_EQ(c["sid"], "abc123");
  EXPECT_EQ(c["theme"], "dark");
  EXPECT_EQ(c["lang"], "en");
}

TEST(CookiesTest, FirstOneWinsAndMalformedPiecesAreIgnored) {
  auto c = ParseCookies("a=1; junk; =nameless; a=2; b=x=y; ;");
  EXPECT_EQ(c["a"], "1");
  EXPECT_EQ(c["b"], "x=y");
  EXPECT_EQ(c.count("junk"), 0u);
  EXPECT_EQ(c.count(""), 0u);
  EXPECT_TRUE(ParseCookies("").empty());
}

TEST(SetCookieTest, SafeDefaults) {
  std::string v = SetCookie("sid", "abc", CookieOptions{});
  EXPECT_EQ(v.rfind("sid=abc; Path=/", 0), 0u) << v;
  EXPECT_NE(v.find("; Secure"), std::string::npos) << v;
  EXPECT_NE(v.find("; HttpOnly"), std::string::npos) << v;
  EXPECT_NE(v.find("; SameSite=Lax"), std::string::npos) << v;
  EXPECT_EQ(v.find("Max-Age"), std::string::npos) << "a session cookie has no Max-Age: " << v;
}

TEST(SetCookieTest, OptionsShowUp) {
  CookieOptions o;
  o.path = "/checkup";
  o.max_age = 3600;
  o.http_only = false;
  o.secure = false;
  o.same_site = "Strict";
  EXPECT_EQ(SetCookie("k", "v", o), "k=v; Path=/checkup; Max-Age=3600; SameSite=Strict");
  CookieOptions del;
  del.max_age = 0;
  EXPECT_NE(SetCookie("k", "", del).find("; Max-Age=0"), std::string::npos);
}

TEST(SetCookieTest, WhatIsSetParsesBack) {
  std::string header = SetCookie("session", "tok_42-x", CookieOptions{});
  // A browser sends back only name=value.
  auto c = ParseCookies(header.substr(0, header.find(';')));
  EXPECT_EQ(c["session"], "tok_42-x");
}

}  // namespace
}  // namespace cultivate::http
