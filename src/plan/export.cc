#include "plan/export.h"

#include "plan/csv.h"

namespace cultivate::plan {
namespace {

using assess::LabelKind;
using nlohmann::json;

/// section,id,title,now_pct,target_pct,gap_pct,answered,answer_now,answer_target,owner,due,
/// status,note
struct Row {
  std::string section;
  std::string id;
  std::string title;
  std::optional<double> now, target, gap;
  std::optional<int> answered, answer_now, answer_target;
  std::string owner, due, status, note;

  std::string Line() const {
    return CsvLine({CsvCell::Text(section), CsvCell::Text(id), CsvCell::Text(title),
                    CsvCell::Number(now), CsvCell::Number(target), CsvCell::Number(gap),
                    CsvCell::Integer(answered), CsvCell::Integer(answer_now),
                    CsvCell::Integer(answer_target), CsvCell::Text(owner), CsvCell::Text(due),
                    CsvCell::Text(status), CsvCell::Text(note)});
  }
};

Row ScoreRow(std::string section, std::string id, std::string title, const assess::Score& s) {
  Row row{std::move(section), std::move(id), std::move(title)};
  row.now = s.now;
  row.target = s.target;
  row.gap = s.gap;
  row.answered = s.answered;
  return row;
}

void AreaRows(const std::vector<assess::Area>& areas, const std::string& section,
              const assess::Labels& labels, std::string* out) {
  for (const auto& a : areas) {
    LabelKind kind = a.kind == "element" ? LabelKind::kElement : LabelKind::kPrinciple;
    Row row{section, a.key, assess::Title(labels, kind, a.key)};
    row.gap = a.gap;
    row.note = a.recommendation;
    *out += row.Line();
  }
}

}  // namespace

std::string ToCsv(const ExportInput& in) {
  const assess::Labels labels = assess::WithBank(in.bank, in.labels);
  const assess::Results& r = in.results;
  std::string out =
      CsvLine({CsvCell::Text("section"), CsvCell::Text("id"), CsvCell::Text("title"),
               CsvCell::Text("now_pct"), CsvCell::Text("target_pct"), CsvCell::Text("gap_pct"),
               CsvCell::Text("answered"), CsvCell::Text("answer_now"),
               CsvCell::Text("answer_target"), CsvCell::Text("owner"), CsvCell::Text("due"),
               CsvCell::Text("status"), CsvCell::Text("note")});
  out += ScoreRow("overall", "overall", in.name, r.overall).Line();
  for (const auto& g : r.phases) {
    out += ScoreRow("phase", g.id, assess::Title(labels, LabelKind::kPhase, g.id), g.score).Line();
  }
  for (const auto& g : r.elements) {
    out +=
        ScoreRow("element", g.id, assess::Title(labels, LabelKind::kElement, g.id), g.score).Line();
  }
  for (const auto& g : r.principles) {
    out += ScoreRow("principle", g.id, assess::Title(labels, LabelKind::kPrinciple, g.id), g.score)
               .Line();
  }
  Row placement{
      "placement", r.placement.phase,
      r.placement.phase.empty() ? "" : assess::Title(labels, LabelKind::kPhase, r.placement.phase)};
  placement.note = r.placement.summary_key;
  out += placement.Line();
  AreaRows(r.improvement_areas, "area", labels, &out);
  AreaRows(r.strengths, "strength", labels, &out);
  for (const auto& a : in.answers) {
    Row row{"answer", a.question, assess::Title(labels, LabelKind::kQuestion, a.question)};
    row.answer_now = a.now;
    row.answer_target = a.target;
    row.note = a.note;
    out += row.Line();
  }
  for (const auto& ref : in.reflections) {
    const assess::Prompt* prompt = in.bank.FindPrompt(ref.prompt);
    Row row{"reflection", ref.prompt, prompt ? prompt->text : ""};
    row.note = ref.text;
    out += row.Line();
  }
  for (const auto& [section, text] :
       {std::pair<const char*, const std::string*>{"vision", &in.plan.vision},
        {"goals", &in.plan.goals},
        {"strategies", &in.plan.strategies}}) {
    Row row{section};
    row.note = *text;
    out += row.Line();
  }
  for (const auto& item : in.plan.items) {
    Row row{"action", item.source, item.what};
    row.owner = item.owner;
    row.due = item.due;
    row.status = item.status;
    out += row.Line();
  }
  return out;
}

json ToJson(const ExportInput& in) {
  const assess::Labels labels = assess::WithBank(in.bank, in.labels);
  json items = json::array();
  for (const auto& item : in.plan.items) {
    items.push_back({{"what", item.what},
                     {"owner", item.owner},
                     {"due", item.due},
                     {"status", item.status},
                     {"source", item.source}});
  }
  json answers = json::array();
  for (const auto& a : in.answers) {
    answers.push_back({{"question", a.question},
                       {"now", a.now ? json(*a.now) : json(nullptr)},
                       {"target", a.target ? json(*a.target) : json(nullptr)},
                       {"note", a.note}});
  }
  json reflections = json::array();
  for (const auto& ref : in.reflections) {
    reflections.push_back({{"prompt", ref.prompt}, {"text", ref.text}});
  }
  return {{"response", {{"name", in.name}, {"bank_version", in.bank.version}}},
          {"results", assess::ResultsToJson(in.results, labels)},
          {"plan",
           {{"vision", in.plan.vision},
            {"goals", in.plan.goals},
            {"strategies", in.plan.strategies},
            {"updated_at", in.plan.updated_at},
            {"items", std::move(items)}}},
          {"answers", std::move(answers)},
          {"reflections", std::move(reflections)}};
}

}  // namespace cultivate::plan
