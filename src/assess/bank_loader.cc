// LoadBankVersion (declared in bank.h): reads and checks one version's question bank files.

#include "assess/bank.h"

#include <algorithm>
#include <optional>
#include <set>

#include <toml++/toml.h>

#include "assess/toml_fields.h"

namespace cultivate::assess {
namespace {

using internal::FieldReader;
using internal::IsSlug;
using internal::LineOf;

constexpr size_t kMinQuestionsPerPhase = 8;
constexpr size_t kMinPromptsPerPhase = 2;

/// Where each id was first defined, so a duplicate can point at the original.
using IdOrigins = std::map<std::string, std::string>;

std::optional<toml::table> ParseFile(const std::filesystem::path& path, Diagnostics* out) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    out->push_back({path.string(), 0, "file is missing"});
    return std::nullopt;
  }
  try {
    return toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    out->push_back({path.string(), static_cast<int>(e.source().begin.line),
                    "TOML syntax error: " + std::string(e.description())});
    return std::nullopt;
  }
}

/// Every item of `node` as a table; reports items that are not tables.
std::vector<const toml::table*> TablesOf(const toml::node* node, std::string_view key,
                                         FieldReader& file) {
  std::vector<const toml::table*> tables;
  if (!node) return tables;
  const auto* array = node->as_array();
  if (!array) {
    file.Report(LineOf(*node), "'" + std::string(key) + "' must be written as [[" +
                                   std::string(key) + "]] tables");
    return tables;
  }
  for (const toml::node& item : *array) {
    if (const auto* table = item.as_table()) {
      tables.push_back(table);
    } else {
      file.Report(LineOf(item), "each '" + std::string(key) + "' must be a table");
    }
  }
  return tables;
}

void CheckKnown(const std::vector<std::string>& values, const std::set<std::string>& known,
                std::string_view kind, std::string_view where, int line, FieldReader& r) {
  for (const auto& v : values) {
    if (!known.contains(v)) {
      r.Report(line,
               "unknown " + std::string(kind) + " '" + v + "' (not in " + std::string(where) + ")");
    }
  }
}

/// Checks id shape and uniqueness; returns false when the id is unusable.
bool CheckId(const std::string& id, const std::string& phase, int line, const std::string& file,
             IdOrigins& origins, FieldReader& r) {
  bool ok = true;
  if (!IsSlug(id)) {
    r.Report(line, "id must be a lowercase slug (a-z, 0-9 and single hyphens)");
    ok = false;
  }
  if (!id.starts_with(phase + "-")) {
    r.Report(line, "id must start with '" + phase + "-'");
    ok = false;
  }
  auto [it, inserted] = origins.emplace(id, file + ":" + std::to_string(line));
  if (!inserted) {
    r.Report(line, "id '" + id + "' is already used at " + it->second);
    ok = false;
  }
  return ok;
}

std::map<std::string, int> ReadWeights(const toml::table& q, const std::string& phase,
                                       const KnownIds& ids, FieldReader& r) {
  std::map<std::string, int> weights;
  const toml::node* node = q.get("weights");
  if (!node) {
    r.Report(0, "missing required key 'weights'");
    return weights;
  }
  const auto* table = node->as_table();
  if (!table) {
    r.Report(LineOf(*node), "'weights' must be a table like { " + phase + " = 2 }");
    return weights;
  }
  for (const auto& [key, value] : *table) {
    std::string p(key.str());
    const auto* w = value.as_integer();
    if (PhaseIndex(p) < 0 || (!ids.phases.empty() && !ids.phases.contains(p))) {
      r.Report(LineOf(value), "weights: unknown phase '" + p + "'");
    } else if (!w || w->get() < 1 || w->get() > 3) {
      r.Report(LineOf(value), "weights: '" + p + "' must be an integer from 1 to 3");
    } else {
      weights[p] = static_cast<int>(w->get());
    }
  }
  if (!table->contains(phase)) {
    r.Report(LineOf(*node), "weights must include its own phase '" + phase + "'");
  }
  return weights;
}

// `added` or `reworded`: empty when absent; nullopt (reported) when not a version up to the
// bank's own.
std::optional<std::string> ReadVersionKey(const toml::table& t, std::string_view key,
                                          const std::string& bank_version, FieldReader& r) {
  const toml::node* node = t.get(key);
  if (!node) return std::string();
  auto v = node->value<std::string>();
  if (!v || !ValidVersion(*v)) {
    r.Report(LineOf(*node), "'" + std::string(key) + "' must be a bank version such as \"2026.2\"");
    return std::nullopt;
  }
  if (ValidVersion(bank_version) && CompareVersions(*v, bank_version) > 0) {
    r.Report(LineOf(*node), "'" + std::string(key) + "' is " + *v + ", after this bank's version " +
                                bank_version + " (bank.toml)");
    return std::nullopt;
  }
  return *v;
}

std::optional<Question> ReadQuestion(const toml::table& t, const std::string& phase,
                                     const std::string& file, const KnownIds& ids,
                                     const std::string& bank_version, IdOrigins& origins,
                                     Diagnostics* out) {
  FieldReader r(t, file, "question", out);
  Question q;
  q.phase = phase;
  auto id = r.RequiredString("id");
  if (id) r.SetWhat("question '" + *id + "'");
  bool ok = id && CheckId(*id, phase, r.LineOfKey("id"), file, origins, r);
  r.RejectUnknownKeys({"id", "text", "why", "guide", "element", "principles", "weights",
                       "recommendation", "action", "practices", "examples", "added", "reworded",
                       "coordinator_only", "cycle"});
  auto added = ReadVersionKey(t, "added", bank_version, r);
  auto reworded = ReadVersionKey(t, "reworded", bank_version, r);
  if (const toml::node* c = t.get("coordinator_only"); c && !c->is_boolean())
    r.Report(LineOf(*c), "'coordinator_only' must be true or false");
  else if (c)
    q.coordinator_only = c->as_boolean()->get();
  // The value-creation cycle the statement speaks to (Wenger, Trayner & de Laat 2011), if any.
  if (const toml::node* c = t.get("cycle"); c) {
    static const std::set<std::string> kCycles = {"immediate", "potential", "applied", "realized",
                                                  "reframing"};
    if (!c->is_string() || !kCycles.count(c->as_string()->get()))
      r.Report(LineOf(*c), "'cycle' must be one of immediate, potential, applied, realized, "
                           "reframing");
    else
      q.cycle = c->as_string()->get();
  }
  auto text = r.RequiredString("text");
  auto why = r.RequiredString("why");
  auto guide = r.RequiredString("guide");
  auto element = r.RequiredString("element");
  auto principles = r.RequiredStringList("principles", 0);
  auto recommendation = r.RequiredString("recommendation");
  auto action = r.RequiredString("action");
  auto practices = r.RequiredStringList("practices", 1);
  auto examples = r.RequiredStringList("examples", 1);
  size_t before = out->size();
  q.weights = ReadWeights(t, phase, ids, r);
  if (guide && !guide->starts_with("/")) {
    r.Report(r.LineOfKey("guide"), "guide must be a site path starting with '/'");
  } else if (guide && ids.path_exists && !ids.path_exists(*guide)) {
    r.Report(r.LineOfKey("guide"), "guide page '" + *guide + "' does not exist");
  }
  if (element)
    CheckKnown({*element}, ids.elements, "element", "content/taxonomy.toml", r.LineOfKey("element"),
               r);
  if (principles)
    CheckKnown(*principles, ids.principles, "principle", "content/taxonomy.toml",
               r.LineOfKey("principles"), r);
  if (practices)
    CheckKnown(*practices, ids.practices, "practice", "content/practices/",
               r.LineOfKey("practices"), r);
  if (examples)
    CheckKnown(*examples, ids.examples, "example", "content/examples/", r.LineOfKey("examples"), r);
  if (added && reworded && !added->empty() && !reworded->empty() &&
      CompareVersions(*reworded, *added) <= 0)
    r.Report(r.LineOfKey("reworded"), "'reworded' must come after 'added': a question's first "
                                      "wording is not a rewording");
  if (!ok || !text || !why || !guide || !element || !principles || !recommendation || !action ||
      !practices || !examples || !added || !reworded || out->size() != before) {
    return std::nullopt;
  }
  q.id = *id;
  q.text = *text;
  q.why = *why;
  q.guide = *guide;
  q.element = *element;
  q.principles = *principles;
  q.recommendation = *recommendation;
  q.action = *action;
  q.practices = *practices;
  q.examples = *examples;
  q.added = *added;
  q.reworded = *reworded;
  return q;
}

std::optional<Prompt> ReadPrompt(const toml::table& t, const std::string& phase,
                                 const std::string& file, IdOrigins& origins, Diagnostics* out) {
  FieldReader r(t, file, "prompt", out);
  auto id = r.RequiredString("id");
  if (id) r.SetWhat("prompt '" + *id + "'");
  bool ok = id && CheckId(*id, phase, r.LineOfKey("id"), file, origins, r);
  r.RejectUnknownKeys({"id", "text", "kind"});
  auto text = r.RequiredString("text");
  auto kind = r.RequiredString("kind");
  if (kind && *kind != "vision" && *kind != "goals" && *kind != "strategy") {
    r.Report(r.LineOfKey("kind"), "kind must be vision, goals or strategy");
    ok = false;
  }
  if (!ok || !text || !kind) return std::nullopt;
  return Prompt{*id, phase, *text, *kind};
}

void ReadPhaseFile(const std::filesystem::path& dir, const std::string& phase, const KnownIds& ids,
                   IdOrigins& origins, Bank* bank, Diagnostics* out) {
  std::string file = (dir / (phase + ".toml")).string();
  auto root = ParseFile(file, out);
  if (!root) return;
  FieldReader r(*root, file, "phase file", out);
  if (!ids.phases.empty() && !ids.phases.contains(phase)) {
    r.Report(0, "phase '" + phase + "' is not in content/taxonomy.toml");
  }
  r.RejectUnknownKeys({"phase", "title", "intro", "question", "prompt"});
  PhaseSection section;
  section.id = phase;
  if (auto p = r.RequiredString("phase"); p && *p != phase) {
    r.Report(r.LineOfKey("phase"), "phase must be '" + phase + "' in " + phase + ".toml");
  }
  section.title = r.RequiredString("title").value_or("");
  section.intro = r.RequiredString("intro").value_or("");
  auto questions = TablesOf(root->get("question"), "question", r);
  auto prompts = TablesOf(root->get("prompt"), "prompt", r);
  for (const toml::table* t : questions) {
    if (auto q = ReadQuestion(*t, phase, file, ids, bank->version, origins, out)) {
      section.questions.push_back(std::move(*q));
    }
  }
  for (const toml::table* t : prompts) {
    if (auto p = ReadPrompt(*t, phase, file, origins, out)) section.prompts.push_back(*p);
  }
  if (questions.size() < kMinQuestionsPerPhase) {
    out->push_back({file, 0,
                    "needs at least " + std::to_string(kMinQuestionsPerPhase) +
                        " [[question]] tables, has " + std::to_string(questions.size())});
  }
  if (prompts.size() < kMinPromptsPerPhase) {
    out->push_back({file, 0,
                    "needs at least " + std::to_string(kMinPromptsPerPhase) +
                        " [[prompt]] tables, has " + std::to_string(prompts.size())});
  }
  bank->phases.push_back(std::move(section));
}

void ReadBankFile(const std::filesystem::path& dir, Bank* bank, Diagnostics* out) {
  std::string file = (dir / "bank.toml").string();
  auto root = ParseFile(file, out);
  if (!root) return;
  FieldReader r(*root, file, "bank", out);
  r.RejectUnknownKeys({"version", "not_sure", "scale"});
  bank->version = r.RequiredString("version").value_or("");
  bank->not_sure = r.RequiredString("not_sure").value_or("");
  if (!root->get("scale")) r.Report(0, "missing required key 'scale'");
  std::vector<const toml::table*> points = TablesOf(root->get("scale"), "scale", r);
  std::set<std::int64_t> seen;
  for (const toml::table* t : points) {
    FieldReader pr(*t, file, "scale point", out);
    pr.RejectUnknownKeys({"value", "label", "hint"});
    auto value = pr.RequiredInt("value");
    auto label = pr.RequiredString("label");
    auto hint = pr.RequiredString("hint");
    if (value && (*value < 0 || *value > 4)) {
      pr.Report(pr.LineOfKey("value"), "value must be 0, 1, 2, 3 or 4");
    } else if (value && !seen.insert(*value).second) {
      pr.Report(pr.LineOfKey("value"), "value " + std::to_string(*value) + " appears twice");
    } else if (value && label && hint) {
      bank->scale.push_back({static_cast<int>(*value), *label, *hint});
    }
  }
  if (root->get("scale") && points.size() != 5) {
    r.Report(r.LineOfKey("scale"), "the scale needs exactly five points (values 0 to 4), has " +
                                       std::to_string(points.size()));
  }
  std::sort(bank->scale.begin(), bank->scale.end(),
            [](const ScalePoint& a, const ScalePoint& b) { return a.value < b.value; });
}

}  // namespace

tl::expected<Bank, Diagnostics> LoadBankVersion(const std::filesystem::path& dir,
                                                const KnownIds& ids) {
  Diagnostics out;
  Bank bank;
  IdOrigins origins;
  ReadBankFile(dir, &bank, &out);
  for (std::string_view phase : kPhaseOrder) {
    ReadPhaseFile(dir, std::string(phase), ids, origins, &bank, &out);
  }
  // Within a file, report in line order; files stay in bank.toml, define..transform order.
  std::map<std::string, size_t> file_rank;
  for (const auto& d : out) file_rank.emplace(d.file, file_rank.size());
  std::stable_sort(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(file_rank[a.file], a.line) < std::pair(file_rank[b.file], b.line);
  });
  if (!out.empty()) return tl::unexpected(std::move(out));
  return bank;
}

}  // namespace cultivate::assess
