// Abuse by volume (issue 14): sign-ups per address, guessing that must not lock the owner
// out, and caps on what one account can create, with paging of the API's lists.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/passwords.h"
#include "web/team_test_support.h"

namespace cultivate::web {
namespace {

using nlohmann::json;
using test::kPassword;

TEST(AbuseTest, SignUpsAreThrottledPerAddressAndATakenEmailIsNeverHashed) {
  store::test::FakeClock clock(1'800'000'000);
  AppOptions options = test::Options(clock);
  options.throttle.sign_ups_per_hour = 3;
  testing::AppClient client(nullptr, options);
  auto sign_up = [&](const std::string& email) {
    return client.SendJson("POST", "/api/v1/accounts", {{"email", email}, {"password", kPassword}, {"name", "N"}});
  };
  ASSERT_EQ(sign_up("a@example.org").status, 202);
  std::int64_t hashed = auth::PasswordsHashed();
  EXPECT_EQ(sign_up("A@example.org").status, 202);
  EXPECT_EQ(auth::PasswordsHashed(), hashed) << "a password that will not be stored is not hashed";
  EXPECT_EQ(sign_up("b@example.org").status, 202);
  auto fourth = sign_up("c@example.org");
  EXPECT_EQ(fourth.status, 429);
  ASSERT_NE(fourth.Header("Retry-After"), nullptr);
  EXPECT_FALSE(client.store().FindUserByEmail("c@example.org")) << "nothing was made";
  clock.Set(1'800'000'000 + 3601);
  EXPECT_EQ(sign_up("c@example.org").status, 202) << "an hour later";
}

TEST(AbuseTest, TenWrongPasswordsFromTenAddressesDoNotLockTheOwnerOut) {
  store::test::FakeClock clock(1'800'000'000);
  AppOptions options = test::Options(clock);
  options.trust_proxy = true;
  testing::AppClient client(nullptr, options);
  client.SendJson("POST", "/api/v1/accounts", {{"email", "ada@example.org"}, {"password", kPassword}, {"name", "Ada"}});
  auto attempt = [&](const std::string& address, const std::string& password) {
    return client.Send("POST", "/api/v1/session", json{{"email", "ada@example.org"}, {"password", password}}.dump(),
                       {{"Content-Type", "application/json"}, {"X-Forwarded-For", address}}).status;
  };
  for (int i = 0; i < 10; ++i) ASSERT_EQ(attempt("198.51.100." + std::to_string(i), "wrong password!"), 401);
  EXPECT_EQ(attempt("203.0.113.5", kPassword), 200) << "the owner still signs in";
  for (int i = 0; i < 10; ++i) attempt("192.0.2.9", "wrong password!");
  EXPECT_EQ(attempt("192.0.2.9", kPassword), 429) << "the guessing address is paused";
}

TEST(AbuseTest, OneAccountCannotMakeEndlessCommunitiesOrLinks) {
  store::test::FakeClock clock(1'800'000'000);
  test::TeamClient c(clock);
  c.SignUpAndIn("ada@example.org");
  for (size_t i = 0; i < community::kMaxCommunitiesPerAccount; ++i) c.Community("C" + std::to_string(i));
  auto over = c.Json("POST", "/api/v1/communities", {{"name", "One too many"}});
  EXPECT_EQ(over.status, 409);
  EXPECT_EQ(c.Body(over)["code"], "cap-communities");
  // Paging the list.
  auto page = c.Body(c.Json("GET", "/api/v1/communities?limit=2&offset=3"));
  EXPECT_EQ(page["communities"].size(), 2u);
  EXPECT_EQ(page["total"], community::kMaxCommunitiesPerAccount);
  EXPECT_EQ(c.Json("GET", "/api/v1/communities?limit=0").status, 422);
  EXPECT_EQ(c.Json("GET", "/api/v1/communities?limit=abc").status, 422);
  // Invite links: at most 20 working at once; withdrawing one makes room.
  std::int64_t id = c.Body(c.Json("GET", "/api/v1/communities?limit=1"))["communities"][0]["id"];
  c.Round(id);
  json first;
  for (size_t i = 0; i < community::kMaxActiveInvites; ++i) first = i == 0 ? c.Invite(id) : (c.Invite(id), first);
  auto full = c.Json("POST", c.C(id) + "/invites", json::object());
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(c.Body(full)["code"], "cap-invites");
  EXPECT_EQ(c.Json("DELETE", c.C(id) + "/invites/" + std::to_string(first["id"].get<int>())).status, 204);
  EXPECT_EQ(c.Json("POST", c.C(id) + "/invites", json::object()).status, 201);
}

}  // namespace
}  // namespace cultivate::web
