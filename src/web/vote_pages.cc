// The review meeting's dot-vote for members, from their phones: through their own check-up
// link (/checkup/{token}/vote), or through the short code on the screen (/vote, /vote/{code})
// with a browser cookie that lets them change their vote. Anonymous: the store keeps only a
// hash of the link's token or the cookie; the pages never show anyone's choice but your own.
#include "auth/tokens.h"
#include "common/message_keys_review.h"
#include "http/form.h"
#include "web/access.h"
#include "web/errors.h"
#include "web/review_views.h"
#include "web/team_views.h"

namespace cultivate::web {

using nlohmann::json;

namespace {

constexpr const char* kVoterCookie = "__Host-cultivate-voter";

std::vector<std::string> Chosen(const http::Fields& form) {
  std::vector<std::string> out;
  for (const auto& [k, v] : form)
    if (k == "area") out.push_back(v);
  return out;
}

// The form's proof that it came from this site's page: a hash of the voter cookie, which a
// page on another site cannot read.
std::string FormCheck(const std::string& voter) { return auth::HashToken("vote-form:" + voter).substr(0, 32); }

http::Response BallotPage(WebApp& app, const http::Request& req, const community::Ballot& ballot,
                          const std::string& action, const std::vector<std::string>& chosen,
                          const cultivate::Error* error, const std::string& check = "") {
  json m = app.BaseModel(req.path, app.Say({msg::kTitleVote, {Arg("name", ballot.community.name)}}),
                         app.Say(msg::kAboutVote));
  m["noindex"] = true;
  m["community"] = CommunityModel(app.site(), ballot.community);
  m["round_title"] = RoundTitle(app.site(), ballot.round);
  m["choices"] = BallotChoices(app, ballot.areas, chosen);
  m["open"] = ballot.vote == model::VoteState::kOpen && !ballot.areas.empty();
  m["closed"] = ballot.vote == model::VoteState::kClosed;
  m["voted"] = !ballot.mine.empty();
  m["max"] = community::kMaxVotes;
  m["action"] = action;
  m["check"] = check;
  m["saved"] = req.Query("saved") == "1";
  int status = 200;
  if (error) {
    status = StatusOf(*error);
    m["problem"] = app.Say(TextOf(*error));
    LogError(*error);
  }
  return NoStore(app.Render("vote", m, status));
}

http::Response CodePage(WebApp& app, const http::Request& req, const std::string& typed,
                        const cultivate::Error* error) {
  json m = app.BaseModel(req.path, app.Say(msg::kTitleVoteCode), app.Say(msg::kAboutVote));
  m["noindex"] = true;
  m["code"] = typed;
  int status = 200;
  if (error) {
    status = StatusOf(*error);
    m["problem"] = app.Say(TextOf(*error));
  }
  http::Response r = NoStore(app.Render("vote_code", m, status));
  if (error && error->kind == cultivate::Error::Kind::kThrottled) r.Set("Retry-After", "600");
  return r;
}

std::string VoterOf(const http::Request& req, bool* fresh) {
  std::string voter = req.Cookie(kVoterCookie);
  *fresh = !auth::PlausibleToken(voter);
  return *fresh ? auth::NewToken() : voter;
}

std::string VoterCookie(const std::string& voter) {
  http::CookieOptions cookie;
  cookie.max_age = 2 * 86400;
  return http::SetCookie(kVoterCookie, voter, cookie);
}

}  // namespace

void AddVoteRoutes(WebApp& app, http::Router& router) {
  router.Add("GET", "/checkup/{token}/vote", [&app](http::Request& req) {
    auto response = app.checkups().Find(req.Param("token"));
    if (!response) return app.Fail(response.error());
    auto ballot = app.meeting().MemberBallot(*response, req.Param("token"));
    if (!ballot) return app.Fail(ballot.error());
    return BallotPage(app, req, *ballot, req.path, ballot->mine, nullptr);
  });

  router.Add("POST", "/checkup/{token}/vote", [&app](http::Request& req) {
    auto response = app.checkups().Find(req.Param("token"));
    if (!response) return app.Fail(response.error());
    auto form = http::ParseForm(req.body);
    if (!form) return app.Error(400, msg::kFormUnreadable);
    std::vector<std::string> chosen = Chosen(*form);
    auto ok = app.meeting().MemberVote(*response, req.Param("token"), chosen);
    if (!ok) {
      auto ballot = app.meeting().MemberBallot(*response, req.Param("token"));
      if (!ballot) return app.Fail(ballot.error());
      return BallotPage(app, req, *ballot, req.path, chosen, &ok.error());
    }
    return NoStore(http::Response::Redirect(req.path + "?saved=1"));
  }, {.body_limit = 4 * 1024});

  // The code shown on the screen: typed into a plain GET form, so a wrong one changes nothing.
  router.Add("GET", "/vote", [&app](http::Request& req) {
    std::string typed = req.Query("code");
    if (typed.empty()) return CodePage(app, req, "", nullptr);
    std::string code = community::Meeting::CleanCode(typed);
    if (!code.empty()) return NoStore(http::Response::Redirect("/vote/" + code));
    cultivate::Error e = cultivate::Error::Say(cultivate::Error::Kind::kNotFound, msg::kReviewCodeUnknown);
    return CodePage(app, req, typed, &e);
  });

  router.Add("GET", "/vote/{code}", [&app](http::Request& req) {
    bool fresh = false;
    std::string voter = VoterOf(req, &fresh);
    auto ballot = app.meeting().CodeBallot(req.Param("code"), voter, req.remote);
    if (!ballot) return CodePage(app, req, req.Param("code"), &ballot.error());
    http::Response r = BallotPage(app, req, *ballot, req.path, ballot->mine, nullptr, FormCheck(voter));
    if (fresh) r.Add("Set-Cookie", VoterCookie(voter));
    return r;
  });

  router.Add("POST", "/vote/{code}", [&app](http::Request& req) {
    auto form = http::ParseForm(req.body);
    if (!form) return app.Error(400, msg::kFormUnreadable);
    std::string voter = req.Cookie(kVoterCookie);
    if (!auth::PlausibleToken(voter)) return app.Error(403, msg::kFormCookieMissing);
    if (!auth::SameSecret(FieldOf(*form, "check"), FormCheck(voter)))
      return app.Error(403, msg::kFormOutOfDate);
    std::vector<std::string> chosen = Chosen(*form);
    auto ok = app.meeting().CodeVote(req.Param("code"), voter, req.remote, chosen);
    if (!ok) {
      auto ballot = app.meeting().CodeBallot(req.Param("code"), voter, req.remote);
      if (!ballot) return CodePage(app, req, req.Param("code"), &ballot.error());
      return BallotPage(app, req, *ballot, req.path, chosen, &ok.error(), FormCheck(voter));
    }
    return NoStore(http::Response::Redirect(req.path + "?saved=1"));
  }, {.body_limit = 4 * 1024});
}

}  // namespace cultivate::web
