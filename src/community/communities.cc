// Communities and their coordinators.
#include <algorithm>

#include "auth/accounts.h"
#include "auth/security_log.h"
#include "common/field_rules.h"
#include "common/message_keys.h"
#include "common/text.h"
#include "community/team.h"

namespace cultivate::community {

using Kind = Error::Kind;
using model::Id;

std::vector<FieldError> Team::Check(const CommunityInput& in) const {
  std::vector<FieldError> errors;
  auto text = [&](const std::string& v, const std::string& field, size_t max) {
    CheckText(v, field, max, &errors);
  };
  if (ValidUtf8(in.name) && Trim(in.name).empty())
    errors.push_back({"", "name", msg::kCommunityNameMissing});
  else
    text(in.name, "name", kMaxCommunityName);
  text(in.domain, "domain", kMaxCommunityText);
  text(in.purpose, "purpose", kMaxCommunityText);
  if (!in.phase.empty() && !bank_.FindPhase(in.phase))
    errors.push_back({"", "phase", msg::kCommunityPhaseUnknown});
  return errors;
}

Result<std::vector<model::Community>> Team::CommunitiesOf(Id user) {
  return store_.UserCommunities(user);
}

Result<model::Community> Team::Create(Id user, const CommunityInput& in) {
  auto errors = Check(in);
  if (!errors.empty()) return Fail(Error::Fields(std::move(errors), msg::kCommunityInvalid));
  auto mine = store_.UserCommunities(user);
  if (!mine) return Fail(mine.error());
  if (mine->size() >= kMaxCommunitiesPerAccount)
    return Fail(Error::Say(Kind::kConflict, {msg::kCapCommunities, {Arg("max", kMaxCommunitiesPerAccount)}}));
  model::Community c{.name = in.name, .domain = in.domain, .purpose = in.purpose, .phase = in.phase};
  auto id = store_.CreateCommunity(c, user);
  if (!id) return Fail(id.error());
  return store_.FindCommunity(*id);
}

Result<model::Community> Team::Coordinated(Id user, const std::string& community_id) {
  auto id = ParseId(community_id);
  if (!id) return Fail(Error::NotFound("malformed community id"));
  return store_.FindCoordinatedCommunity(*id, user);
}

Result<model::Community> Team::Update(const model::Community& c, const CommunityInput& in) {
  auto errors = Check(in);
  if (!errors.empty()) return Fail(Error::Fields(std::move(errors), msg::kCommunityInvalid));
  model::Community updated = c;
  updated.name = in.name;
  updated.domain = in.domain;
  updated.purpose = in.purpose;
  updated.phase = in.phase;
  if (auto ok = store_.UpdateCommunity(updated); !ok) return Fail(ok.error());
  return store_.FindCommunity(c.id);
}

Status Team::Delete(const model::Community& c, Id by, const std::string& address) {
  if (auto ok = store_.DeleteCommunity(c.id); !ok) return ok;
  auth::LogSecurityEvent("community-deleted", std::to_string(by), address,
                         "community=" + std::to_string(c.id));
  return {};
}

Result<Overview> Team::OverviewOf(const model::Community& c) {
  auto rounds = store_.Rounds(c.id);
  if (!rounds) return Fail(rounds.error());
  auto coordinators = store_.Coordinators(c.id);
  if (!coordinators) return Fail(coordinators.error());
  auto invites = store_.Invites(c.id);
  if (!invites) return Fail(invites.error());
  auto links = store_.SponsorLinks(c.id);
  if (!links) return Fail(links.error());
  auto invited = store_.PendingInvitations(c.id);
  if (!invited) return Fail(invited.error());
  return Overview{std::move(*rounds), std::move(*coordinators), std::move(*invited),
                  std::move(*invites), std::move(*links)};
}

Result<std::vector<model::User>> Team::Coordinators(const model::Community& c) {
  return store_.Coordinators(c.id);
}

Result<std::vector<model::Round>> Team::RoundsOf(const model::Community& c) {
  return store_.Rounds(c.id);
}

Status Team::InviteCoordinator(const model::Community& c, const std::string& email, Id by) {
  std::string key = auth::AccountKey(email);
  if (!auth::ValidEmail(key))
    return Fail(Error::Fields({{"", "email", msg::kEmailInvalid}}, msg::kEmailInvalid));
  auto coordinators = store_.Coordinators(c.id);
  if (!coordinators) return Fail(coordinators.error());
  auto invited = store_.PendingInvitations(c.id);
  if (!invited) return Fail(invited.error());
  if (coordinators->size() + invited->size() >= kMaxCoordinators)
    return Fail(Error::Say(Kind::kConflict, {msg::kCapCoordinators, {Arg("max", kMaxCoordinators)}}));
  bool already = std::any_of(coordinators->begin(), coordinators->end(),
                             [&](const model::User& u) { return auth::AccountKey(u.email) == key; });
  if (already) return {};  // nothing to do, and nothing said about it
  return store_.InviteCoordinator({0, c.id, "", key, 0}, by);
}

Result<std::vector<model::CoordinatorInvitation>> Team::InvitationsFor(const model::User& user) {
  return store_.InvitationsFor(auth::AccountKey(user.email));
}

Status Team::AcceptInvitation(const model::User& user, const std::string& invitation_id) {
  auto id = ParseId(invitation_id);
  if (!id) return Fail(Error::NotFound("malformed invitation id"));
  return store_.AcceptInvitation(*id, auth::AccountKey(user.email), user.id);
}

Status Team::DeclineInvitation(const model::User& user, const std::string& invitation_id) {
  auto id = ParseId(invitation_id);
  if (!id) return Fail(Error::NotFound("malformed invitation id"));
  return store_.DeclineInvitation(*id, auth::AccountKey(user.email));
}

Status Team::RemoveCoordinator(const model::Community& c, const std::string& user_id) {
  auto id = ParseId(user_id);
  if (!id) return Fail(Error::NotFound("malformed user id"));
  auto ok = store_.RemoveCoordinator(c.id, *id);
  if (!ok && ok.error().kind == Kind::kConflict)
    return Fail(Error::Say(Kind::kConflict, msg::kCoordinatorLast));
  return ok;
}

Result<std::vector<CommunityExport>> Team::Export(const model::User& user) {
  auto mine = store_.UserCommunities(user.id);
  if (!mine) return Fail(mine.error());
  std::vector<CommunityExport> out;
  for (const auto& c : *mine) {
    auto overview = OverviewOf(c);
    if (!overview) return Fail(overview.error());
    auto plan = store_.CommunityPlan(c.id);
    if (!plan) return Fail(plan.error());
    std::vector<model::Review> reviews;
    for (const auto& r : overview->rounds) {
      if (r.open()) continue;
      auto review = store_.FindReview(r.id);
      if (!review) return Fail(review.error());
      if (review->revision > 0) reviews.push_back(std::move(*review));
    }
    out.push_back({c, std::move(*overview), std::move(*plan), std::move(reviews)});
  }
  return out;
}

}  // namespace cultivate::community
