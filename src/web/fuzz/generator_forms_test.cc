// Generator: form bodies, with the fields of each form, then mutated. No TEST here.
#include "web/fuzz/generator_test_support.h"

#include <algorithm>

namespace cultivate::web::fuzz {

std::vector<std::pair<std::string, std::string>> Generator::FormFields(Rng& rng, const Route& r, const std::string& csrf) const {
  using Fields = std::vector<std::pair<std::string, std::string>>;
  Fields f;
  const std::string& p = r.pattern;
  auto plan = [&](Fields& out) {
    out.push_back({"vision", "A lively community"});
    out.push_back({"goals", "Monthly meetings"});
    out.push_back({"strategies", "Rotate hosts"});
    for (std::size_t i = 0, n = Between(rng, 0, 3); i < n; ++i) {
      std::string k = "item." + std::to_string(i) + ".";
      out.push_back({k + "what", "Book a room"});
      out.push_back({k + "owner", "Ana"});
      out.push_back({k + "due", Chance(rng, 0.5) ? "2031-02-03" : ""});
      out.push_back({k + "status", Pick(rng, std::vector<std::string>{"todo", "doing", "done", "dropped"})});
      out.push_back({k + "source", ""});
    }
  };
  if (p == "/checkup") {
    f.push_back({"name", "Tea club"});
    for (std::size_t i = 0, n = Between(rng, 1, 3); i < n; ++i) f.push_back({"phase", Pick(rng, w_.phases)});
  } else if (p == "/checkup/{token}/phase/{phase}") {
    std::string phase = Pick(rng, w_.phases);
    auto qs = w_.phase_questions.find(phase);
    if (qs != w_.phase_questions.end())
      for (const auto& q : qs->second) {
        f.push_back({"now." + q, std::to_string(Below(rng, 5))});
        f.push_back({"target." + q, std::to_string(Below(rng, 5))});
        f.push_back({"note." + q, Chance(rng, 0.3) ? "a note" : ""});
      }
    auto ps = w_.phase_prompts.find(phase);
    if (ps != w_.phase_prompts.end())
      for (const auto& q : ps->second) f.push_back({"prompt." + q, "a reflection"});
    f.push_back({"go", Pick(rng, std::vector<std::string>{"next", "prev", "stay", "results"})});
  } else if (p == "/checkup/{token}/plan") {
    plan(f);
    f.push_back({"go", Pick(rng, std::vector<std::string>{"save", "add"})});
  } else if (p == "/account/sign-up" || p == "/account/sign-in") {
    f.push_back({"form_csrf", csrf});
    f.push_back({"email", "fuzz" + RandomToken(rng, 6) + "@example.org"});
    f.push_back({"password", Chance(rng, 0.3) ? RandomToken(rng, 16) : "short"});
    if (p == "/account/sign-up") f.push_back({"name", "Fuzz"});
    f.push_back({"next", Pick(rng, std::vector<std::string>{"/communities", "//evil.example", "/\t/evil", ""})});
  } else if (p.rfind("/communities", 0) == 0 || p.rfind("/account", 0) == 0) {
    f.push_back({"csrf", csrf});
    if (p == "/communities" || p == "/communities/{id}/edit") {
      f.push_back({"name", "Fuzzed community"});
      f.push_back({"domain", "Wound care"});
      f.push_back({"purpose", "Learn"});
      f.push_back({"phase", Pick(rng, std::vector<std::string>{"define", "grow", "unsure", ""})});
    } else if (p == "/communities/{id}/delete") {
      f.push_back({"confirm", "yes"});
    } else if (p == "/communities/{id}/plan") {
      plan(f);
      f.push_back({"go", Pick(rng, std::vector<std::string>{"save", "suggest", "add"})});
    } else if (p == "/communities/{id}/rounds") {
      f.push_back({"title", "Autumn"});
      f.push_back({"closes", Chance(rng, 0.5) ? "2031-03-04" : Chance(rng, 0.5) ? "9999-12-31" : ""});
    } else if (p == "/communities/{id}/invites") {
      f.push_back({"days", std::to_string(Between(rng, 1, 366))});
    } else if (p == "/communities/{id}/sponsors") {
      f.push_back({"label", "Board"});
    } else if (p == "/communities/{id}/coordinators") {
      f.push_back({"email", Chance(rng, 0.5) ? kSpareEmail : "nobody@example.org"});
    } else if (p == "/account/delete") {
      f.push_back({"password", "not the password"});
    }
  }
  return f;
}

std::string Generator::FormBody(Rng& rng, const Route& r, const std::string& csrf, bool heavy) const {
  auto fields = FormFields(rng, r, csrf);
  int mutations = heavy ? static_cast<int>(Between(rng, 1, 5)) : static_cast<int>(Below(rng, 3));
  std::vector<std::string> parts;
  for (const auto& [k, v] : fields) parts.push_back(Encode(k) + "=" + Encode(v));
  for (int m = 0; m < mutations; ++m) {
    std::size_t i = Below(rng, parts.size() + 1);
    switch (Below(rng, 11)) {
      case 0:  // a value replaced by junk
        if (!parts.empty() && i < parts.size())
          parts[i] = parts[i].substr(0, parts[i].find('=') + 1) + (Chance(rng, 0.7) ? Encode(JunkText(rng)) : JunkText(rng));
        break;
      case 1:  // a key replaced by junk
        if (!parts.empty() && i < parts.size())
          parts[i] = Encode(JunkText(rng)) + parts[i].substr(std::min(parts[i].find('='), parts[i].size()));
        break;
      case 2: {
        static const std::vector<std::string> broken = {"%", "%z", "%zz", "%e2%82", "%c0%af", "%00", "%ff", "+",
                                                        "=", "&", "==", "%0d%0a", "%ed%a0%80"};
        parts.insert(parts.begin() + static_cast<long>(std::min(i, parts.size())),
                     Pick(rng, broken) + "=" + Pick(rng, broken));
        break;
      }
      case 3:
        if (!parts.empty() && i < parts.size()) parts.push_back(parts[i]);  // a duplicate
        break;
      case 4:
        if (!parts.empty() && i < parts.size()) parts.erase(parts.begin() + static_cast<long>(i));
        break;
      case 5: {
        static const std::vector<std::string> odd = {
            "item.999999999999.what=x", "item.-1.what=x", "item.abc.what=x", "item.00.what=x",
            "item.1e3.what=x", "item.18446744073709551616.what=x", "item.0.due=2031-02-30",
            "item.0.due=9999-99-99", "item.0.status=maybe", "item..what=x", "item.0=x", "item.=x",
            "days=-1", "days=0", "days=99999999999999999999", "days=1.5", "days=%20", "closes=2031-13-01",
            "closes=0000-00-00", "confirm=YES", "go=%00", "phase=unsure&phase=define&phase=define"};
        parts.push_back(Pick(rng, odd));
        if (!w_.questions.empty())
          parts.push_back(Pick(rng, std::vector<std::string>{"now.", "target.", "note."}) + Pick(rng, w_.questions) +
                          "=" + Encode(Pick(rng, JunkNumbers())));
        break;
      }
      case 6: {
        std::string many;
        for (std::size_t n = Between(rng, 100, 3000), k = 0; k < n; ++k) many += (k ? "&x=" : "x=") + std::to_string(k);
        parts.push_back(many);
        break;
      }
      case 7: parts.push_back(RandomBytes(rng, Between(rng, 1, 200))); break;
      case 8: parts.push_back("note." + (w_.questions.empty() ? std::string("x") : w_.questions[0]) + "=" +
                              std::string(Between(rng, 3000, 20000), 'n'));
        break;
      case 9: parts.push_back(Encode(Pick(rng, OddValidText())) + "=" + EncodeAll(Pick(rng, BadUtf8())));
        break;
      default: parts.push_back(std::string(Between(rng, 1, 50), '&')); break;
    }
  }
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '&';
    out += p;
  }
  return out;
}

}  // namespace cultivate::web::fuzz
