// Generator: path parameters, path segments and their mutations, queries. No TEST here.
#include "web/fuzz/generator_test_support.h"

#include <cctype>

namespace cultivate::web::fuzz {

std::string Generator::JunkId(Rng& rng) const {
  switch (Below(rng, 4)) {
    case 0: return Pick(rng, JunkNumbers());
    case 1: return std::to_string(Between(rng, 0, 5000));
    case 2: return std::string(Between(rng, 20, 5000), '1');
    default: return JunkText(rng);
  }
}

std::string Generator::JunkToken(Rng& rng, const std::string& real) const {
  switch (Below(rng, 8)) {
    case 0: return RandomToken(rng);
    case 1: return real.empty() ? RandomToken(rng) : real.substr(0, real.size() - 1);
    case 2: return real + "A";
    case 3: {
      std::string t = real.empty() ? RandomToken(rng) : real;
      t[Below(rng, t.size())] ^= 0x20;  // one letter's case (or a punctuation change)
      return t;
    }
    case 4: return std::string(Between(rng, 44, 9000), 'A');
    case 5: return real + "%00";
    case 6: return real + "/..";
    default: return JunkText(rng);
  }
}

/// A value for a path parameter. `guarded`: a write that could be legitimate, so only
/// throwaway records or junk; never the kept set.
std::string Generator::ParamValue(Rng& rng, Param kind, bool guarded, bool deletes_community, bool* junk) const {
  *junk = Chance(rng, 0.18);
  const Ids& k = w_.kept;
  const Ids& s = w_.spare;
  auto real = [&](std::vector<std::string> kept, std::vector<std::string> spare) {
    if (!guarded && Chance(rng, 0.5)) return Pick(rng, kept);
    return Pick(rng, spare);
  };
  std::string v;
  switch (kind) {
    case Param::kCheckup: {
      // Check-up tokens are capabilities: no write ever names a kept one, whoever asks.
      std::vector<std::string> kept = k.members, spare = s.members;
      kept.push_back(k.solo);
      spare.push_back(s.solo);
      spare.push_back(s.solo);
      v = real(kept, spare);
      if (*junk) v = JunkToken(rng, v);
      break;
    }
    case Param::kInvite:
      v = real({k.invite}, {s.invite, w_.joinable, w_.joinable});
      if (*junk) v = JunkToken(rng, v);
      break;
    case Param::kSponsor:
      v = real({k.sponsor}, {s.sponsor});
      if (*junk) v = JunkToken(rng, v);
      break;
    case Param::kCommunity:
      if (deletes_community && guarded)
        v = S(w_.doomed);
      else if (guarded)
        v = Chance(rng, 0.9) ? S(s.community) : S(w_.doomed);
      else if (Chance(rng, 0.5))
        v = S(k.community);  // someone else's: must be refused
      else
        v = Pick(rng, std::vector<std::string>{S(s.community), S(w_.others), S(w_.doomed)});
      if (*junk) v = JunkId(rng);
      break;
    case Param::kRound:
      v = Pick(rng, std::vector<std::string>{S(k.round), S(s.round), S(k.first_round), S(s.first_round)});
      if (*junk) v = JunkId(rng);
      break;
    case Param::kInviteId:
      v = Pick(rng, std::vector<std::string>{S(k.invite_id), S(s.invite_id)});
      if (*junk) v = JunkId(rng);
      break;
    case Param::kSponsorId:
      v = Pick(rng, std::vector<std::string>{S(k.sponsor_id), S(s.sponsor_id)});
      if (*junk) v = JunkId(rng);
      break;
    case Param::kUserId:
      v = Pick(rng, std::vector<std::string>{S(w_.owner_id), S(w_.spare_id)});
      if (*junk) v = JunkId(rng);
      break;
    case Param::kPhase:
      v = Pick(rng, w_.phases);
      if (*junk) v = JunkText(rng);
      break;
    case Param::kPractice:
      v = Pick(rng, w_.practices);
      if (*junk) v = JunkText(rng);
      break;
    case Param::kExample:
      v = Pick(rng, w_.examples);
      if (*junk) v = JunkText(rng);
      break;
    case Param::kOther:
      *junk = true;
      v = JunkText(rng);
      break;
  }
  return v;
}

std::string Generator::Segment(Rng& rng, const std::string& raw) const {
  // Mostly percent-encoded; sometimes raw (bytes over 0x7f, control characters), with
  // spaces and line breaks still encoded so the request line holds.
  if (Chance(rng, 0.85)) return Encode(raw);
  std::string out;
  for (unsigned char c : raw) {
    if (c == ' ' || c == '\r' || c == '\n' || c == '?' || c == '#' || c == '/') out += EncodeByte(c);
    else out += static_cast<char>(c);
  }
  return out;
}

void Generator::MutatePath(Rng& rng, std::vector<std::string>& segs) const {
  static const std::vector<std::string> inserts = {
      "%00", "%0d%0a", "%0a", "%0d", "%09", "%7f", "%ff", "%80", "%c0%80", "%c0%af", "%e0%80%af",
      "%ed%a0%80", "%f8%88%80%80%80", "%25", "%2f", "%2F", "%5c", "%2e", "%2e%2e", "%20", "+", "%u0000",
      "%", "%g0", "%1", "\x80", "\xff", "\x01", "\x7f", "\t", ";", ";x=1", "%3f", "%23", "*", "~"};
  if (segs.empty()) segs.push_back("");
  std::size_t i = Below(rng, segs.size());
  switch (Below(rng, 12)) {
    case 0: segs[i] = Segment(rng, JunkText(rng)); break;
    case 1: segs[i].insert(Below(rng, segs[i].size() + 1), Pick(rng, inserts)); break;
    case 2:
      if (!segs[i].empty()) {
        std::size_t at = Below(rng, segs[i].size());
        unsigned char c = static_cast<unsigned char>(segs[i][at]);
        if (c != '%') segs[i].replace(at, 1, EncodeByte(c, Chance(rng, 0.5)));
      }
      break;
    case 3: {
      static const std::vector<std::string> tails = {"", "..", ".", "%2e%2e", "x", "index.html", "%00", "~"};
      segs.push_back(Pick(rng, tails));
      break;
    }
    case 4: segs.insert(segs.begin() + static_cast<long>(i), ""); break;  // a double slash
    case 5: segs[i] += std::string(Between(rng, 1000, 9000), 'a'); break;
    case 6:
      for (char& c : segs[i]) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      break;
    case 7: segs.insert(segs.begin() + static_cast<long>(i), segs[i]); break;
    case 8:
      if (segs.size() > 1) segs.erase(segs.begin() + static_cast<long>(i));
      break;
    case 9: segs.insert(segs.begin() + static_cast<long>(i), ".."); break;
    case 10: segs[i] = EncodeAll(segs[i]); break;
    default: segs[i] += EncodeAll(Pick(rng, BadUtf8())); break;
  }
}

std::string Generator::Query(Rng& rng, bool heavy) const {
  static const std::vector<std::string> keys = {
      "next", "q", "started", "saved", "error", "deleted", "signed-out", "added", "page", "limit",
      "offset", "sector", "phase", "tag", "format", "v", "lang", "sort", "round", "token"};
  static const std::vector<std::string> nexts = {
      "/%09/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/%0d%0aX:%201",
      "javascript:alert(1)", "/communities", "/%2F%2Fevil.example", "%2F%2Fevil.example", "/\xe3\x80\x80/x",
      "/..", "/account?next=//x"};
  switch (Below(rng, heavy ? 10 : 8)) {
    case 0: return "";
    case 1: return "next=" + Pick(rng, nexts);
    case 2: return "q=" + Encode(Chance(rng, 0.5) ? JunkText(rng) : std::string("sponsor charter"));
    case 3: {
      std::string q;
      for (std::size_t i = 0, n = Between(rng, 1, 6); i < n; ++i) {
        if (!q.empty()) q += '&';
        q += Pick(rng, keys) + "=" + Encode(JunkText(rng));
      }
      return q;
    }
    case 4: return Pick(rng, keys) + "=" + Encode(Pick(rng, JunkNumbers()));
    case 5: return Pick(rng, keys) + "=1";
    case 6: {
      static const std::vector<std::string> odd = {"%", "=", "&&&", "a=%zz", "%00=%00", "a", "=&=&",
                                                   "a=1&a=2&a=3", "%ff%fe=%c0%af", "q=%", "a[]=1&a[x]=2",
                                                   "q=%e2%82", "#frag", "q=+++", "%0d%0a=1"};
      return Pick(rng, odd);
    }
    case 7: return "q=" + std::string(Between(rng, 1000, 9000), 'q');
    case 8: {
      std::string q;
      for (std::size_t i = 0, n = Between(rng, 100, 900); i < n; ++i) q += "a=" + std::to_string(i) + "&";
      return q;
    }
    default: {
      std::string raw = JunkText(rng);
      std::string out;
      for (unsigned char c : raw) {
        if (c == ' ' || c == '\r' || c == '\n' || c == '#') out += EncodeByte(c);
        else out += static_cast<char>(c);
      }
      return out;
    }
  }
}

}  // namespace cultivate::web::fuzz
