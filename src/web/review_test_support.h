#pragma once
/// Test support for the review meeting: a signed-in coordinator with a community whose round
/// `members` members answered (1 to 2 now, 3 in a year: gaps to vote on) and which is closed.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "auth/tokens.h"
#include "web/team_test_support.h"

namespace cultivate::web::test {

/// The text between `before` and the next `after` in `text`, or "".
inline std::string Between(const std::string& text, const std::string& before, const std::string& after) {
  auto at = text.find(before);
  if (at == std::string::npos) return "";
  at += before.size();
  return text.substr(at, text.find(after, at) - at);
}

class ReviewFixture : public ::testing::Test {
 protected:
  explicit ReviewFixture(int members = 3) : members_count_(members) {}
  void SetUp() override {
    c_.SignUpAndIn("ada@example.org");
    csrf_ = c_.store().FindSession(auth::HashToken(c_.session())).value().csrf;
    community_ = c_.Community();
    round_ = c_.Round(community_);
    std::string invite = c_.Invite(community_)["token"];
    for (int i = 0; i < members_count_; ++i) members_.push_back(c_.JoinAndAnswer(invite, 1 + i % 2, 3));
    auto closed = c_.Json("POST", c_.C(community_) + "/rounds/" + std::to_string(round_) + "/close");
    ASSERT_EQ(closed.status, 200) << closed.body;
    review_ = "/communities/" + std::to_string(community_) + "/rounds/" + std::to_string(round_) + "/review";
  }
  http::Fields Cookie() { return c_.PageHeaders(); }
  http::Response Get(const std::string& path) { return c_.Page(path); }
  http::Response Post(const std::string& path, std::vector<std::pair<std::string, std::string>> fields,
                      bool with_csrf = true) {
    return c_.PostPage(path, std::move(fields), with_csrf);
  }
  /// The ballot's area keys, from the choose step's hand-count fields.
  std::vector<std::string> Areas() {
    std::vector<std::string> keys;
    std::string body = Get(review_ + "/choose").body;
    for (size_t at = body.find("name=\"hands."); at != std::string::npos; at = body.find("name=\"hands.", at + 1))
      keys.push_back(body.substr(at + 12, body.find('"', at + 12) - at - 12));
    return keys;
  }
  model::VoteTally Tally() { return c_.store().Tally(round_).value(); }

  int members_count_;
  store::test::FakeClock clock_{1'800'000'000};
  TeamClient c_{clock_};
  std::string csrf_;
  std::int64_t community_ = 0, round_ = 0;
  std::vector<std::string> members_;
  std::string review_;
};

}  // namespace cultivate::web::test
