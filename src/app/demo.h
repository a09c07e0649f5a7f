#pragma once
/// The demonstration community (content/demo.toml): a coordinator account, a community
/// marked as demo, two closed rounds of a dozen members with generated answers, notes and
/// reflections, and a plan. Seeding is idempotent; removal deletes the demo account, which
/// takes the demo community with it.

#include <string>

#include "common/error.h"
#include "store/store.h"
#include "assess/bank.h"

namespace cultivate::app {

struct DemoResult {
  bool created = false;  // false: it was already there
  std::string email, password;
};

/// Seeds the demo from `root`/content/demo.toml unless its account exists. `now`: unix seconds.
Result<DemoResult> SeedDemo(const assess::Bank& bank, store::Store& store, const std::string& root,
                            std::int64_t now);
/// True when the demo account (whose password anyone can read) exists in `store`.
Result<bool> DemoPresent(store::Store& store, const std::string& root);
/// Deletes the demo account and the demo community. OK when there is none.
Status RemoveDemo(store::Store& store, const std::string& root);

}  // namespace cultivate::app
