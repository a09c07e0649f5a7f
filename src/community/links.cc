// Invites to a round, joining through them, and sponsors' read-only links.
#include <algorithm>

#include "auth/tokens.h"
#include "common/message_keys.h"
#include "common/text.h"
#include "community/team.h"

namespace cultivate::community {

using Kind = Error::Kind;

Result<NewLink> Team::CreateInvite(const model::Community& community, int days, int max_uses) {
  std::vector<FieldError> errors;
  if (days < 1 || days > kMaxInviteDays)
    errors.push_back({"", "days", {msg::kInviteDays, {Arg("max", kMaxInviteDays)}}});
  if (max_uses < 1 || max_uses > kMaxInviteUses)
    errors.push_back({"", "max_uses", {msg::kInviteUses, {Arg("max", kMaxInviteUses)}}});
  if (!errors.empty()) {
    Message first = errors.front().text;
    return Fail(Error::Fields(std::move(errors), std::move(first)));
  }
  auto open = OpenRound(community);
  if (!open) return Fail(open.error());
  if (!*open) return Fail(Error::Say(Kind::kConflict, msg::kInviteNoOpenRound));
  std::int64_t now = clock_();
  auto invites = store_.Invites(community.id);
  if (!invites) return Fail(invites.error());
  size_t active = std::count_if(invites->begin(), invites->end(), [&](const model::Invite& i) {
    return !i.revoked_at && i.expires_at > now;
  });
  if (active >= kMaxActiveInvites)
    return Fail(Error::Say(Kind::kConflict, {msg::kCapInvites, {Arg("max", kMaxActiveInvites)}}));
  std::string token = auth::NewToken();
  model::Invite invite;
  invite.community_id = community.id;
  invite.round_id = (*open)->id;
  invite.token_hash = auth::HashToken(token);
  invite.created_at = now;
  invite.expires_at = now + static_cast<std::int64_t>(days) * 86400;
  invite.max_uses = max_uses;
  auto id = store_.CreateInvite(invite);
  if (!id) return Fail(id.error());
  return NewLink{*id, token, "/join/" + token, invite.expires_at, invite.round_id};
}

Status Team::RevokeInvite(const model::Community& community, const std::string& invite_id) {
  auto id = ParseId(invite_id);
  if (!id) return Fail(Error::NotFound("malformed invite id"));
  auto invite = store_.FindInvite(*id);
  if (!invite) return Fail(invite.error());
  if (invite->community_id != community.id) return Fail(Error::NotFound("invite of another community"));
  return store_.RevokeInvite(invite->id, clock_());
}

Result<InviteView> Team::ViewInvite(const std::string& invite_token, const std::string& previous) {
  auto unknown = Error::Say(Kind::kNotFound, msg::kInviteUnknown);
  if (!auth::PlausibleToken(invite_token)) return Fail(unknown);
  auto invite = store_.FindInviteByTokenHash(auth::HashToken(invite_token));
  if (!invite) return Fail(invite.error().kind == Kind::kNotFound ? unknown : invite.error());
  auto community = store_.FindCommunity(invite->community_id);
  if (!community) return Fail(community.error());
  auto round = store_.FindRound(invite->round_id);
  if (!round) return Fail(round.error());
  InviteView view{*invite, *community, *round, {}, {}};
  if (auth::PlausibleToken(previous)) {
    auto mine = store_.FindResponseByTokenHash(auth::HashToken(previous));
    if (mine && mine->round_id == round->id) view.own = previous;
    if (!mine && mine.error().kind != Kind::kNotFound) return Fail(mine.error());
  }
  if (invite->revoked_at)
    view.problem = msg::kInviteWithdrawn;
  else if (invite->expires_at <= clock_())
    view.problem = msg::kInviteExpired;
  else if (!round->open())
    view.problem = msg::kRoundClosed;
  else if (invite->full())
    view.problem = msg::kInviteFull;
  return view;
}

Result<Joined> Team::Join(const std::string& invite_token, const Joiner& who) {
  auto view = ViewInvite(invite_token, who.previous);
  if (!view) return Fail(view.error());
  const model::Round& round = view->round;
  if (who.user) {
    // Someone signed in gets their own check-up back, with a new link (only the hash of the
    // old one is kept), whoever else used this browser.
    auto mine = store_.UserResponse(round.id, *who.user);
    if (mine) {
      std::string token = auth::NewToken();
      if (auto ok = store_.ReplaceResponseToken(mine->id, auth::HashToken(token)); !ok)
        return Fail(ok.error());
      return Joined{token, true};
    }
    if (mine.error().kind != Kind::kNotFound) return Fail(mine.error());
  } else if (!view->own.empty()) {
    return Joined{view->own, true};  // this browser joined through the link before
  }
  if (!view->problem.empty()) return Fail(Error::Say(Kind::kGone, view->problem));
  // The account is kept with the response: the store marks it a coordinator's when the
  // account coordinates the community, in the join's own transaction, or later when it
  // becomes a coordinator (Store::JoinRound), so it never counts as a member's.
  std::string token = auth::NewToken();
  model::Response response;
  response.token_hash = auth::HashToken(token);
  response.phases = bank_.PhaseIds();
  response.bank_version = round.bank_version;
  response.user_id = who.user;
  auto id = store_.JoinRound(view->invite.id, response);
  if (!id) {
    if (id.error().kind == Kind::kConflict) return Fail(Error::Say(Kind::kGone, msg::kRoundClosed));
    if (id.error().kind == Kind::kGone) return Fail(Error::Say(Kind::kGone, msg::kInviteFull));
    return Fail(id.error());
  }
  return Joined{token, false};
}

Result<NewLink> Team::CreateSponsorLink(const model::Community& community,
                                        const std::string& label) {
  if (!ValidUtf8(label) || CodePoints(label) > kMaxLinkLabel)
    return Fail(Error::Fields({{"", "label", {msg::kTooLong, {Arg("max", kMaxLinkLabel)}}}},
                              {msg::kTooLong, {Arg("max", kMaxLinkLabel)}}));
  auto links = store_.SponsorLinks(community.id);
  if (!links) return Fail(links.error());
  size_t active = std::count_if(links->begin(), links->end(),
                                [](const model::SponsorLink& s) { return !s.revoked_at; });
  if (active >= kMaxActiveSponsorLinks)
    return Fail(Error::Say(Kind::kConflict, {msg::kCapSponsorLinks, {Arg("max", kMaxActiveSponsorLinks)}}));
  std::string token = auth::NewToken();
  model::SponsorLink link;
  link.community_id = community.id;
  link.token_hash = auth::HashToken(token);
  link.label = label;
  link.created_at = clock_();
  auto id = store_.CreateSponsorLink(link);
  if (!id) return Fail(id.error());
  return NewLink{*id, token, "/sponsor/" + token, 0, 0};
}

Status Team::RevokeSponsorLink(const model::Community& community, const std::string& link_id) {
  auto id = ParseId(link_id);
  if (!id) return Fail(Error::NotFound("malformed link id"));
  auto link = store_.FindSponsorLink(*id);
  if (!link) return Fail(link.error());
  if (link->community_id != community.id) return Fail(Error::NotFound("link of another community"));
  return store_.RevokeSponsorLink(link->id, clock_());
}

Result<SponsorView> Team::Sponsor(const std::string& token) {
  auto unknown = Error::Say(Kind::kNotFound, msg::kSponsorLinkUnknown);
  if (!auth::PlausibleToken(token)) return Fail(unknown);
  auto link = store_.FindSponsorLinkByTokenHash(auth::HashToken(token));
  if (!link) return Fail(link.error().kind == Kind::kNotFound ? unknown : link.error());
  if (link->revoked_at) return Fail(unknown);
  auto community = store_.FindCommunity(link->community_id);
  if (!community) return Fail(community.error());
  SponsorView view{*community, {}, {}, {}, {}};
  auto latest = LatestShown(*community);  // closed rounds only
  if (!latest) return Fail(latest.error());
  view.latest = std::move(*latest);
  if (view.latest) {
    auto reflections = Reflections(*community, view.latest->first);
    if (!reflections) return Fail(reflections.error());
    view.reflections = std::move(*reflections);
    auto review = store_.FindReview(view.latest->first.id);  // the meeting's decisions
    if (!review) return Fail(review.error());
    view.decisions = std::move(review->notes);
  }
  auto plan = store_.CommunityPlan(community->id);
  if (!plan) return Fail(plan.error());
  view.plan = std::move(*plan);
  return view;
}

}  // namespace cultivate::community
