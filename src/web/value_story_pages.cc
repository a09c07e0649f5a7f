// Value-creation stories in HTML: a member tells theirs from their check-up link (also after
// the round closed), a solo user beside their plan, a coordinator from the community's
// pages. Everyone edits or deletes their own story from the same place. A check-up's pages
// are reached by its private token (as the rest of the check-up); a coordinator's forms
// carry the session's CSRF token.
#include "common/message_keys.h"
#include "http/form.h"
#include "web/access.h"
#include "web/checkup_pages.h"
#include "web/errors.h"
#include "web/team_pages.h"
#include "web/team_views.h"
#include "web/value_json.h"
#include "web/value_pages.h"

namespace cultivate::web {

using nlohmann::json;

Result<value::Teller> CheckupTeller(WebApp& app, const std::string& token) {
  auto response = app.checkups().Find(token);
  if (!response) return Fail(response.error());
  value::Teller t{.response = response->id, .user = response->user_id};
  auto membership = app.checkups().MembershipOf(*response);
  if (!membership) return Fail(membership.error());
  if (*membership) t.community = (*membership)->community.id;
  return t;
}

namespace {

// Where the stories live and who is asking: a check-up (by token) or a coordinator.
struct Place {
  value::Teller teller;
  std::string base;  // "/checkup/TOKEN/stories" or "/communities/ID/stories"
  json model;        // the page model so far (check-up steps, or signed-in and community)
};

Result<Place> CheckupPlace(WebApp& app, const http::Request& req, const std::string& title) {
  auto response = app.checkups().Find(req.Param("token"));
  if (!response) return Fail(response.error());
  auto teller = CheckupTeller(app, req.Param("token"));
  if (!teller) return Fail(teller.error());
  Place p{*teller, "/checkup/" + req.Param("token") + "/stories",
          CheckupModel(app, req, *response, req.path, title, "stories")};
  p.model["checkup"] = true;
  p.model["stories_current"] = true;
  return p;
}

Place CoordinatorPlace(WebApp& app, const auth::SignedIn& who, const model::Community& c,
                       const http::Request& req, const std::string& title, const std::string& crumb) {
  Place p{{.community = c.id, .user = who.user.id, .coordinator = true},
          CommunityPath(c) + "/stories",
          SignedModel(app, who, req.path, title, app.Say(msg::kAboutStories))};
  p.model["coordinator"] = true;
  p.model["community"] = CommunityModel(app.site(), c);
  p.model["crumb"] = crumb;
  return p;
}

http::Response ListPage(WebApp& app, Place p, const http::Request& req,
                        const std::optional<model::Community>& community) {
  auto own = app.values().Own(p.teller);
  if (!own) return app.Fail(own.error());
  json& m = p.model;
  m["heading"] = community ? app.Say({msg::kTitleCommunityStories, {Arg("name", community->name)}})
                           : app.Say(msg::kTitleStories);
  m["base_path"] = p.base;
  m["own"] = StoryRows(app, *own, p.base, false);
  m["has_own"] = !own->empty();
  m["saved"] = req.Query("saved") == "1";
  m["deleted"] = req.Query("deleted") == "1";
  if (community) {
    auto all = app.values().CommunityStories(*community);
    if (!all) return app.Fail(all.error());
    m["all"] = StoryRows(app, *all, "", false);
    for (auto& row : m["all"])  // coordinators may take down any story of their community
      row["remove"] = p.base + "/" + std::to_string(row["id"].get<model::Id>()) + "/delete";
    m["has_all"] = !all->empty();
  }
  return NoStore(app.Render("stories", m));
}

http::Response FormPage(WebApp& app, Place p, const value::StoryInput& story,
                        const std::vector<FieldError>& errors, const std::string& id, int status) {
  json& m = p.model;
  m["heading"] = id.empty() ? app.Say(msg::kTitleStoryNew)
                            : app.Say({msg::kTitleStoryEdit, {Arg("title", story.title)}});
  m["base_path"] = p.base;
  m["story"] = StoryFormModel(app, story, errors);
  m["action"] = id.empty() ? p.base : p.base + "/" + id;
  if (!id.empty()) m["delete_action"] = p.base + "/" + id + "/delete";
  return NoStore(app.Render("story", m, status));
}

// Saves (tells or edits) the story in the form; the form again with what was typed and why
// when it cannot be saved.
http::Response Save(WebApp& app, Place p, const http::Fields& form, const std::string& id) {
  value::StoryInput input = StoryFromForm(form);
  auto saved = id.empty() ? app.values().Tell(p.teller, input) : app.values().Edit(p.teller, id, input);
  if (!saved) {
    const auto& e = saved.error();
    if (e.kind == cultivate::Error::Kind::kNotFound) return app.Fail(e);
    std::vector<FieldError> errors = e.details;
    if (errors.empty()) {
      LogError(e);
      errors.push_back({"", "title", e.text.empty() ? Message(msg::kStoryNotSaved) : e.text});
    }
    return FormPage(app, std::move(p), input, errors, id, StatusOf(e));
  }
  return NoStore(http::Response::Redirect(p.base + "?saved=1"));
}

value::StoryInput Blank() { return {}; }

}  // namespace

void AddValueStoryRoutes(WebApp& app, http::Router& router) {
  // ---- from a check-up link ----
  router.Add("GET", "/checkup/{token}/stories", [&app](http::Request& req) {
    auto p = CheckupPlace(app, req, app.Say(msg::kTitleStories));
    if (!p) return app.Fail(p.error());
    return ListPage(app, std::move(*p), req, std::nullopt);
  });
  router.Add("GET", "/checkup/{token}/stories/new", [&app](http::Request& req) {
    auto p = CheckupPlace(app, req, app.Say(msg::kTitleStoryNew));
    if (!p) return app.Fail(p.error());
    return FormPage(app, std::move(*p), Blank(), {}, "", 200);
  });
  router.Add("POST", "/checkup/{token}/stories", [&app](http::Request& req) {
    auto p = CheckupPlace(app, req, app.Say(msg::kTitleStoryNew));
    if (!p) return app.Fail(p.error());
    auto form = http::ParseForm(req.body);
    if (!form) return app.Error(400, msg::kFormUnreadable);
    return Save(app, std::move(*p), *form, "");
  }, {.body_limit = 64 * 1024});
  router.Add("GET", "/checkup/{token}/stories/{sid}", [&app](http::Request& req) {
    auto p = CheckupPlace(app, req, app.Say(msg::kTitleStories));
    if (!p) return app.Fail(p.error());
    auto story = app.values().Find(p->teller, req.Param("sid"));
    if (!story) return app.Fail(story.error());
    return FormPage(app, std::move(*p), *story, {}, req.Param("sid"), 200);
  });
  router.Add("POST", "/checkup/{token}/stories/{sid}", [&app](http::Request& req) {
    auto p = CheckupPlace(app, req, app.Say(msg::kTitleStories));
    if (!p) return app.Fail(p.error());
    auto form = http::ParseForm(req.body);
    if (!form) return app.Error(400, msg::kFormUnreadable);
    return Save(app, std::move(*p), *form, req.Param("sid"));
  }, {.body_limit = 64 * 1024});
  router.Add("POST", "/checkup/{token}/stories/{sid}/delete", [&app](http::Request& req) {
    auto teller = CheckupTeller(app, req.Param("token"));
    if (!teller) return app.Fail(teller.error());
    if (auto ok = app.values().Remove(*teller, req.Param("sid")); !ok) return app.Fail(ok.error());
    return NoStore(http::Response::Redirect("/checkup/" + req.Param("token") + "/stories?deleted=1"));
  });

  // ---- a coordinator's, from the community's pages ----
  router.Add("GET", "/communities/{id}/stories", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      std::string title = app.Say({msg::kTitleCommunityStories, {Arg("name", c.name)}});
      return ListPage(app, CoordinatorPlace(app, who, c, req, title, app.Say(msg::kTitleStories)),
                      req, c);
    });
  });
  router.Add("GET", "/communities/{id}/stories/new", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      std::string title = app.Say(msg::kTitleStoryNew);
      return FormPage(app, CoordinatorPlace(app, who, c, req, title, title), Blank(), {}, "", 200);
    });
  });
  router.Add("POST", "/communities/{id}/stories", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields& form) {
      std::string title = app.Say(msg::kTitleStoryNew);
      return Save(app, CoordinatorPlace(app, who, c, req, title, title), form, "");
    });
  }, {.body_limit = 64 * 1024});
  router.Add("GET", "/communities/{id}/stories/{sid}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      std::string title = app.Say(msg::kTitleStories);
      Place p = CoordinatorPlace(app, who, c, req, title, title);
      auto story = app.values().Find(p.teller, req.Param("sid"));
      if (!story) return app.Fail(story.error());
      return FormPage(app, std::move(p), *story, {}, req.Param("sid"), 200);
    });
  });
  router.Add("POST", "/communities/{id}/stories/{sid}", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields& form) {
      std::string title = app.Say(msg::kTitleStories);
      return Save(app, CoordinatorPlace(app, who, c, req, title, title), form, req.Param("sid"));
    });
  }, {.body_limit = 64 * 1024});
  router.Add("POST", "/communities/{id}/stories/{sid}/delete", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields&) {
      value::Teller t{.community = c.id, .user = who.user.id, .coordinator = true};
      if (auto ok = app.values().Remove(t, req.Param("sid")); !ok) return app.Fail(ok.error());
      return NoStore(http::Response::Redirect(CommunityPath(c) + "/stories?deleted=1"));
    });
  });
}

}  // namespace cultivate::web
