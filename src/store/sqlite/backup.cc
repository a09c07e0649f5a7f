#include "store/sqlite/backup.h"

#include <filesystem>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace cultivate::store {

Status BackupSqlite(const std::string& from, const std::string& to) {
  std::error_code ec;
  if (std::filesystem::exists(to, ec))
    return Fail(Error::Invalid(to + " exists already: a backup never overwrites a file"));
  if (!std::filesystem::exists(from, ec))
    return Fail(Error::Invalid("no SQLite store at " + from));
  try {
    SQLite::Database source(from, SQLite::OPEN_READONLY);
    source.exec("PRAGMA busy_timeout = 5000");
    {
      SQLite::Database target(to, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      SQLite::Backup backup(target, source);
      // All pages in one step: one read snapshot of the source, so the copy is consistent.
      backup.executeStep(-1);
    }
    SQLite::Database copy(to, SQLite::OPEN_READONLY);
    std::string check = copy.execAndGet("PRAGMA integrity_check").getString();
    if (check != "ok") {
      std::filesystem::remove(to, ec);
      return Fail(Error::Internal("the backup failed its integrity check: " + check));
    }
    return {};
  } catch (const SQLite::Exception& e) {
    std::filesystem::remove(to, ec);
    return Fail(Error::Unavailable(std::string("backup failed: ") + e.what()));
  }
}

}  // namespace cultivate::store
