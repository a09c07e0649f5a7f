#include "content/readability.h"

#include <md4c.h>

#include <array>
#include <cstdint>

namespace cultivate::content {
namespace {

constexpr unsigned kParserFlags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;

/// Collects the prose of a document while md4c parses it.
struct ProseCollector {
  std::string out;
  int code_blocks = 0;  // > 0 inside a code block
  int links = 0;        // > 0 inside a link
  std::string href;     // of the outermost open link
  std::string link_text;

  void Append(std::string_view text) {
    if (code_blocks > 0) return;
    (links > 0 ? link_text : out).append(text);
  }
  void EndBlock() {
    if (!out.empty() && out.back() != '\n') out += '\n';
  }
};

bool EndsBlock(MD_BLOCKTYPE type) {
  switch (type) {
    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_LI:
    case MD_BLOCK_TD:
    case MD_BLOCK_TH:
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_CODE:
    case MD_BLOCK_HR:
      return true;
    default:
      return false;
  }
}

int EnterBlock(MD_BLOCKTYPE type, void*, void* user) {
  auto* c = static_cast<ProseCollector*>(user);
  if (EndsBlock(type)) c->EndBlock();
  if (type == MD_BLOCK_CODE) ++c->code_blocks;
  return 0;
}

int LeaveBlock(MD_BLOCKTYPE type, void*, void* user) {
  auto* c = static_cast<ProseCollector*>(user);
  if (type == MD_BLOCK_CODE) --c->code_blocks;
  if (EndsBlock(type)) c->EndBlock();
  return 0;
}

int EnterSpan(MD_SPANTYPE type, void* detail, void* user) {
  auto* c = static_cast<ProseCollector*>(user);
  if (type == MD_SPAN_A && c->links++ == 0) {
    const MD_ATTRIBUTE& href = static_cast<MD_SPAN_A_DETAIL*>(detail)->href;
    c->href.assign(href.text, href.size);
    c->link_text.clear();
  }
  return 0;
}

/// An autolink (<https://...>, a bare URL or an e-mail address) shows its own target.
bool IsAutolink(const std::string& text, const std::string& href) {
  return text == href || "http://" + text == href || "https://" + text == href ||
         "mailto:" + text == href;
}

int LeaveSpan(MD_SPANTYPE type, void*, void* user) {
  auto* c = static_cast<ProseCollector*>(user);
  if (type == MD_SPAN_A && --c->links == 0) {
    if (!IsAutolink(c->link_text, c->href)) c->out += c->link_text;
    c->link_text.clear();
  }
  return 0;
}

int Text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto* c = static_cast<ProseCollector*>(user);
  std::string_view t(text, size);
  switch (type) {
    case MD_TEXT_NORMAL:
      c->Append(t);
      break;
    case MD_TEXT_ENTITY:
      c->Append(t == "&amp;" ? "&" : " ");
      break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      c->Append(" ");
      break;
    default:  // code, raw HTML, NUL characters, maths
      break;
  }
  return 0;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsVowel(const std::string& w, size_t i) {
  char c = w[i];
  if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') return true;
  // A leading y is a consonant (year, you); elsewhere it sounds as a vowel (city, type).
  return c == 'y' && i > 0;
}

bool EndsWith(const std::string& w, std::string_view tail) {
  return w.size() >= tail.size() && w.compare(w.size() - tail.size(), tail.size(), tail) == 0;
}

/// One decoded UTF-8 character.
struct Char {
  uint32_t code = 0;
  size_t length = 1;
};

Char Decode(std::string_view s, size_t i) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
  if (n == 1 || i + n > s.size()) return {0xFFFD, 1};
  uint32_t code = b & (0x3F >> (n - 1));
  for (size_t k = 1; k < n; ++k) code = (code << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {code, n};
}

enum class Kind { kLetter, kDigit, kApostrophe, kHyphen, kStop, kPoint, kComma, kBreak, kOther };

Kind Classify(uint32_t c) {
  if (c < 0x80) {
    char a = static_cast<char>(c);
    if (IsAsciiLetter(a)) return Kind::kLetter;
    if (IsDigit(a)) return Kind::kDigit;
    if (a == '\'') return Kind::kApostrophe;
    if (a == '-') return Kind::kHyphen;
    if (a == '!' || a == '?') return Kind::kStop;
    if (a == '.') return Kind::kPoint;
    if (a == ',') return Kind::kComma;
    if (a == '\n') return Kind::kBreak;
    return Kind::kOther;
  }
  if (c == 0x2018 || c == 0x2019) return Kind::kApostrophe;
  if (c == 0x2011) return Kind::kHyphen;  // non-breaking hyphen
  if (c == 0x2026) return Kind::kPoint;   // ellipsis
  if (c == 0x00A0 || (c >= 0x2000 && c <= 0x206F) || c == 0xFFFD) return Kind::kOther;
  if (c == 0x00BF || c == 0x00A1) return Kind::kOther;
  if (c < 0x00C0) return Kind::kOther;  // Latin-1 signs (£, ©, ×, ...)
  if (c == 0x00D7 || c == 0x00F7) return Kind::kOther;
  return Kind::kLetter;  // accented letters and other scripts
}

/// Words that end in a full stop without ending the sentence.
bool IsAbbreviation(const std::string& lower) {
  static constexpr std::array<std::string_view, 10> kAbbreviations = {
      "e.g", "i.e", "dr", "mr", "mrs", "ms", "st", "vs", "cf", "approx"};
  for (std::string_view a : kAbbreviations) {
    if (lower == a) return true;
  }
  return false;
}

}  // namespace

std::string MarkdownProse(std::string_view markdown) {
  ProseCollector collector;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = kParserFlags;
  parser.enter_block = EnterBlock;
  parser.leave_block = LeaveBlock;
  parser.enter_span = EnterSpan;
  parser.leave_span = LeaveSpan;
  parser.text = Text;
  md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &collector);
  collector.EndBlock();
  return collector.out;
}

int CountSyllables(std::string_view word) {
  std::string w;
  int digits = 0;
  for (size_t i = 0; i < word.size();) {
    Char ch = Decode(word, i);
    i += ch.length;
    Kind kind = Classify(ch.code);
    if (kind == Kind::kDigit) {
      ++digits;
    } else if (kind == Kind::kLetter) {
      w += ch.code < 0x80 ? Lower(static_cast<char>(ch.code)) : 'e';  // a non-ASCII letter as a vowel
    }
  }
  if (w.empty()) return digits == 0 ? 0 : digits > 4 ? 4 : digits;
  if (w.size() <= 3) return 1;
  auto consonant_before = [&](size_t tail) {
    return w.size() > tail && !IsVowel(w, w.size() - tail - 1);
  };
  if (EndsWith(w, "es") && !EndsWith(w, "ses") && !EndsWith(w, "xes") && !EndsWith(w, "zes") &&
      !EndsWith(w, "ches") && !EndsWith(w, "shes") && !EndsWith(w, "ces") &&
      !EndsWith(w, "ges") && !(EndsWith(w, "les") && consonant_before(3))) {
    w.resize(w.size() - 2);  // makes, times
  } else if (EndsWith(w, "ed") && !EndsWith(w, "ted") && !EndsWith(w, "ded")) {
    w.resize(w.size() - 2);  // learned, shared
  } else if (EndsWith(w, "e") && !(EndsWith(w, "le") && consonant_before(2))) {
    w.resize(w.size() - 1);  // silent final e, but not in table, simple
  }
  int count = 0;
  bool in_group = false;
  for (size_t i = 0; i < w.size(); ++i) {
    bool vowel = IsVowel(w, i);
    if (vowel && !in_group) ++count;
    in_group = vowel;
  }
  // Vowel pairs usually said as two syllables: media, usual (not special, quality, language).
  for (size_t i = 1; i + 1 < w.size(); ++i) {
    char before = w[i - 1];
    if (w[i] == 'i' && w[i + 1] == 'a' && before != 'c' && before != 't' && before != 's' &&
        before != 'g') {
      ++count;
    } else if (w[i] == 'u' && w[i + 1] == 'a' && before != 'q' && before != 'g') {
      ++count;
    }
  }
  return count < 1 ? 1 : count;
}

TextStats MeasureProse(std::string_view text) {
  TextStats stats;
  std::string word;      // the word being read, as written
  std::string last;      // the last finished word, lowercase
  bool open_sentence = false;
  auto finish_word = [&] {
    while (!word.empty() && (word.back() == '\'' || word.back() == '-' || word.back() == '.' ||
                             word.back() == ',')) {
      word.pop_back();
    }
    if (word.empty()) return;
    ++stats.words;
    stats.syllables += CountSyllables(word);
    last.clear();
    for (char c : word) last += Lower(c);
    word.clear();
    open_sentence = true;
  };
  auto end_sentence = [&] {
    if (open_sentence) ++stats.sentences;
    open_sentence = false;
  };
  // The kind of the next character after position `i`, skipping nothing.
  auto kind_at = [&](size_t i) {
    return i < text.size() ? Classify(Decode(text, i).code) : Kind::kBreak;
  };
  for (size_t i = 0; i < text.size();) {
    Char ch = Decode(text, i);
    size_t next = i + ch.length;
    Kind kind = Classify(ch.code);
    bool in_word = !word.empty();
    switch (kind) {
      case Kind::kLetter:
      case Kind::kDigit:
        word.append(text.substr(i, ch.length));
        break;
      case Kind::kApostrophe:
      case Kind::kHyphen:
        // Inside a word (don't, one-to-one) it belongs to it; otherwise it separates.
        if (in_word && (kind_at(next) == Kind::kLetter || kind_at(next) == Kind::kDigit)) {
          word += kind == Kind::kHyphen ? '-' : '\'';
        } else {
          finish_word();
        }
        break;
      case Kind::kComma:
        // 2,800 is one number.
        if (in_word && IsDigit(word.back()) && kind_at(next) == Kind::kDigit) {
          word += ',';
        } else {
          finish_word();
        }
        break;
      case Kind::kPoint: {
        Kind after = kind_at(next);
        // 58.2 and e.g keep the point inside the word.
        if (ch.code == '.' && in_word && (after == Kind::kLetter || after == Kind::kDigit)) {
          word += '.';
          break;
        }
        finish_word();
        // Skip closing quotes and brackets, then spaces, to see what follows.
        size_t j = next;
        while (j < text.size()) {
          Char c = Decode(text, j);
          bool skip = c.code == '"' || c.code == ')' || c.code == ']' || c.code == '*' ||
                      c.code == '_' || c.code == 0x201D || c.code == 0x2019 || c.code == '.' ||
                      c.code == ' ' || c.code == '\t';
          if (!skip) break;
          j += c.length;
        }
        bool lowercase_next = j < text.size() && text[j] >= 'a' && text[j] <= 'z';
        if (!IsAbbreviation(last) && !lowercase_next) end_sentence();
        break;
      }
      case Kind::kStop:
        finish_word();
        end_sentence();
        break;
      case Kind::kBreak:
        finish_word();
        end_sentence();
        break;
      case Kind::kOther:
        finish_word();
        break;
    }
    i = next;
  }
  finish_word();
  end_sentence();
  return stats;
}

std::optional<double> FleschKincaidGrade(const TextStats& stats) {
  if (stats.words == 0 || stats.sentences == 0) return std::nullopt;
  double words = stats.words;
  return 0.39 * (words / stats.sentences) + 11.8 * (stats.syllables / words) - 15.59;
}

std::optional<double> MarkdownReadingGrade(std::string_view markdown) {
  return FleschKincaidGrade(MeasureProse(MarkdownProse(markdown)));
}

}  // namespace cultivate::content
