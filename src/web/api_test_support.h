#pragma once
/// Test support for the JSON API: creating a check-up, reading it back, the bank's
/// questions by position, and checking a 422 body.

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/app_client.h"

namespace cultivate::web::test::api {

inline const std::string kJson = "application/json; charset=utf-8";

inline std::string Create(testing::AppClient& c, const nlohmann::json& body = nlohmann::json::object()) {
  auto r = body.empty() ? c.Send("POST", "/api/v1/checkups") : c.SendJson("POST", "/api/v1/checkups", body);
  EXPECT_EQ(r.status, 201) << r.body;
  if (r.status != 201) return {};
  return nlohmann::json::parse(r.body)["token"].get<std::string>();
}

inline std::string AnswersUrl(const std::string& token) { return "/api/v1/checkups/" + token + "/answers"; }

inline nlohmann::json Get(testing::AppClient& c, const std::string& path) {
  auto r = c.Get(path);
  EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  EXPECT_EQ(*r.Header("Content-Type"), kJson) << path;
  return r.status == 200 ? nlohmann::json::parse(r.body) : nlohmann::json();
}

inline nlohmann::json Answers(testing::AppClient& c, const std::string& token) {
  return Get(c, "/api/v1/checkups/" + token)["answers"];
}

inline const assess::Question& Q(size_t phase, size_t i) {
  return testing::TestSite()->bank.phases.at(phase).questions.at(i);
}

/// A 422 with the documented body; returns the details.
inline nlohmann::json Expect422(const http::Response& r, const std::string& what) {
  EXPECT_EQ(r.status, 422) << what << ": " << r.body;
  EXPECT_EQ(*r.Header("Content-Type"), kJson) << what;
  nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
  EXPECT_TRUE(body.is_object()) << what << ": " << r.body;
  if (!body.is_object()) return nlohmann::json::array();
  EXPECT_TRUE(body.contains("error") && body["error"].is_string() && !body["error"].get<std::string>().empty())
      << what << ": " << r.body;
  EXPECT_TRUE(body.contains("details") && body["details"].is_array() && !body["details"].empty())
      << what << ": " << r.body;
  if (!body.contains("details") || !body["details"].is_array()) return nlohmann::json::array();
  for (const auto& d : body["details"])
    EXPECT_TRUE(d.contains("message") && d["message"].is_string()) << what << ": " << d.dump();
  return body["details"];
}

inline bool NamesQuestion(const nlohmann::json& details, const std::string& id) {
  for (const auto& d : details)
    if (d.value("question", "") == id) return true;
  return false;
}

}  // namespace cultivate::web::test::api
