#include "app/demo.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include <toml++/toml.h>

#include "model/value.h"
#include "plan/plan.h"
#include "auth/passwords.h"
#include "auth/tokens.h"

namespace cultivate::app {

namespace {

struct DemoSpec {
  std::string email, password, name;
  model::Community community;
  struct RoundSpec {
    std::string title;
    int days_ago = 0, open_days = 21, members = 12;
    std::map<std::string, double> level;
  };
  std::vector<RoundSpec> rounds;
  std::vector<std::string> disputed, notes;
  std::map<std::string, std::vector<std::string>> reflections;  // kind -> texts
  std::vector<model::PlanItem> plan;
  std::vector<model::Story> stories;          // told by the coordinator, as after interviews
  std::vector<model::Indicator> indicators;
  std::string ask;                            // what the coordinators ask of the sponsor
};

std::string Text(const toml::table& t, const char* key) { return t[key].value_or(std::string()); }

std::vector<std::string> Strings(toml::node_view<toml::node> node) {
  std::vector<std::string> out;
  if (const auto* arr = node.as_array())
    for (const auto& v : *arr)
      if (auto s = v.value<std::string>()) out.push_back(*s);
  return out;
}

Result<DemoSpec> LoadSpec(const std::string& root) {
  std::string path = root + "/content/demo.toml";
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Fail(Error::Invalid(path + ": " + std::string(e.description())));
  }
  DemoSpec spec;
  spec.email = t["account"]["email"].value_or(std::string());
  spec.password = t["account"]["password"].value_or(std::string());
  spec.name = t["account"]["name"].value_or(std::string("Demo coordinator"));
  spec.community.name = t["community"]["name"].value_or(std::string());
  spec.community.domain = t["community"]["domain"].value_or(std::string());
  spec.community.purpose = t["community"]["purpose"].value_or(std::string());
  spec.community.phase = t["community"]["phase"].value_or(std::string());
  spec.community.demo = true;
  if (const auto* rounds = t["round"].as_array()) {
    for (const auto& r : *rounds) {
      const auto* rt = r.as_table();
      if (!rt) continue;
      DemoSpec::RoundSpec round;
      round.title = (*rt)["title"].value_or(std::string());
      round.days_ago = (*rt)["days_ago"].value_or(365);
      round.open_days = (*rt)["open_days"].value_or(21);
      round.members = (*rt)["members"].value_or(12);
      if (const auto* level = (*rt)["level"].as_table())
        for (const auto& [k, v] : *level) round.level[std::string(k.str())] = v.value_or(2.0);
      spec.rounds.push_back(std::move(round));
    }
  }
  spec.disputed = Strings(t["disputed"]["questions"]);
  spec.notes = Strings(t["notes"]["texts"]);
  for (const char* kind : {"vision", "goals", "strategy"})
    spec.reflections[kind] = Strings(t["reflections"][kind]);
  if (const auto* plan = t["plan"].as_array()) {
    for (const auto& p : *plan) {
      const auto* pt = p.as_table();
      if (!pt) continue;
      spec.plan.push_back({(*pt)["what"].value_or(std::string()),
                           (*pt)["owner"].value_or(std::string()), "",
                           (*pt)["status"].value_or(std::string("todo")), ""});
    }
  }
  if (const auto* stories = t["story"].as_array())
    for (const auto& s : *stories) {
      const auto* st = s.as_table();
      if (!st) continue;
      model::Story story;
      story.title = Text(*st, "title");
      story.author = Text(*st, "author");
      story.named = (*st)["named"].value_or(false);
      story.share = (*st)["share"].value_or(std::string("coordinators"));
      story.happened = Text(*st, "happened");
      story.immediate = Text(*st, "immediate");
      story.potential = Text(*st, "potential");
      story.applied = Text(*st, "applied");
      story.realized = Text(*st, "realized");
      story.reframing = Text(*st, "reframing");
      spec.stories.push_back(std::move(story));
    }
  if (const auto* indicators = t["indicator"].as_array())
    for (const auto& i : *indicators) {
      const auto* it = i.as_table();
      if (!it) continue;
      model::Indicator indicator;
      indicator.name = Text(*it, "name");
      indicator.value = (*it)["value"].value_or(0.0);
      indicator.cycle = Text(*it, "cycle");
      indicator.period = Text(*it, "period");
      indicator.note = Text(*it, "note");
      spec.indicators.push_back(std::move(indicator));
    }
  spec.ask = t["sponsor"]["ask"].value_or(std::string());
  if (spec.email.empty() || spec.password.size() < auth::kMinPasswordLength ||
      spec.community.name.empty() || spec.rounds.empty())
    return Fail(Error::Invalid(path + ": needs [account] email and password (12+ characters), "
                                      "[community] name and at least one [[round]]"));
  return spec;
}

int Clamp(double v) { return std::clamp(static_cast<int>(std::lround(v)), 0, 4); }

}  // namespace

Result<DemoResult> SeedDemo(const assess::Bank& bank, store::Store& store, const std::string& root,
                            std::int64_t now) {
  auto spec = LoadSpec(root);
  if (!spec) return Fail(spec.error());
  DemoResult result{false, spec->email, spec->password};
  if (store.FindUserByEmail(spec->email)) return result;  // already seeded

  auto user = store.CreateUser({0, spec->email, spec->name, auth::HashPassword(spec->password), 0});
  if (!user) return Fail(user.error());
  auto community = store.CreateCommunity(spec->community, *user);
  if (!community) return Fail(community.error());

  std::mt19937 rng(20261126);  // fixed: the same demo everywhere
  std::normal_distribution<double> member_bias(0.0, 0.45), noise(0.0, 0.55);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::string> phases;
  for (const auto& p : bank.phases) phases.push_back(p.id);

  for (const auto& round_spec : spec->rounds) {
    model::Round round;
    round.community_id = *community;
    round.title = round_spec.title;
    round.bank_version = bank.version;
    round.opened_at = now - static_cast<std::int64_t>(round_spec.days_ago) * 86400;
    auto round_id = store.CreateRound(round);
    if (!round_id) return Fail(round_id.error());
    model::Invite invite;
    invite.community_id = *community;
    invite.round_id = *round_id;
    invite.token_hash = auth::HashToken(auth::NewToken());  // nobody holds this token: members are made up
    invite.created_at = round.opened_at;
    invite.expires_at = round.opened_at + round_spec.open_days * 86400;
    invite.max_uses = std::max(1, round_spec.members);
    auto invite_id = store.CreateInvite(invite);
    if (!invite_id) return Fail(invite_id.error());

    for (int m = 0; m < round_spec.members; ++m) {
      model::Response response;
      response.token_hash = auth::HashToken(auth::NewToken());
      response.phases = phases;
      response.bank_version = bank.version;
      auto id = store.JoinRound(*invite_id, response);
      if (!id) return Fail(id.error());
      double bias = member_bias(rng);
      bool optimist = m % 2 == 0;  // splits members on the disputed statements
      std::vector<model::Answer> answers;
      for (const auto& section : bank.phases) {
        double level = round_spec.level.count(section.id) ? round_spec.level.at(section.id) : 2.0;
        for (const auto& q : section.questions) {
          model::Answer a;
          a.question = q.id;
          if (unit(rng) < 0.05) {  // "not sure" now and then
            answers.push_back(a);
            continue;
          }
          bool disputed =
              std::find(spec->disputed.begin(), spec->disputed.end(), q.id) != spec->disputed.end();
          int now_value = disputed ? (optimist ? 4 : Clamp(0.6 + noise(rng) * 0.5))
                                   : Clamp(level + bias + noise(rng));
          a.now = now_value;
          a.target = std::min(4, now_value + (unit(rng) < 0.6 ? 1 : 2));
          if (!spec->notes.empty() && unit(rng) < 0.03)
            a.note = spec->notes[static_cast<size_t>(unit(rng) * spec->notes.size()) %
                                 spec->notes.size()];
          answers.push_back(std::move(a));
        }
      }
      if (auto ok = store.SaveAnswers(*id, answers); !ok) return Fail(ok.error());
      std::vector<model::Reflection> reflections;
      for (const auto& [kind, texts] : spec->reflections) {
        if (texts.empty() || unit(rng) > 0.3) continue;
        std::string prompt = std::string(bank.phases[2].id) + "-" + kind;
        if (bank.FindPrompt(prompt))
          reflections.push_back({prompt, texts[static_cast<size_t>(m) % texts.size()]});
      }
      if (!reflections.empty())
        if (auto ok = store.SaveReflections(*id, reflections); !ok) return Fail(ok.error());
    }
    if (auto ok = store.CloseRound(*round_id, round.opened_at + round_spec.open_days * 86400); !ok)
      return Fail(ok.error());
  }

  model::Plan plan;
  plan.vision = spec->reflections["vision"].empty() ? "" : spec->reflections["vision"][0];
  plan.goals = spec->reflections["goals"].empty() ? "" : spec->reflections["goals"][0];
  plan.strategies = spec->reflections["strategy"].empty() ? "" : spec->reflections["strategy"][0];
  plan.items = spec->plan;
  if (auto ok = store.SaveCommunityPlan(*community, plan); !ok) return Fail(ok.error());
  // The value the community created, for the value matrix and the sponsor brief.
  for (auto story : spec->stories) {
    story.community_id = *community;
    story.user_id = *user;
    story.created_at = now - 30 * 86400;
    if (auto id = store.CreateStory(story); !id) return Fail(id.error());
  }
  for (auto indicator : spec->indicators) {
    indicator.community_id = *community;
    indicator.user_id = *user;
    indicator.created_at = now - 30 * 86400;
    if (auto id = store.CreateIndicator(indicator); !id) return Fail(id.error());
  }
  if (!spec->ask.empty())
    if (auto ok = store.SaveSponsorAsk(*community, spec->ask); !ok) return Fail(ok.error());
  result.created = true;
  return result;
}

Status RemoveDemo(store::Store& store, const std::string& root) {
  auto spec = LoadSpec(root);
  if (!spec) return Fail(spec.error());
  auto user = store.FindUserByEmail(spec->email);
  if (!user) return {};
  // Communities shared with real coordinators would survive DeleteUser: remove demo ones.
  auto communities = store.UserCommunities(user->id);
  if (communities)
    for (const auto& c : *communities)
      if (c.demo) (void)store.DeleteCommunity(c.id);
  return store.DeleteUser(user->id);
}

Result<bool> DemoPresent(store::Store& store, const std::string& root) {
  auto spec = LoadSpec(root);
  if (!spec) return false;  // no demo file: no demo account to worry about
  auto user = store.FindUserByEmail(spec->email);
  if (user) return true;
  if (user.error().kind == Error::Kind::kNotFound) return false;
  return Fail(user.error());
}

}  // namespace cultivate::app
