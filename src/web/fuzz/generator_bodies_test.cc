// Generator: JSON bodies (from the OpenAPI schemas, then mutated) and junk bodies. No TEST here.
#include "web/fuzz/generator_test_support.h"

#include <algorithm>
#include <iterator>
#include <random>
#include <set>

namespace cultivate::web::fuzz {

json Generator::SchemaValue(Rng& rng, const json& schema_in, const std::string& name, int depth) const {
  const json& s = *Resolve(w_.openapi, schema_in);
  if (name == "question" && !w_.questions.empty()) return Pick(rng, w_.questions);
  if (name == "prompt" && !w_.prompts.empty()) return Pick(rng, w_.prompts);
  // Never the owner's email: an invitation to it from the spare account would be a
  // legitimate change of what the owner sees.
  if (name == "email")
    return Chance(rng, 0.1) ? std::string(kSpareEmail) : "fuzz" + RandomToken(rng, 8) + "@example.org";
  if (name == "password") return Chance(rng, 0.3) ? RandomToken(rng, 16) : RandomToken(rng, 6);
  static const std::vector<std::string> odd_dates = {"9999-12-31", "1970-01-01", "1969-12-31", "2031-02-29",
                                                     "2032-02-29", "0000-01-01", "2031-00-10", "2031-12-32",
                                                     "2031-1-1", "2031/01/01", "20310101", "+031-01-01"};
  if ((name == "due" || name == "closes_at") && Chance(rng, 0.3)) return Pick(rng, odd_dates);
  if (name == "due") return Chance(rng, 0.5) ? std::string("2031-06-15") : std::string("");
  if (name == "closes_at") return std::string("2031-01-31");
  if (depth > 6) return nullptr;
  if (s.contains("oneOf") && s["oneOf"].is_array() && !s["oneOf"].empty())
    return SchemaValue(rng, s["oneOf"][Below(rng, s["oneOf"].size())], name, depth + 1);
  if (s.contains("enum") && s["enum"].is_array() && !s["enum"].empty()) return s["enum"][Below(rng, s["enum"].size())];
  if (s.contains("const")) return s["const"];
  std::string type = "object";
  if (s.contains("type")) {
    if (s["type"].is_string()) {
      type = s["type"].get<std::string>();
    } else if (s["type"].is_array() && !s["type"].empty()) {
      std::vector<std::string> types;
      for (const auto& t : s["type"])
        if (t != "null" || Chance(rng, 0.15)) types.push_back(t.get<std::string>());
      type = types.empty() ? std::string("null") : Pick(rng, types);
    }
  } else if (!s.contains("properties")) {
    return "x";
  }
  if (type == "null") return nullptr;
  if (type == "boolean") return Chance(rng, 0.5);
  if (type == "integer" || type == "number") {
    std::int64_t lo = s.value("minimum", std::int64_t{0}), hi = s.value("maximum", lo + 10);
    if (hi < lo) hi = lo;
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  }
  if (type == "string") {
    static const std::vector<std::string> texts = {"Tea club", "Monthly meetings", "Ana", "", "A plan",
                                                   "Wound care", "Learn together", "x"};
    return Pick(rng, texts);
  }
  if (type == "array") {
    json a = json::array();
    std::size_t n = Between(rng, s.value("minItems", std::size_t{0}) > 0 ? 1 : 0, 3);
    if (s.contains("items"))
      for (std::size_t i = 0; i < n; ++i) a.push_back(SchemaValue(rng, s["items"], name, depth + 1));
    return a;
  }
  json o = json::object();
  std::set<std::string> required;
  if (s.contains("required"))
    for (const auto& r : s["required"]) required.insert(r.get<std::string>());
  if (s.contains("properties"))
    for (const auto& [key, prop] : s["properties"].items())
      if (required.count(key) || Chance(rng, 0.75)) o[key] = SchemaValue(rng, prop, key, depth + 1);
  return o;
}

std::string Generator::Deep(Rng& rng) {
  std::size_t n = Pick(rng, std::vector<std::size_t>{100, 1000, 10000, 10000, 50000});
  switch (Below(rng, 5)) {
    case 0: return std::string(n, '[') + std::string(n, ']');
    case 1: {
      std::string s;
      for (std::size_t i = 0; i < n; ++i) s += "{\"a\":";
      s += "1";
      return s + std::string(n, '}');
    }
    case 2: return std::string(n, '[');  // never closed
    case 3: {
      std::string s;
      for (std::size_t i = 0; i < n; ++i) s += i % 2 ? "{\"x\":" : "[";
      s += "0";
      for (std::size_t i = n; i-- > 0;) s += i % 2 ? "}" : "]";
      return s;
    }
    default: {
      std::string s;
      for (std::size_t i = 0; i < n; ++i) s += "[{}, ";
      return s;
    }
  }
}

/// Raw JSON text to stand where a value stood.
std::string Generator::JunkJsonValue(Rng& rng) const {
  switch (Below(rng, 12)) {
    case 0: return Pick(rng, std::vector<std::string>{"1e999", "-1e999", "123456789012345678901234567890",
                                                      "-9223372036854775809", "18446744073709551616",
                                                      "9223372036854775807", "-0", "1e-400", "0.5", "4.0",
                                                      "1E+2", "NaN", "Infinity", "0x10", "01", "-", "1."});
    case 1: return Pick(rng, std::vector<std::string>{"true", "false", "null", "[]", "{}", "\"\"", "[null]",
                                                      "[[]]", "{\"\":{}}", "[1,2,3]", "\"4\""});
    case 2: return Deep(rng);
    case 3: return "\"" + std::string(Between(rng, 1000, 40000), 'x') + "\"";
    case 4: return "\"" + Pick(rng, BadUtf8()) + "\"";
    case 5: return "\"a\\u0000b\\ud800\\udfff\\ud800\"";
    case 6: return "\"" + RandomBytes(rng, Between(rng, 1, 40), 1, 31) + "\"";
    case 7: return "\"\\x41\\q\\\"";
    case 8: {
      json s = Pick(rng, OddValidText());
      return s.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    case 9: return "\"" + std::string(Between(rng, 100, 3000), '\\') + "\"";
    case 10: {
      std::string a = "[";
      for (std::size_t i = 0, n = Between(rng, 100, 5000); i < n; ++i) a += (i ? ",{}" : "{}");
      return a + "]";
    }
    default: return JunkText(rng).empty() ? "" : "\"" + Encode(JunkText(rng)) + "\"";
  }
}

/// The deepest nesting of brackets in JSON text, strings skipped.
std::size_t Generator::Nesting(const std::string& text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

/// Replaces a random node of `j` with a placeholder; returns false when none.
bool Generator::Plant(Rng& rng, json& j, int depth) {
  if (depth > 8) return false;
  if ((j.is_object() || j.is_array()) && !j.empty() && Chance(rng, 0.7)) {
    std::size_t i = Below(rng, j.size());
    auto it = j.begin();
    std::advance(it, static_cast<long>(i));
    if (Plant(rng, *it, depth + 1)) return true;
    *it = "@@JUNK@@";
    return true;
  }
  if (depth == 0) return false;
  j = "@@JUNK@@";
  return true;
}

std::string Generator::JsonBody(Rng& rng, const Route& r, bool heavy) const {
  json valid = r.schema ? SchemaValue(rng, *r.schema, "", 0) : json::object();
  // Per-route bodies that the schemas alone do not make valid enough.
  if (r.pattern == "/api/v1/checkups/{token}/answers" && Chance(rng, 0.5)) {
    json answers = json::array();
    for (std::size_t i = 0, n = Between(rng, 1, 8); i < n; ++i)
      answers.push_back({{"question", Pick(rng, w_.questions)}, {"now", Below(rng, 5)},
                         {"target", Below(rng, 5)}, {"note", "note"}});
    valid = {{"answers", answers}};
  }
  int mutations = heavy ? static_cast<int>(Between(rng, 1, 4)) : static_cast<int>(Below(rng, 3));
  if (!heavy && Chance(rng, 0.3)) mutations = 0;
  std::string text = valid.dump(-1, ' ', false, json::error_handler_t::replace);
  for (int m = 0; m < mutations; ++m) {
    switch (Below(rng, 14)) {
      case 0:
      case 1:
      case 2: {  // a node replaced by junk
        // (Not text nested deeper than the parser's recursion in dump() can take.)
        json j = Nesting(text) > 200 ? json(json::value_t::discarded) : json::parse(text, nullptr, false);
        if (j.is_discarded() || !Plant(rng, j)) {
          text = JunkJsonValue(rng);
          break;
        }
        std::string dumped = j.dump(-1, ' ', false, json::error_handler_t::replace);
        std::size_t at = dumped.find("\"@@JUNK@@\"");
        if (at != std::string::npos) dumped.replace(at, 10, JunkJsonValue(rng));
        text = dumped;
        break;
      }
      case 3: {  // an unknown or duplicated key
        std::size_t at = text.find('{');
        if (at != std::string::npos)
          text.insert(at + 1, "\"" + Pick(rng, std::vector<std::string>{"name", "answers", "__proto__", "id",
                                                                         "items", "email", "phase", ""}) +
                                  "\":" + JunkJsonValue(rng) + (text[at + 1] == '}' ? "" : ","));
        break;
      }
      case 4: {  // broken UTF-8 inside a string
        std::size_t at = text.find('"', Below(rng, text.size() + 1));
        if (at != std::string::npos) text.insert(at + 1, Pick(rng, BadUtf8()));
        else text += Pick(rng, BadUtf8());
        break;
      }
      case 5: text = text.substr(0, Below(rng, text.size() + 1)); break;
      case 6: text += Pick(rng, std::vector<std::string>{",", "}", "]", " x", "\0", "{}", "//c", "\n\n", "garbage"}); break;
      case 7: text = "\xef\xbb\xbf" + text; break;
      case 8: text = Pick(rng, std::vector<std::string>{"[", "\"", "1", "null", "true", "[]", "\"x\"", "{"}) + text; break;
      case 9: text = Deep(rng); break;
      case 10: {  // raw control characters in a string
        std::size_t at = text.find('"', Below(rng, text.size() + 1));
        if (at != std::string::npos) text.insert(at + 1, RandomBytes(rng, Between(rng, 1, 4), 0, 31));
        break;
      }
      case 11: text = "[" + text + "]"; break;
      case 12: {  // a number replaced by a huge or odd literal
        std::size_t at = text.find_first_of("0123456789", Below(rng, text.size() + 1));
        if (at != std::string::npos) {
          std::size_t end = text.find_first_not_of("0123456789", at);
          text.replace(at, end == std::string::npos ? std::string::npos : end - at,
                       Pick(rng, std::vector<std::string>{"1e999", "99999999999999999999", "-1", "4294967297", "2147483648",
                                                          "1.5", "-0", "9223372036854775808", "5", "-9223372036854775808"}));
        }
        break;
      }
      default: text = RandomBytes(rng, Between(rng, 0, 600)); break;
    }
  }
  return text;
}

std::string Generator::JunkBody(Rng& rng) const {
  switch (Below(rng, 6)) {
    case 0: return RandomBytes(rng, Between(rng, 1, 4096));
    case 1: return Deep(rng);
    case 2: return JunkJsonValue(rng);
    case 3: {
      std::string s = "{\"a\":\"";
      for (std::size_t i = 0, n = Between(rng, 1, 30); i < n; ++i) s += Pick(rng, BadUtf8());
      return s + "\"}";
    }
    case 4: return "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + JunkText(rng) + "\r\n--x--\r\n";
    default: return std::string(Between(rng, 1, 70000), Chance(rng, 0.5) ? '{' : 'a');
  }
}

}  // namespace cultivate::web::fuzz
