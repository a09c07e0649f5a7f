#include "web/team_service.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <set>

#include "http/form.h"
#include "plan/plan.h"
#include "web/checkup_service.h"

namespace cultivate::web {

using nlohmann::json;
using store::Id;

namespace {

json Num(const std::optional<double>& v, double scale = 10) {
  if (!v) return nullptr;
  return std::round(*v * scale) / scale;
}

json SpreadJson(const assess::GroupSpread& s) {
  return {{"n", s.n}, {"min", Num(s.min)}, {"max", Num(s.max)}, {"stddev", Num(s.stddev)},
          {"disputed", s.disputed}};
}

std::vector<std::string> AllPhases(const assess::Bank& bank) {
  std::vector<std::string> out;
  for (const auto& p : bank.phases) out.push_back(p.id);
  return out;
}

Error NotFound(const std::string& what) { return Error::NotFound(what); }

}  // namespace

// ---- cache ----

std::shared_ptr<const assess::TeamResults> TeamResultsCache::Get(Id round,
                                                                 std::int64_t revision) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(round);
  if (it == entries_.end() || it->second.revision != revision) return nullptr;
  return it->second.results;
}

void TeamResultsCache::Put(Id round, std::int64_t revision,
                           std::shared_ptr<const assess::TeamResults> results) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= kMaxEntries && !entries_.count(round)) entries_.erase(entries_.begin());
  entries_[round] = {revision, std::move(results), nullptr};
}

std::shared_ptr<const http::PreparedBody> TeamResultsCache::GetJson(Id round,
                                                                    std::int64_t revision) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(round);
  if (it == entries_.end() || it->second.revision != revision) return nullptr;
  return it->second.json;
}

void TeamResultsCache::PutJson(Id round, std::int64_t revision,
                               std::shared_ptr<const http::PreparedBody> json) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(round);
  if (it != entries_.end() && it->second.revision == revision) it->second.json = std::move(json);
}

// ---- helpers ----

std::optional<Id> ParseId(const std::string& text) {
  if (text.empty() || text.size() > 15 || text[0] == '0') return std::nullopt;
  Id v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<std::int64_t> ParseDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(d.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(d.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(d.substr(8, 2));
  if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_year < 70)
    return std::nullopt;
  tm.tm_hour = 23;
  tm.tm_min = 59;
  tm.tm_sec = 59;
  int day = tm.tm_mday;
  std::time_t t = timegm(&tm);  // normalises tm: 2027-02-30 becomes 2027-03-02
  std::tm back{};
  gmtime_r(&t, &back);
  if (back.tm_mday != day) return std::nullopt;
  return static_cast<std::int64_t>(t);
}

std::string FormatDate(std::int64_t at) {
  std::time_t t = static_cast<std::time_t>(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string TeamService::LinkUrl(const std::string& host, const std::string& path) const {
  if (!options_.base_url.empty()) {
    std::string base = options_.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + path;
  }
  if (host.empty()) return path;
  return "http://" + host + path;
}

assess::Labels TeamService::Labels() const {
  CheckupService checkups(site_, store_);
  return checkups.Labels();
}

// ---- communities ----

std::vector<std::pair<std::string, std::string>> TeamService::Check(
    const CommunityInput& in) const {
  std::vector<std::pair<std::string, std::string>> errors;
  auto text = [&](const std::string& v, const std::string& field, size_t max) {
    if (!http::ValidUtf8(v))
      errors.emplace_back(field, "This is not valid text.");
    else if (CodePoints(v) > max)
      errors.emplace_back(field, "Use at most " + std::to_string(max) + " characters.");
  };
  std::string trimmed = in.name;
  trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n"));
  if (trimmed.empty())
    errors.emplace_back("name", "Give your community a name.");
  else
    text(in.name, "name", kMaxNameLength);
  text(in.domain, "domain", kMaxCommunityText);
  text(in.purpose, "purpose", kMaxCommunityText);
  if (!in.phase.empty() && !site_.bank.FindPhase(in.phase))
    errors.emplace_back("phase", "Choose one of the five phases, or \"not sure\".");
  return errors;
}

Result<store::Community> TeamService::Coordinated(Id user, const std::string& community_id) {
  auto id = ParseId(community_id);
  if (!id) return Fail(NotFound("no such community"));
  auto community = store_.FindCommunity(*id);
  if (!community) return Fail(community.error());
  auto coordinators = store_.Coordinators(*id);
  if (!coordinators) return Fail(coordinators.error());
  bool member = std::any_of(coordinators->begin(), coordinators->end(),
                            [&](const store::User& u) { return u.id == user; });
  if (!member) return Fail(NotFound("no such community"));
  return community;
}

Result<store::Round> TeamService::RoundIn(const store::Community& community,
                                          const std::string& round_id, bool counts) {
  auto id = ParseId(round_id);
  if (!id) return Fail(NotFound("no such round"));
  auto round = counts ? store_.FindRound(*id) : store_.FindRoundQuick(*id);
  if (!round) return Fail(round.error());
  if (round->community_id != community.id) return Fail(NotFound("no such round"));
  return round;
}

Result<std::optional<store::Round>> TeamService::OpenRound(const store::Community& community) {
  auto rounds = store_.Rounds(community.id);
  if (!rounds) return Fail(rounds.error());
  for (const auto& r : *rounds)
    if (r.open()) return std::optional<store::Round>(r);
  return std::optional<store::Round>();
}

Result<Id> TeamService::OpenNewRound(const store::Community& community, const std::string& title,
                                     std::optional<std::int64_t> closes_at) {
  store::Round round;
  round.community_id = community.id;
  round.title = title;
  round.bank_version = site_.bank.version;
  round.opened_at = clock_();
  round.closes_at = closes_at;
  auto id = store_.CreateRound(round);
  if (!id && id.error().kind == Error::Kind::kConflict)
    return Fail(Error::Conflict("This community already has an open round: close it first."));
  return id;
}

// ---- links ----

Result<TeamService::NewLink> TeamService::CreateInvite(const store::Community& community,
                                                       int days, const std::string& host) {
  auto open = OpenRound(community);
  if (!open) return Fail(open.error());
  if (!*open) return Fail(Error::Conflict("Open a round first: an invite is for the open round."));
  std::string token = NewToken();
  std::int64_t now = clock_();
  store::Invite invite;
  invite.community_id = community.id;
  invite.round_id = (*open)->id;
  invite.token_hash = HashToken(token);
  invite.created_at = now;
  invite.expires_at = now + static_cast<std::int64_t>(std::clamp(days, 1, kMaxInviteDays)) * 86400;
  auto id = store_.CreateInvite(invite);
  if (!id) return Fail(id.error());
  return NewLink{*id, token, LinkUrl(host, "/join/" + token)};
}

Result<TeamService::NewLink> TeamService::CreateSponsorLink(const store::Community& community,
                                                            const std::string& label,
                                                            const std::string& host) {
  if (!http::ValidUtf8(label) || CodePoints(label) > kMaxNameLength)
    return Fail(Error::Invalid("Use at most 200 characters for the label."));
  std::string token = NewToken();
  store::SponsorLink link;
  link.community_id = community.id;
  link.token_hash = HashToken(token);
  link.label = label;
  link.created_at = clock_();
  auto id = store_.CreateSponsorLink(link);
  if (!id) return Fail(id.error());
  return NewLink{*id, token, LinkUrl(host, "/sponsor/" + token)};
}

Result<TeamService::InviteView> TeamService::ViewInvite(const std::string& invite_token) {
  if (!PlausibleToken(invite_token)) return Fail(NotFound("no such invite"));
  auto invite = store_.FindInviteByTokenHash(HashToken(invite_token));
  if (!invite) return Fail(invite.error());
  auto community = store_.FindCommunity(invite->community_id);
  if (!community) return Fail(community.error());
  auto round = store_.FindRoundQuick(invite->round_id);
  if (!round) return Fail(round.error());
  InviteView view{*invite, *community, *round, ""};
  if (invite->revoked_at)
    view.problem = "This invite link was withdrawn by the coordinators.";
  else if (invite->expires_at <= clock_())
    view.problem = "This invite link has expired.";
  else if (!round->open())
    view.problem = "This round of the check-up is closed.";
  return view;
}

Result<std::string> TeamService::Join(const std::string& invite_token) {
  auto view = ViewInvite(invite_token);
  if (!view) return Fail(view.error());
  if (!view->problem.empty()) return Fail(Error::Conflict(view->problem));
  std::string token = NewToken();
  store::Response response;
  response.token_hash = HashToken(token);
  response.phases = AllPhases(site_.bank);
  response.bank_version = view->round.bank_version;
  auto id = store_.JoinRound(view->invite.id, response);
  if (!id) {
    if (id.error().kind == Error::Kind::kConflict)
      return Fail(Error::Conflict("This round of the check-up is closed."));
    return Fail(id.error());
  }
  return token;
}

Result<store::Community> TeamService::SponsorCommunity(const std::string& token) {
  if (!PlausibleToken(token)) return Fail(NotFound("no such link"));
  auto link = store_.FindSponsorLinkByTokenHash(HashToken(token));
  if (!link) return Fail(link.error());
  if (link->revoked_at) return Fail(NotFound("no such link"));
  return store_.FindCommunity(link->community_id);
}

// ---- results ----

Result<std::shared_ptr<const assess::TeamResults>> TeamService::Results(
    const store::Community& community, const store::Round& round) {
  if (auto hit = cache_.Get(round.id, round.revision)) return hit;
  auto answers = store_.RoundAnswers(round.id);
  if (!answers) return Fail(answers.error());
  std::optional<std::string> declared;
  if (!community.phase.empty()) declared = community.phase;
  auto team = std::make_shared<assess::TeamResults>(assess::ScoreTeam(
      site_.bank, std::move(*answers), AllPhases(site_.bank), declared, options_.min_responses));
  cache_.Put(round.id, round.revision, team);
  return std::shared_ptr<const assess::TeamResults>(team);
}

Result<std::optional<std::pair<store::Round, std::shared_ptr<const assess::TeamResults>>>>
TeamService::LatestShownResults(const store::Community& community) {
  using Out = std::optional<std::pair<store::Round, std::shared_ptr<const assess::TeamResults>>>;
  auto rounds = store_.Rounds(community.id);
  if (!rounds) return Fail(rounds.error());
  for (const auto& round : *rounds) {  // newest first
    if (round.answered < threshold()) continue;
    auto results = Results(community, round);
    if (!results) return Fail(results.error());
    if (!(*results)->hidden) return Out(std::make_pair(round, *results));
  }
  return Out();
}

json TeamService::ResultsJson(const assess::TeamResults& team) const {
  if (team.hidden)
    return {{"responses", team.responses}, {"threshold", team.threshold}, {"hidden", true}};
  assess::Labels labels = Labels();
  json out = assess::ResultsToJson(team.results, labels);
  out["responses"] = team.responses;
  out["threshold"] = team.threshold;
  out["hidden"] = false;
  out["hidden_questions"] = team.hidden_questions;
  out["overall_spread"] = SpreadJson(team.overall);
  auto spread = [](json& list, const std::map<std::string, assess::GroupSpread>& by_id) {
    for (auto& item : list) {
      auto it = by_id.find(item["id"].get<std::string>());
      item["spread"] = SpreadJson(it == by_id.end() ? assess::GroupSpread{} : it->second);
    }
  };
  spread(out["phases"], team.phases);
  spread(out["elements"], team.elements);
  spread(out["principles"], team.principles);
  for (auto& q : out["questions"])
    q["spread"] = {{"n", q["n"]}, {"min", q["min"]}, {"max", q["max"]},
                   {"stddev", q["stddev"]}, {"disputed", q["disputed"]}};
  json notes = json::array();
  for (const auto& row : team.results.questions) {
    auto it = team.notes.find(row.id);
    if (it == team.notes.end()) continue;
    notes.push_back({{"question", row.id},
                     {"title", assess::Title(labels, assess::LabelKind::kQuestion, row.id)},
                     {"notes", it->second}});
  }
  out["notes"] = std::move(notes);
  return out;
}

Result<std::shared_ptr<const http::PreparedBody>> TeamService::ResultsJsonBody(
    const store::Community& community, const store::Round& round) {
  if (auto hit = cache_.GetJson(round.id, round.revision)) return hit;
  auto results = Results(community, round);
  if (!results) return Fail(results.error());
  auto body = std::make_shared<const http::PreparedBody>(http::PreparedBody::Make(
      ResultsJson(**results).dump(), "application/json; charset=utf-8", "no-store"));
  cache_.PutJson(round.id, round.revision, body);
  return std::shared_ptr<const http::PreparedBody>(body);
}

json TeamService::TrendsJson(const store::Round& from, const assess::TeamResults& a,
                             const store::Round& to, const assess::TeamResults& b) const {
  assess::Labels labels = Labels();
  auto round = [](const store::Round& r, const assess::TeamResults& t) {
    return json{{"id", r.id}, {"title", r.title}, {"opened_at", FormatDate(r.opened_at)},
                {"responses", t.responses}, {"hidden", t.hidden}};
  };
  json out{{"from", round(from, a)}, {"to", round(to, b)}, {"threshold", threshold()}};
  if (a.hidden || b.hidden) {
    out["hidden"] = true;
    return out;
  }
  out["hidden"] = false;
  auto groups = [&](const std::vector<assess::GroupScore>& x,
                    const std::vector<assess::GroupScore>& y, assess::LabelKind kind) {
    json list = json::array();
    for (const auto& c : assess::CompareGroups(x, y)) {
      list.push_back({{"id", c.id},
                      {"title", assess::Title(labels, kind, c.id)},
                      {"from", {{"now", Num(c.from_now)}, {"target", Num(c.from_target)}}},
                      {"to", {{"now", Num(c.to_now)}, {"target", Num(c.to_target)}}},
                      {"change", {{"now", Num(c.change_now)}, {"target", Num(c.change_target)}}}});
    }
    return list;
  };
  out["overall"] = groups({{"overall", a.results.overall}}, {{"overall", b.results.overall}},
                          assess::LabelKind::kPhase)[0];
  out["overall"]["title"] = "Overall";
  out["phases"] = groups(a.results.phases, b.results.phases, assess::LabelKind::kPhase);
  out["elements"] = groups(a.results.elements, b.results.elements, assess::LabelKind::kElement);
  out["principles"] =
      groups(a.results.principles, b.results.principles, assess::LabelKind::kPrinciple);
  return out;
}

// ---- the community plan ----

Result<store::Plan> TeamService::PlanOrDraft(const store::Community& community, bool* is_draft) {
  auto saved = store_.CommunityPlan(community.id);
  if (!saved) return Fail(saved.error());
  if (*saved) {
    *is_draft = false;
    return **saved;
  }
  *is_draft = true;
  auto latest = LatestShownResults(community);
  if (!latest) return Fail(latest.error());
  if (!*latest) return store::Plan{};
  return plan::DraftPlan(site_.bank, (*latest)->second->results, {});
}

int TeamService::MergeSuggestions(store::Plan* plan, const assess::TeamResults& results) const {
  if (results.hidden) return 0;
  store::Plan draft = plan::DraftPlan(site_.bank, results.results, {});
  std::set<std::string> sources, whats;
  for (const auto& item : plan->items) {
    if (!item.source.empty()) sources.insert(item.source);
    whats.insert(item.what);
  }
  int added = 0;
  for (const auto& item : draft.items) {
    if (sources.count(item.source) || whats.count(item.what)) continue;
    if (plan->items.size() >= kMaxPlanItems) break;
    plan->items.push_back(item);
    ++added;
  }
  return added;
}

// ---- data rights ----

Result<json> TeamService::ExportUser(const store::User& user) {
  json communities = json::array();
  auto mine = store_.UserCommunities(user.id);
  if (!mine) return Fail(mine.error());
  for (const auto& c : *mine) {
    auto rounds = store_.Rounds(c.id);
    auto invites = store_.Invites(c.id);
    auto links = store_.SponsorLinks(c.id);
    auto coordinators = store_.Coordinators(c.id);
    auto plan = store_.CommunityPlan(c.id);
    if (!rounds || !invites || !links || !coordinators || !plan)
      return Fail(Error::Unavailable("the store did not answer; try again"));
    json r = json::array(), i = json::array(), l = json::array(), who = json::array();
    for (const auto& x : *rounds)
      r.push_back({{"id", x.id}, {"title", x.title}, {"bank_version", x.bank_version},
                   {"opened_at", x.opened_at}, {"closes_at", x.closes_at ? json(*x.closes_at) : json()},
                   {"closed_at", x.closed_at ? json(*x.closed_at) : json()},
                   {"joined", x.joined}, {"answered", x.answered}});
    for (const auto& x : *invites)
      i.push_back({{"id", x.id}, {"round_id", x.round_id}, {"created_at", x.created_at},
                   {"expires_at", x.expires_at},
                   {"revoked_at", x.revoked_at ? json(*x.revoked_at) : json()}, {"uses", x.uses}});
    for (const auto& x : *links)
      l.push_back({{"id", x.id}, {"label", x.label}, {"created_at", x.created_at},
                   {"revoked_at", x.revoked_at ? json(*x.revoked_at) : json()}});
    for (const auto& x : *coordinators) who.push_back({{"name", x.name}, {"email", x.email}});
    json p = nullptr;
    if (*plan) {
      json items = json::array();
      for (const auto& it : (*plan)->items)
        items.push_back({{"what", it.what}, {"owner", it.owner}, {"due", it.due},
                         {"status", it.status}, {"source", it.source}});
      p = {{"vision", (*plan)->vision}, {"goals", (*plan)->goals},
           {"strategies", (*plan)->strategies}, {"items", items}};
    }
    communities.push_back({{"id", c.id}, {"name", c.name}, {"domain", c.domain},
                           {"purpose", c.purpose}, {"phase", c.phase}, {"demo", c.demo},
                           {"created_at", c.created_at}, {"coordinators", who}, {"rounds", r},
                           {"invites", i}, {"sponsor_links", l}, {"plan", p}});
  }
  return json{{"account", {{"id", user.id}, {"email", user.email}, {"name", user.name},
                           {"created_at", user.created_at}}},
              {"communities", communities},
              {"note", "Members' individual answers are theirs, not the coordinators': they "
                       "are not part of this export. Team results are in each round's page."}};
}

}  // namespace cultivate::web
