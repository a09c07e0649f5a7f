// Seeding the server with real data (accounts, check-ups, communities) and the snapshot of
// the kept set that must not change.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "web/fuzz/client_test_support.h"
#include "web/fuzz/routes_test_support.h"

namespace cultivate::web::fuzz {

/// The CSRF token on a signed-in page.
std::string Csrf(std::uint16_t port, const std::string& session);

std::string SignUpAndIn(std::uint16_t port, const std::string& email, const std::string& password,
                        const std::string& name);

std::string NewCheckup(std::uint16_t port, const std::string& name);

void AnswerAll(const World& w, const std::string& token, int now);

json PlanBody();

/// A community with a round, an invite, a sponsor link, a member who answered and a plan.
Ids SeedCommunity(World& w, const std::string& name);

/// A solo check-up with answers (API), a phase saved through its form, reflections and a plan.
std::string SeedSolo(World& w, const std::string& name);

/// What the kept set looks like through the API.
std::map<std::string, std::string> Snapshot(const World& w);

/// True when the target names a kept community or a kept token as a path segment.
bool NamesKept(const World& w, const std::string& target);

}  // namespace cultivate::web::fuzz
