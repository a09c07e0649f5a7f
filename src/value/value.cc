// Value creation: the rules of stories and indicators, the matrix and the sponsor's stories.

#include "value/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "common/dates.h"
#include "common/field_rules.h"
#include "common/message_keys.h"

namespace cultivate::value {

using Kind = Error::Kind;
using model::Id;
using model::ParseId;
using model::Indicator;
using model::Story;

namespace {

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c == ' ' || c == '\t' ||
                                                                     c == '\n' || c == '\r'; });
}

int YearOf(std::int64_t at) { return std::stoi(FormatDate(at).substr(0, 4)); }

bool Digits(const std::string& s, size_t from, size_t n) {
  if (s.size() < from + n) return false;
  for (size_t i = from; i < from + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// "YYYY", "YYYY-MM" (01..12) or "YYYY-Qn" (1..4).
bool ValidPeriod(const std::string& p) {
  if (!Digits(p, 0, 4) || p[0] == '0') return false;
  if (p.size() == 4) return true;
  if (p.size() != 7 || p[4] != '-') return false;
  if (p[5] == 'Q') return p[6] >= '1' && p[6] <= '4';
  if (!Digits(p, 5, 2)) return false;
  int month = (p[5] - '0') * 10 + (p[6] - '0');
  return month >= 1 && month <= 12;
}

bool Owns(const Teller& t, const Story& s) {
  if (t.coordinator)
    return t.user && s.user_id == t.user && !s.response_id && s.community_id == t.community;
  return t.response && s.response_id == t.response;
}

}  // namespace

bool IsCycle(const std::string& id) {
  return std::find_if(kCycles.begin(), kCycles.end(), [&](const char* c) { return id == c; }) !=
         kCycles.end();
}

const std::string& CycleText(const Story& s, const std::string& cycle) {
  if (cycle == "immediate") return s.immediate;
  if (cycle == "potential") return s.potential;
  if (cycle == "applied") return s.applied;
  if (cycle == "realized") return s.realized;
  return s.reframing;
}

std::vector<std::string> CyclesOf(const Story& s) {
  std::vector<std::string> out;
  for (const char* c : kCycles)
    if (!Blank(CycleText(s, c))) out.push_back(c);
  return out;
}

std::vector<FieldError> CheckStory(const StoryInput& s) {
  std::vector<FieldError> errors;
  CheckText(s.title, "title", kMaxTitle, &errors);
  if (Blank(s.title)) errors.push_back({"", "title", msg::kStoryTitleMissing});
  CheckText(s.happened, "happened", kMaxText, &errors);
  if (Blank(s.happened)) errors.push_back({"", "happened", msg::kStoryHappenedMissing});
  for (const char* c : kCycles) CheckText(CycleText(s, c), c, kMaxText, &errors);
  if (s.share != "coordinators" && s.share != "sponsor")
    errors.push_back({"", "share", msg::kStoryShareInvalid});
  CheckText(s.author, "author", kMaxAuthor, &errors);
  if (s.named && Blank(s.author)) errors.push_back({"", "author", msg::kStoryAuthorMissing});
  return errors;
}

std::vector<FieldError> CheckIndicator(const IndicatorInput& in, Indicator* out) {
  std::vector<FieldError> errors;
  CheckText(in.name, "name", kMaxIndicatorName, &errors);
  if (Blank(in.name)) errors.push_back({"", "name", msg::kIndicatorNameMissing});
  CheckText(in.note, "note", kMaxIndicatorNote, &errors);
  double value = 0;
  const char* end = in.value.data() + in.value.size();
  auto [ptr, ec] = std::from_chars(in.value.data(), end, value);
  if (in.value.empty() || ec != std::errc() || ptr != end || !std::isfinite(value) ||
      std::fabs(value) > 1e12)
    errors.push_back({"", "value", msg::kIndicatorValueInvalid});
  if (!IsCycle(in.cycle)) errors.push_back({"", "cycle", msg::kIndicatorCycleInvalid});
  if (!ValidPeriod(in.period)) errors.push_back({"", "period", msg::kIndicatorPeriodInvalid});
  if (errors.empty() && out) {
    out->name = in.name;
    out->value = value;
    out->cycle = in.cycle;
    out->period = in.period;
    out->note = in.note;
  }
  return errors;
}

std::vector<Story> ForSponsor(std::vector<Story> stories, size_t limit) {
  std::erase_if(stories, [](const Story& s) { return s.share != "sponsor"; });
  std::stable_sort(stories.begin(), stories.end(), [](const Story& a, const Story& b) {
    return CyclesOf(a).size() > CyclesOf(b).size();
  });
  if (limit && stories.size() > limit) stories.resize(limit);
  return stories;
}

std::string ShownAuthor(const Story& s) { return s.named ? s.author : std::string(); }

Matrix BuildMatrix(const std::vector<Story>& stories, const std::vector<Indicator>& indicators,
                   int year, std::int64_t now) {
  Matrix m;
  for (const auto& s : stories) m.years.push_back(YearOf(s.created_at));
  for (const auto& i : indicators) m.years.push_back(std::stoi(i.period.substr(0, 4)));
  std::sort(m.years.rbegin(), m.years.rend());
  m.years.erase(std::unique(m.years.begin(), m.years.end()), m.years.end());
  m.year = year ? year : m.years.empty() ? YearOf(now) : m.years.front();
  for (const char* c : kCycles) m.rows.push_back({c});
  for (const auto& s : stories) {
    if (YearOf(s.created_at) != m.year) continue;
    ++m.stories;
    for (const auto& c : CyclesOf(s))
      for (auto& row : m.rows)
        if (row.cycle == c) ++row.stories;
  }
  for (const auto& i : indicators) {
    if (std::stoi(i.period.substr(0, 4)) != m.year) continue;
    for (auto& row : m.rows)
      if (row.cycle == i.cycle) {
        ++row.indicators;
        if (std::find(row.indicator_names.begin(), row.indicator_names.end(), i.name) ==
            row.indicator_names.end())
          row.indicator_names.push_back(i.name);
      }
  }
  return m;
}

PlanProgress ProgressOf(const model::Plan& plan, std::int64_t now) {
  PlanProgress p;
  for (const auto& item : plan.items) {
    if (item.status == "done") {
      ++p.done;
      continue;
    }
    if (item.status == "dropped") continue;
    auto due = ParseDate(item.due);
    if (due && *due < now)
      ++p.late;
    else if (item.status == "doing")
      ++p.doing;
    else
      ++p.todo;
  }
  return p;
}

// ---- operations ----

Result<Story> Values::Tell(const Teller& teller, const StoryInput& input) {
  if (auto errors = CheckStory(input); !errors.empty())
    return Fail(Error::Fields(std::move(errors)));
  auto own = Own(teller);
  if (!own) return Fail(own.error());
  if (own->size() >= kMaxStoriesPerTeller)
    return Fail(Error::Say(Kind::kConflict, {msg::kStoryLimit, {Arg("max", kMaxStoriesPerTeller)}}));
  if (teller.community) {
    auto all = store_.CommunityStories(*teller.community);
    if (!all) return Fail(all.error());
    if (all->size() >= kMaxStoriesPerCommunity)
      return Fail(Error::Say(Kind::kConflict,
                                  {msg::kStoryLimit, {Arg("max", kMaxStoriesPerCommunity)}}));
  }
  Story s = input;
  if (!s.named) s.author.clear();  // a name is kept only when its author chose to show it
  s.id = 0;
  s.community_id = teller.community;
  s.response_id = teller.coordinator ? std::nullopt : teller.response;
  s.user_id = teller.user;
  s.created_at = clock_();
  auto id = store_.CreateStory(s);
  if (!id) return Fail(id.error());
  return store_.FindStory(*id);
}

Result<std::vector<Story>> Values::Own(const Teller& teller) {
  if (teller.coordinator) {
    if (!teller.user) return std::vector<Story>{};
    auto mine = store_.UserStories(*teller.user);
    if (!mine) return Fail(mine.error());
    std::erase_if(*mine, [&](const Story& s) { return !Owns(teller, s); });
    return mine;
  }
  if (!teller.response) return std::vector<Story>{};
  return store_.ResponseStories(*teller.response);
}

Result<Story> Values::Find(const Teller& teller, const std::string& id) {
  auto parsed = ParseId(id);
  if (!parsed) return Fail(Error::NotFound("no story " + id));
  auto story = store_.FindStory(*parsed);
  if (!story) return Fail(story.error());
  if (!Owns(teller, *story)) return Fail(Error::NotFound("no story " + id));
  return story;
}

Result<Story> Values::Edit(const Teller& teller, const std::string& id, const StoryInput& input) {
  auto story = Find(teller, id);
  if (!story) return Fail(story.error());
  if (auto errors = CheckStory(input); !errors.empty())
    return Fail(Error::Fields(std::move(errors)));
  Story s = input;
  if (!s.named) s.author.clear();
  s.id = story->id;
  if (auto saved = store_.UpdateStory(s); !saved) return Fail(saved.error());
  return store_.FindStory(story->id);
}

Status Values::Remove(const Teller& teller, const std::string& id) {
  auto parsed = ParseId(id);
  if (!parsed) return Fail(Error::NotFound("no story " + id));
  auto story = store_.FindStory(*parsed);
  if (!story) return Fail(story.error());
  // Its teller deletes it; a coordinator may also take down any story of their community (one
  // off topic, or shared with the sponsor by mistake), but never edit a member's words.
  bool moderator = teller.coordinator && teller.community && story->community_id == teller.community;
  if (!Owns(teller, *story) && !moderator) return Fail(Error::NotFound("no story " + id));
  return store_.DeleteStory(story->id);
}

Result<std::vector<Story>> Values::CommunityStories(const model::Community& c) {
  return store_.CommunityStories(c.id);
}

Result<std::vector<Story>> Values::SponsorStories(const model::Community& c, size_t limit) {
  auto all = store_.CommunityStories(c.id);
  if (!all) return Fail(all.error());
  return ForSponsor(std::move(*all), limit);
}

Result<Indicator> Values::Record(const model::Community& c, Id user, const IndicatorInput& input) {
  Indicator i;
  if (auto errors = CheckIndicator(input, &i); !errors.empty())
    return Fail(Error::Fields(std::move(errors)));
  auto all = store_.Indicators(c.id);
  if (!all) return Fail(all.error());
  if (all->size() >= kMaxIndicatorsPerCommunity)
    return Fail(Error::Say(Kind::kConflict,
                                {msg::kIndicatorLimit, {Arg("max", kMaxIndicatorsPerCommunity)}}));
  i.community_id = c.id;
  i.user_id = user;
  i.created_at = clock_();
  auto id = store_.CreateIndicator(i);
  if (!id) return Fail(id.error());
  i.id = *id;
  return i;
}

Status Values::RemoveIndicator(const model::Community& c, const std::string& id) {
  auto parsed = ParseId(id);
  if (!parsed) return Fail(Error::NotFound("no indicator " + id));
  return store_.DeleteIndicator(c.id, *parsed);
}

Result<std::vector<Indicator>> Values::Indicators(const model::Community& c) {
  return store_.Indicators(c.id);
}

Result<std::string> Values::Ask(const model::Community& c) { return store_.SponsorAsk(c.id); }

Status Values::SaveAsk(const model::Community& c, const std::string& ask) {
  std::vector<FieldError> errors;
  CheckText(ask, "ask", kMaxAsk, &errors);
  if (!errors.empty()) return Fail(Error::Fields(std::move(errors)));
  return store_.SaveSponsorAsk(c.id, ask);
}

Result<Matrix> Values::MatrixOf(const model::Community& c, const std::string& year) {
  int y = 0;
  if (!year.empty()) {
    if (year.size() != 4 || !Digits(year, 0, 4) || year[0] == '0')
      return Fail(Error::NotFound("no year " + year));
    y = std::stoi(year);
  }
  auto stories = store_.CommunityStories(c.id);
  if (!stories) return Fail(stories.error());
  auto indicators = store_.Indicators(c.id);
  if (!indicators) return Fail(indicators.error());
  return BuildMatrix(*stories, *indicators, y, clock_());
}

Result<std::vector<Story>> Values::AccountStories(Id user) { return store_.UserStories(user); }

}  // namespace cultivate::value
