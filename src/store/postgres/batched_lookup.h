#pragma once
/// Lookups by key that go to PostgreSQL together. A lookup made while `max_in_flight` others
/// are already on their way waits for the next query, and that query fetches every key then
/// waiting, each once: one round trip (one wake-up of a backend, one statement to plan and
/// run) for all of them, instead of one each. A lookup made when fewer are on their way goes
/// at once, so a lone lookup waits for nothing.
///
/// It never answers from an older query: a lookup joins only a query not yet sent, so it reads
/// what was committed when that query ran, after the lookup began. A save acknowledged before
/// a page asked for its row is in that page.
///
/// Safe for concurrent use. `fetch` runs on the thread of one of the waiting lookups, with no
/// lock held.

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"

namespace cultivate::store::postgres {

template <typename T>
class BatchedLookup {
 public:
  /// Reads the rows of `keys` (distinct, in no order); returns each found row with its key.
  using Fetch =
      std::function<Result<std::vector<std::pair<std::string, T>>>(const std::vector<std::string>&)>;

  /// At most `max_in_flight` queries at once, each for at most `max_batch` lookups (the
  /// oldest waiting go first).
  static constexpr std::size_t kMaxBatch = 64;  // the default max_batch
  explicit BatchedLookup(int max_in_flight, std::size_t max_batch = kMaxBatch)
      : max_in_flight_(max_in_flight < 1 ? 1 : max_in_flight),
        max_batch_(max_batch < 1 ? 1 : max_batch) {}

  /// The row of `key`, kNotFound with `missing` when there is none, or the query's error.
  Result<T> Find(const std::string& key, const Fetch& fetch, const std::string& missing) {
    Waiter me{&key, &missing};
    {
      std::lock_guard lock(mu_);
      if (in_flight_ < max_in_flight_) {
        ++in_flight_;
        me.state = kLead;
      } else {
        waiting_.push_back(&me);
      }
    }
    if (me.state != kLead) {
      std::unique_lock lock(me.mu);
      me.cv.wait(lock, [&] { return me.state != kWaiting; });
      if (me.state == kDone) return std::move(*me.result);
    }
    // This thread sends the next query: for itself and the oldest lookups waiting.
    std::vector<Waiter*> batch{&me};
    {
      std::lock_guard lock(mu_);
      std::size_t take = std::min(waiting_.size(), max_batch_ - 1);
      batch.insert(batch.end(), waiting_.begin(), waiting_.begin() + take);
      waiting_.erase(waiting_.begin(), waiting_.begin() + take);
    }
    Answer(batch, fetch);
    // The query's slot passes to the oldest lookup still waiting, if any. Each wake-up goes
    // to one thread, the one it is for: no herd fighting over the lock.
    Waiter* next = nullptr;
    {
      std::lock_guard lock(mu_);
      if (waiting_.empty()) {
        --in_flight_;
      } else {
        next = waiting_.front();
        waiting_.erase(waiting_.begin());
      }
    }
    if (next) Wake(*next, kLead);
    return std::move(*me.result);
  }

 private:
  enum State { kWaiting, kDone, kLead };
  struct Waiter {
    const std::string* key;
    const std::string* missing;
    std::mutex mu;  // guards state and result once the waiter is in waiting_
    std::condition_variable cv;
    State state = kWaiting;
    std::optional<Result<T>> result;
  };

  // Tells `w` to go on. Notified under its lock: it cannot return (and its Waiter, on its
  // stack, cannot end) before this is done with it.
  static void Wake(Waiter& w, State state) {
    std::lock_guard lock(w.mu);
    w.state = state;
    w.cv.notify_one();
  }

  void Answer(const std::vector<Waiter*>& batch, const Fetch& fetch) {
    std::vector<std::string> keys;
    for (const Waiter* w : batch) {
      if (std::find(keys.begin(), keys.end(), *w->key) == keys.end()) keys.push_back(*w->key);
    }
    Result<std::vector<std::pair<std::string, T>>> rows = Fail(Error::Unavailable("lookup failed"));
    try {
      rows = fetch(keys);
    } catch (const std::exception&) {
      // fetch turns database errors into Errors; anything else fails this batch, not the server
    }
    for (Waiter* w : batch) {
      std::optional<Result<T>> result;
      if (!rows) {
        result.emplace(Fail(rows.error()));
      } else {
        for (const auto& [k, row] : *rows) {
          if (k == *w->key) {
            result.emplace(row);
            break;
          }
        }
        if (!result) result.emplace(Fail(Error::NotFound(*w->missing)));
      }
      std::lock_guard lock(w->mu);
      w->result = std::move(result);
      if (w != batch.front()) {  // the first is this thread's own
        w->state = kDone;
        w->cv.notify_one();
      }
    }
  }

  const int max_in_flight_;
  const std::size_t max_batch_;
  std::mutex mu_;                 // guards waiting_ and in_flight_
  std::vector<Waiter*> waiting_;  // not yet in a query, oldest first
  int in_flight_ = 0;             // queries on their way (each has a thread leading it)
};

}  // namespace cultivate::store::postgres
