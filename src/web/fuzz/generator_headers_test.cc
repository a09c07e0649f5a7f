// Generator: content types, junk cookies and junk headers. No TEST here.
#include "web/fuzz/generator_test_support.h"

#include <random>

namespace cultivate::web::fuzz {

std::string Generator::ContentType(Rng& rng, bool json_body) const {
  static const std::vector<std::string> odd = {
      "application/json; charset=utf-8", "APPLICATION/JSON", "application/json;charset=latin-1",
      "application/json ; x=y", "application/json;;;", "application/jsonx", "text/json", "text/plain",
      "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
      "multipart/form-data; boundary=x", "multipart/form-data", "", ";", "*/*", "application/",
      "application/json\xff", "\x80\x81", "application/json, text/html", "application/merge-patch+json"};
  double roll = std::uniform_real_distribution<double>(0, 1)(rng);
  if (roll < 0.75) return json_body ? "application/json" : "application/x-www-form-urlencoded";
  if (roll < 0.95) return Pick(rng, odd);
  return NoLineBreaks(JunkText(rng));
}

std::string Generator::JunkCookie(Rng& rng) const {
  const std::string& real = w_.spare_session;
  switch (Below(rng, 12)) {
    case 0: return std::string(kSession) + "=" + RandomToken(rng);
    case 1: return std::string(kSession) + "=" + NoLineBreaks(JunkText(rng));
    case 2: return NoLineBreaks(JunkText(rng));
    case 3: return std::string(kSession) + "=" + real + "x";
    case 4: return std::string(kSession) + "=\"" + real + "\"";
    case 5: return ";;;;=;==; ;";
    case 6: return std::string(Between(rng, 1000, 9000), 'c');
    case 7: return std::string(kSession) + "=" + RandomBytes(rng, 40, 0x80, 0xff);
    case 8: return std::string(kFormCookie) + "=" + NoLineBreaks(JunkText(rng));
    case 9: return "a=1; " + std::string(kSession) + "=; b=\x01\x02";
    case 10: {
      std::string s;
      for (std::size_t i = 0, n = Between(rng, 50, 500); i < n; ++i) s += "c" + std::to_string(i) + "=v; ";
      return s;
    }
    default: return std::string(kSession) + "=" + std::string(Between(rng, 44, 4000), 'A');
  }
}

std::string Generator::JunkHeader(Rng& rng) const {
  std::string port = std::to_string(w_.port);
  switch (Below(rng, 22)) {
    case 0: return "Accept: " + Pick(rng, std::vector<std::string>{"*/*", "application/json", "text/html;q=0.9", "x/y;q=junk", ""});
    case 1: return "Accept-Encoding: " + Pick(rng, std::vector<std::string>{"gzip", "br", "gzip, deflate, br", "*", "identity;q=0", "gzip;q=abc", std::string(5000, 'g')});
    case 2: return "Accept-Language: " + NoLineBreaks(JunkText(rng));
    case 3: return "If-None-Match: " + Pick(rng, std::vector<std::string>{"*", "\"x\"", "W/\"\"", "\"", NoLineBreaks(JunkText(rng))});
    case 4: return "If-Modified-Since: " + Pick(rng, std::vector<std::string>{"Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "yesterday", NoLineBreaks(JunkText(rng))});
    case 5: return "Range: bytes=" + Pick(rng, std::vector<std::string>{"0-0", "-1", "5-1", "0-99999999999999999999", "a-b", ""});
    case 6: return "Origin: " + Pick(rng, std::vector<std::string>{"http://127.0.0.1:" + port, "https://evil.example", "null", "", NoLineBreaks(JunkText(rng))});
    case 7: return "Sec-Fetch-Site: " + Pick(rng, std::vector<std::string>{"same-origin", "cross-site", "none", "same-site", NoLineBreaks(JunkText(rng))});
    case 8: return "Referer: " + NoLineBreaks(JunkText(rng));
    case 9: return "X-Forwarded-For: " + Pick(rng, std::vector<std::string>{"1.2.3.4", "junk", ", , ,", "::1, 1.1.1.1", std::string(3000, '9'), NoLineBreaks(JunkText(rng))});
    case 10: return "User-Agent: " + NoLineBreaks(JunkText(rng));
    case 11: return "Authorization: Bearer " + NoLineBreaks(JunkText(rng));
    case 12: return "Expect: 100-continue";
    case 13: return "Connection: " + Pick(rng, std::vector<std::string>{"close", "keep-alive", "upgrade", "junk", "close, close", ""});
    case 14: return "Upgrade: " + Pick(rng, std::vector<std::string>{"websocket", "h2c", "HTTP/2.0"});
    case 15: return "Content-Encoding: " + Pick(rng, std::vector<std::string>{"gzip", "br", "deflate", "identity", "x"});
    case 16: return "X-Big: " + std::string(Pick(rng, std::vector<std::size_t>{2000, 6000, 7900, 9000}), 'b');
    case 17: return "X-High: " + RandomBytes(rng, Between(rng, 1, 100), 0x80, 0xff);
    case 18: return "X-Ctl: a" + RandomBytes(rng, Between(rng, 1, 8), 1, 8) + "\x7f" + "b";
    case 19: return NoLineBreaks(JunkText(rng)) + ": x";
    case 20: return "Host: " + Pick(rng, std::vector<std::string>{"evil.example", "", "127.0.0.1:" + port, "[::1]", "a b", std::string(3000, 'h'), NoLineBreaks(JunkText(rng))});
    default: return "X-" + RandomToken(rng, 6) + ": " + NoLineBreaks(JunkText(rng));
  }
}

}  // namespace cultivate::web::fuzz
