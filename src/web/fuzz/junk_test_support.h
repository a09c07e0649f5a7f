// The fuzzer's random helpers and junk text: bytes, broken UTF-8, control characters,
// odd numbers and odd but valid Unicode; and the escaping used in its reports.
#pragma once

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace cultivate::web::fuzz {

using Rng = std::mt19937;

inline std::size_t Below(Rng& rng, std::size_t n) {
  return n <= 1 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}
inline bool Chance(Rng& rng, double p) { return std::bernoulli_distribution(p)(rng); }
inline std::size_t Between(Rng& rng, std::size_t lo, std::size_t hi) {
  return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
}
template <typename T>
const T& Pick(Rng& rng, const std::vector<T>& v) {
  return v[Below(rng, v.size())];
}

inline std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

/// Printable ASCII as is, everything else as \xNN; at most `max` input bytes.
inline std::string Escape(std::string_view s, std::size_t max = 160) {
  std::string out;
  static const char* hex = "0123456789abcdef";
  for (std::size_t i = 0; i < s.size() && i < max; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  if (s.size() > max) out += "...(" + std::to_string(s.size()) + " bytes)";
  return out;
}

inline std::string Hex(std::string_view s, std::size_t max = 48) {
  std::string out;
  static const char* hex = "0123456789abcdef";
  for (std::size_t i = 0; i < s.size() && i < max; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  if (s.size() > max) out += "..";
  return out;
}

inline std::string EncodeByte(unsigned char c, bool lower = false) {
  const char* hex = lower ? "0123456789abcdef" : "0123456789ABCDEF";
  return std::string("%") + hex[c >> 4] + hex[c & 15];
}

/// Percent-encodes everything but unreserved characters.
inline std::string Encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += EncodeByte(c);
  }
  return out;
}

inline std::string EncodeAll(std::string_view s) {
  std::string out;
  for (unsigned char c : s) out += EncodeByte(c, true);
  return out;
}

inline std::string RandomToken(Rng& rng, std::size_t n = 43) {
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string t;
  for (std::size_t i = 0; i < n; ++i) t += alphabet[Below(rng, alphabet.size())];
  return t;
}

inline std::string RandomBytes(Rng& rng, std::size_t n, unsigned lo = 0, unsigned hi = 255) {
  std::string s;
  s.reserve(n);
  std::uniform_int_distribution<unsigned> d(lo, hi);
  for (std::size_t i = 0; i < n; ++i) s += static_cast<char>(d(rng));
  return s;
}

/// Header values and request lines of well-formed requests must not hold CR or LF.
inline std::string NoLineBreaks(std::string s) {
  for (char& c : s)
    if (c == '\r' || c == '\n') c = '?';
  return s;
}

inline const std::vector<std::string>& BadUtf8() {
  static const std::vector<std::string> v = {
      "\xc3",         "\xc3\x28",     "\xa0\xa1",         "\xe2\x28\xa1",         "\xe2\x82",
      "\xf0\x28\x8c\xbc", "\xf0\x90\x28\xbc", "\xc0\xaf", "\xc0\x80",         "\xe0\x80\xaf",
      "\xed\xa0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\xfc\x84\x80\x80\x80\x80",
      "\xfe",         "\xff",         "\xef\xbb\xbf",     "\x80",                 "\xf0\x9f\x98"};
  return v;
}

inline const std::vector<std::string>& OddValidText() {
  static const std::vector<std::string> v = {
      "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",  // Japanese
      "\xf0\x9f\x98\x80",                      // emoji
      "\xef\xbc\x9d" "1+1",                    // full-width = then a formula
      "\xe2\x80\xae" "evil",                   // right-to-left override
      "\xe2\x80\x8b",                          // zero-width space
      "e\xcc\x81\xcc\x81\xcc\x81",             // combining marks
      "\xef\xbf\xbf",                          // noncharacter U+FFFF
      "\xf4\x8f\xbf\xbf",                      // U+10FFFF
      "=HYPERLINK(\"http://evil.example\")",
      " =1+1",
      "\t@SUM(A1)",
      "<script>alert(1)</script>",
      "\"'><img src=x onerror=alert(1)>",
      "{{csrf}}{{{body}}}{{#x}}",
      "${jndi:ldap://x}",
      "'; DROP TABLE users; --",
      "%s%s%s%n",
      "../../../../etc/passwd",
      "null",
      "\\u0000",
  };
  return v;
}

inline const std::vector<std::string>& JunkNumbers() {
  static const std::vector<std::string> v = {
      "0", "-1", "1e999", "-1e999", "1e-999", "99999999999999999999999999999", "9223372036854775807",
      "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551616",
      "4294967296", "2147483648", "-2147483649", "1.5", "-0", "0.0", "1E+400", "NaN", "Infinity",
      "0x10", "+1", "01", " 1", "1 ", "1e3", "３", "\xd9\xa3", "2abc", ""};
  return v;
}

/// Junk text for any value: bytes, broken UTF-8, control characters, long runs, odd
/// numbers, odd but valid Unicode, tokens.
inline std::string JunkText(Rng& rng) {
  switch (Below(rng, 15)) {
    case 0: return "";
    case 1: return RandomBytes(rng, Between(rng, 1, 64));
    case 2: return RandomBytes(rng, Between(rng, 1, 32), 0x80, 0xff);
    case 3: {
      std::string s = "ok";
      for (std::size_t i = 0, n = Between(rng, 1, 4); i < n; ++i) s += Pick(rng, BadUtf8()) + "x";
      return s;
    }
    case 4: {
      std::string s;
      for (std::size_t i = 0, n = Between(rng, 1, 8); i < n; ++i) {
        unsigned c = static_cast<unsigned>(Below(rng, 33));
        s += static_cast<char>(c == 32 ? 0x7f : c);
      }
      return s;
    }
    case 5: return std::string(Between(rng, 200, 9000), Chance(rng, 0.5) ? 'A' : '9');
    case 6: return Pick(rng, JunkNumbers());
    case 7: return Pick(rng, OddValidText());
    case 8: return std::string("a\0b", 3);
    case 9: return "a\r\nX-Injected: yes\r\n\r\n";
    case 10: {
      std::string s;
      for (std::size_t i = 0, n = Between(rng, 100, 3000); i < n; ++i) s += "\xe2\x82\xac";
      return s;
    }
    case 11: return RandomBytes(rng, Between(rng, 1, 200), 0x20, 0x7e);
    case 12: return RandomToken(rng, Chance(rng, 0.7) ? 43 : Between(rng, 1, 90));
    case 13: {
      static const std::vector<std::string> v = {"..", ".", "/", "//", "\\", "%", "%%", "%zz", "%0", "%c0%ae",
                                                 "?", "#", "&", "=", ";", "+", " ", "*", "~", "@"};
      return Pick(rng, v);
    }
    default: return std::string(Between(rng, 1, 20), static_cast<char>(Below(rng, 256)));
  }
}

}  // namespace cultivate::web::fuzz
