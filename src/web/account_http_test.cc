// Accounts and sessions through the JSON API and HTML forms, in-process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/tokens.h"
#include "common/message_keys.h"
#include "web/team_test_support.h"

namespace cultivate::web {
namespace {

using ::testing::HasSubstr;
using test::CookieValue;
using test::kPassword;
using test::SetCookieHeader;
using test::TeamClient;

class AccountTest : public ::testing::Test {
 protected:
  store::test::FakeClock clock_{1'800'000'000};
  TeamClient c_{clock_};
};

TEST_F(AccountTest, SignUpChecksEmailPasswordAndName) {
  auto bad = c_.Json("POST", "/api/v1/accounts",
                     {{"email", "not-an-email"}, {"password", "short"}, {"name", ""}});
  ASSERT_EQ(bad.status, 422);
  auto details = c_.Body(bad)["details"];
  std::set<std::string> fields;
  for (const auto& d : details) fields.insert(d["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"email", "password", "name"}));
  // 11 characters is too short, 12 is enough, 128 accepted, 129 not. Code points count,
  // so twelve accented letters are twelve characters.
  auto with = [&](const std::string& email, const std::string& password) {
    return c_.Json("POST", "/api/v1/accounts",
                   {{"email", email}, {"password", password}, {"name", "Ada"}}).status;
  };
  EXPECT_EQ(with("a@example.org", std::string(11, 'x')), 422);
  EXPECT_EQ(with("b@example.org", std::string(12, 'x')), 202);
  EXPECT_EQ(with("c@example.org", std::string(128, 'x')), 202);
  EXPECT_EQ(with("d@example.org", std::string(129, 'x')), 422);
  std::string accented;
  for (int i = 0; i < 12; ++i) accented += "é";
  EXPECT_EQ(with("e@example.org", accented), 202);
  // A taken email (compared case-insensitively) gets the very same answer, and changes nothing.
  auto fresh = c_.Json("POST", "/api/v1/accounts", {{"email", "f@example.org"}, {"password", std::string(12, 'z')}, {"name", "F"}});
  auto taken = c_.Json("POST", "/api/v1/accounts", {{"email", "B@Example.org"}, {"password", std::string(12, 'y')}, {"name", "Eve"}});
  EXPECT_EQ(taken.status, fresh.status);
  EXPECT_EQ(c_.Body(taken)["message"], c_.Body(fresh)["message"]);
  EXPECT_EQ(taken.Header("Set-Cookie"), nullptr) << "sign-up never signs in";
  EXPECT_EQ(c_.store().FindUserByEmail("b@example.org")->name, "Ada") << "the account is untouched";
  EXPECT_EQ(c_.Json("POST", "/api/v1/session", {{"email", "b@example.org"}, {"password", std::string(12, 'x')}}).status, 200);
  auto text = c_.client().Send("POST", "/api/v1/accounts", "email=x", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(text.status, 415);
}

TEST_F(AccountTest, PasswordsAreStoredAsArgon2idOnly) {
  c_.SignUp("ada@example.org");
  auto user = c_.store().FindUserByEmail("ada@example.org").value();
  EXPECT_EQ(user.password_hash.rfind("$argon2id$", 0), 0u) << user.password_hash;
  EXPECT_THAT(user.password_hash, HasSubstr("m=19456,t=2"));
  EXPECT_EQ(user.password_hash.find(kPassword), std::string::npos);
}

TEST_F(AccountTest, SignInSetsAHostPrefixedSecureCookieWithAFreshIdEachTime) {
  c_.SignUp("ada@example.org");
  auto r = c_.Json("POST", "/api/v1/session", {{"email", "ada@example.org"}, {"password", kPassword}});
  ASSERT_EQ(r.status, 200);
  std::string header = SetCookieHeader(r, "__Host-cultivate-session");
  EXPECT_THAT(header, HasSubstr("; Path=/"));
  EXPECT_THAT(header, HasSubstr("; Secure"));
  EXPECT_THAT(header, HasSubstr("; HttpOnly"));
  EXPECT_THAT(header, HasSubstr("; SameSite=Lax"));
  EXPECT_THAT(header, ::testing::Not(HasSubstr("Domain")));
  std::string first = CookieValue(r, "__Host-cultivate-session");
  auto again = c_.Json("POST", "/api/v1/session", {{"email", "ada@example.org"}, {"password", kPassword}});
  EXPECT_NE(CookieValue(again, "__Host-cultivate-session"), first);
  // The store keeps only a hash of the cookie value.
  EXPECT_FALSE(c_.store().FindSession(first));
  EXPECT_TRUE(c_.store().FindSession(auth::HashToken(first)));
}

TEST_F(AccountTest, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
  c_.SignUp("ada@example.org");
  auto wrong = c_.Json("POST", "/api/v1/session", {{"email", "ada@example.org"}, {"password", "nope nope nope"}});
  auto unknown = c_.Json("POST", "/api/v1/session", {{"email", "who@example.org"}, {"password", "nope nope nope"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_TRUE(CookieValue(wrong, "__Host-cultivate-session").empty());
}

TEST_F(AccountTest, SignOutInvalidatesTheSessionOnTheServer) {
  c_.SignUpAndIn("ada@example.org");
  EXPECT_EQ(c_.Json("GET", "/api/v1/account").status, 200);
  std::string old = c_.session();
  auto out = c_.Json("DELETE", "/api/v1/session");
  EXPECT_EQ(out.status, 204);
  EXPECT_THAT(SetCookieHeader(out, "__Host-cultivate-session"), HasSubstr("Max-Age=0"));
  c_.session() = old;  // a copied cookie no longer works either
  EXPECT_EQ(c_.Json("GET", "/api/v1/account").status, 401);
}

TEST_F(AccountTest, SessionsExpireWhenIdleAndAfterAWeek) {
  c_.SignUpAndIn("ada@example.org");
  clock_.Set(1'800'000'000 + 11 * 3600);
  EXPECT_EQ(c_.Json("GET", "/api/v1/account").status, 200) << "11 hours idle is fine";
  clock_.Set(1'800'000'000 + 24 * 3600);
  EXPECT_EQ(c_.Json("GET", "/api/v1/account").status, 401) << "13 hours idle is not";
  // Active every few hours, still signed out after 7 days.
  c_.SignIn("ada@example.org");
  std::int64_t start = 1'800'000'000 + 24 * 3600;
  for (int h = 6; h < 7 * 24; h += 6) {
    clock_.Set(start + h * 3600);
    ASSERT_EQ(c_.Json("GET", "/api/v1/account").status, 200) << h;
  }
  clock_.Set(start + 7 * 24 * 3600 + 60);
  EXPECT_EQ(c_.Json("GET", "/api/v1/account").status, 401);
}

TEST_F(AccountTest, FailedSignInsAreThrottledPerAccount) {
  c_.SignUp("ada@example.org");
  for (int i = 0; i < 10; ++i) {
    auto r = c_.Json("POST", "/api/v1/session", {{"email", "ada@example.org"}, {"password", "wrong password!"}});
    ASSERT_EQ(r.status, 401) << i;
  }
  // The 11th attempt is refused even with the right password, and for an unknown email the
  // throttle works the same way.
  auto r = c_.Json("POST", "/api/v1/session", {{"email", "ADA@example.org"}, {"password", kPassword}});
  EXPECT_EQ(r.status, 429);
  ASSERT_NE(r.Header("Retry-After"), nullptr);
  EXPECT_GT(std::stoi(*r.Header("Retry-After")), 0);
  for (int i = 0; i < 10; ++i)
    c_.Json("POST", "/api/v1/session", {{"email", "ghost@example.org"}, {"password", "wrong password!"}});
  auto ghost = c_.Json("POST", "/api/v1/session", {{"email", "ghost@example.org"}, {"password", "x"}});
  EXPECT_EQ(ghost.status, 429);
  EXPECT_EQ(ghost.body, r.body);
  clock_.Set(1'800'000'000 + 15 * 60 + 1);
  EXPECT_EQ(c_.Json("POST", "/api/v1/session", {{"email", "ada@example.org"}, {"password", kPassword}}).status,
            200) << "allowed again once the window has passed";
}

TEST_F(AccountTest, FailedSignInsAreThrottledPerAddress) {
  for (int i = 0; i < 30; ++i) {
    auto r = c_.Json("POST", "/api/v1/session",
                     {{"email", "user" + std::to_string(i) + "@example.org"}, {"password", "wrong password!"}});
    ASSERT_EQ(r.status, 401) << i;
  }
  auto r = c_.Json("POST", "/api/v1/session", {{"email", "fresh@example.org"}, {"password", "wrong password!"}});
  EXPECT_EQ(r.status, 429);
}

TEST(AccountProxyTest, BehindATrustedLocalProxyEachClientIsThrottledOnItsOwn) {
  store::test::FakeClock clock(1'800'000'000);
  web::AppOptions options = test::Options(clock);
  options.trust_proxy = true;
  testing::AppClient client(nullptr, options);
  auto attempt = [&](const std::string& forwarded, const std::string& email) {
    return client.Send("POST", "/api/v1/session",
                       nlohmann::json{{"email", email}, {"password", "wrong password!"}}.dump(),
                       {{"Content-Type", "application/json"}, {"X-Forwarded-For", forwarded}})
        .status;
  };
  for (int i = 0; i < 30; ++i)
    ASSERT_EQ(attempt("203.0.113.7", "u" + std::to_string(i) + "@example.org"), 401);
  EXPECT_EQ(attempt("203.0.113.7", "new@example.org"), 429) << "the noisy client is throttled";
  EXPECT_EQ(attempt("198.51.100.2, 203.0.113.9", "new@example.org"), 401)
      << "another client (the proxy's last entry) is not";
}

TEST_F(AccountTest, ExportHoldsTheAccountAndItsCommunitiesButNoSecrets) {
  c_.SignUpAndIn("ada@example.org");
  std::int64_t id = c_.Community("Makers");
  c_.Round(id);
  c_.Invite(id);
  auto r = c_.Json("GET", "/api/v1/account/export");
  ASSERT_EQ(r.status, 200);
  auto data = c_.Body(r);
  EXPECT_EQ(data["account"]["email"], "ada@example.org");
  ASSERT_EQ(data["communities"].size(), 1u);
  EXPECT_EQ(data["communities"][0]["name"], "Makers");
  EXPECT_EQ(data["communities"][0]["rounds"].size(), 1u);
  EXPECT_EQ(data["communities"][0]["invites"].size(), 1u);
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);
  EXPECT_EQ(r.body.find("token"), std::string::npos);
}

TEST_F(AccountTest, DeletingTheAccountNeedsThePasswordAndRemovesItsData) {
  c_.SignUpAndIn("ada@example.org");
  std::int64_t id = c_.Community("Makers");
  EXPECT_EQ(c_.Json("DELETE", "/api/v1/account", {{"password", "wrong password!"}}).status, 403);
  EXPECT_EQ(c_.Json("DELETE", "/api/v1/account", {{"password", kPassword}}).status, 204);
  EXPECT_FALSE(c_.store().FindUserByEmail("ada@example.org"));
  EXPECT_FALSE(c_.store().FindCommunity(id));
  EXPECT_EQ(c_.Json("GET", "/api/v1/account").status, 401);
}

// ---- HTML forms ----

TEST_F(AccountTest, HtmlSignUpSignInAndSignOutWithCsrf) {
  auto& client = c_.client();
  auto page = client.Get("/account/sign-up");
  ASSERT_EQ(page.status, 200);
  std::string form_token = CookieValue(page, "__Host-cultivate-form");
  ASSERT_FALSE(form_token.empty());
  EXPECT_THAT(page.body, HasSubstr("value=\"" + form_token + "\""));
  http::Fields cookie{{"Content-Type", "application/x-www-form-urlencoded"},
                      {"Cookie", "__Host-cultivate-form=" + form_token}};
  // Without the matching form token nothing is created, and what was typed comes back.
  auto forged = client.Send("POST", "/account/sign-up",
                            testing::FormBody({{"email", "ada@example.org"}, {"name", "Ada"},
                                               {"password", kPassword}, {"form_csrf", "x"}}),
                            cookie);
  EXPECT_EQ(forged.status, 403);
  EXPECT_THAT(forged.body, HasSubstr("value=\"ada@example.org\""));
  EXPECT_FALSE(c_.store().FindUserByEmail("ada@example.org"));
  // A short password: 422, the email and name kept, the message next to the field.
  auto weak = client.Send("POST", "/account/sign-up",
                          testing::FormBody({{"email", "ada@example.org"}, {"name", "Ada Lovelace"},
                                             {"password", "short"}, {"form_csrf", form_token}}),
                          cookie);
  EXPECT_EQ(weak.status, 422);
  EXPECT_THAT(weak.body, HasSubstr("value=\"Ada Lovelace\""));
  EXPECT_THAT(weak.body, HasSubstr("at least 12 characters"));
  auto ok = client.Send("POST", "/account/sign-up",
                        testing::FormBody({{"email", "ada@example.org"}, {"name", "Ada"},
                                           {"password", kPassword}, {"form_csrf", form_token}}),
                        cookie);
  ASSERT_EQ(ok.status, 303);
  EXPECT_EQ(*ok.Header("Location"), "/account/sign-in?signed-up=1") << "on to signing in";
  EXPECT_TRUE(CookieValue(ok, "__Host-cultivate-session").empty()) << "sign-up never signs in";
  auto notice = client.Get("/account/sign-in?signed-up=1", cookie);
  EXPECT_THAT(notice.body, HasSubstr(c_.client().app().Say(msg::kSignedUp)));
  auto in = client.Send("POST", "/account/sign-in",
                        testing::FormBody({{"email", "ada@example.org"}, {"password", kPassword},
                                           {"form_csrf", form_token}}),
                        cookie);
  ASSERT_EQ(in.status, 303);
  std::string session = CookieValue(in, "__Host-cultivate-session");
  ASSERT_FALSE(session.empty());
  http::Fields signed_in{{"Cookie", "__Host-cultivate-session=" + session}};
  auto account = client.Get("/account", signed_in);
  ASSERT_EQ(account.status, 200);
  EXPECT_THAT(account.body, HasSubstr("ada@example.org"));
  std::string csrf = c_.store().FindSession(auth::HashToken(session)).value().csrf;
  EXPECT_THAT(account.body, HasSubstr("name=\"csrf\" value=\"" + csrf + "\""));
  // Sign-out without the CSRF token is refused; with it, the session ends.
  http::Fields post = signed_in;
  post.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  EXPECT_EQ(client.Send("POST", "/account/sign-out", "csrf=wrong", post).status, 403);
  EXPECT_EQ(client.Get("/account", signed_in).status, 200);
  EXPECT_EQ(client.Send("POST", "/account/sign-out", "csrf=" + csrf, post).status, 303);
  auto after = client.Get("/account", signed_in);
  EXPECT_EQ(after.status, 303);
  EXPECT_THAT(*after.Header("Location"), HasSubstr("/account/sign-in"));
}

TEST_F(AccountTest, HtmlSignInKeepsTheEmailAndNeverRedirectsOffSite) {
  c_.SignUp("ada@example.org");
  auto& client = c_.client();
  auto page = client.Get("/account/sign-in?next=/communities/1");
  std::string token = CookieValue(page, "__Host-cultivate-form");
  http::Fields cookie{{"Content-Type", "application/x-www-form-urlencoded"},
                      {"Cookie", "__Host-cultivate-form=" + token}};
  auto wrong = client.Send("POST", "/account/sign-in",
                           testing::FormBody({{"email", "ada@example.org"}, {"password", "wrong password!"},
                                              {"form_csrf", token}, {"next", "/communities/1"}}),
                           cookie);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_THAT(wrong.body, HasSubstr("value=\"ada@example.org\""));
  EXPECT_THAT(wrong.body, HasSubstr("do not match"));
  auto ok = client.Send("POST", "/account/sign-in",
                        testing::FormBody({{"email", "ada@example.org"}, {"password", kPassword},
                                           {"form_csrf", token}, {"next", "//evil.example/x"}}),
                        cookie);
  ASSERT_EQ(ok.status, 303);
  EXPECT_EQ(*ok.Header("Location"), "/communities");
}

}  // namespace
}  // namespace cultivate::web
