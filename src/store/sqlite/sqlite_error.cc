#include "store/sqlite/sqlite_error.h"

#include <utility>

#include <sqlite3.h>

#include "common/metrics.h"

namespace cultivate::store {

namespace {

Error Classify(std::string_view op, const SQLite::Exception& e) {
  std::string message = std::string(op) + ": " + e.what();
  switch (e.getErrorCode() & 0xff) {  // SQLiteCpp's own errors carry -1: kInternal
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:      // the disk (or max_page_count) is full: nothing was kept
    case SQLITE_READONLY:  // the file or its folder became read-only
    case SQLITE_IOERR:     // the disk failed a read or write
      return Error::Unavailable(std::move(message));
    case SQLITE_CONSTRAINT:
      switch (e.getExtendedErrorCode()) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
          return Error::Conflict(std::move(message));
        case SQLITE_CONSTRAINT_CHECK:
        case SQLITE_CONSTRAINT_NOTNULL:
          return Error::Invalid(std::move(message));
        case SQLITE_CONSTRAINT_FOREIGNKEY:
          return Error::NotFound(std::move(message));
      }
      break;
  }
  return Error::Internal(std::move(message));
}

}  // namespace

Error FromException(std::string_view op, const SQLite::Exception& e) {
  Error error = Classify(op, e);
  metrics::CountStoreError("sqlite", error.kind);
  return error;
}

Error FromOtherException(std::string_view op, const std::exception& e) {
  metrics::CountStoreError("sqlite", Error::Kind::kInternal);
  return Error::Internal(std::string(op) + ": " + e.what());
}

}  // namespace cultivate::store
