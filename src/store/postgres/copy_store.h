#pragma once
/// `cultivate copy-store --from cultivate.db --to postgresql://...`: moving an installation
/// from SQLite to PostgreSQL (docs/scaling.md). Copies every table row for row, ids kept,
/// into a migrated and empty PostgreSQL database, in one transaction, then compares the row
/// count and a checksum of every table on both sides.

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"

namespace cultivate::store {

struct CopiedTable {
  std::string name;
  std::int64_t rows = 0;
  std::string checksum;  // hex BLAKE2b of the sum of the rows' BLAKE2b, the same on both sides
};

/// kInvalid when `from` is not a SQLite store at the current schema or `to` not a
/// postgresql:// URI; kConflict (nothing written) when the target holds any row already;
/// kInternal when a table's count or checksum differs after copying (rolled back).
Result<std::vector<CopiedTable>> CopyStore(const std::string& from, const std::string& to);

}  // namespace cultivate::store
