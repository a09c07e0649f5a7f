#include "store/sqlite/backup.h"

#include <chrono>
#include <filesystem>
#include <thread>

#include <sqlite3.h>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace cultivate::store {

Status BackupSqlite(const std::string& from, const std::string& to) {
  std::error_code ec;
  if (std::filesystem::exists(to, ec))
    return Fail(Error::Invalid(to + " exists already: a backup never overwrites a file"));
  if (from.starts_with("postgres") || !std::filesystem::exists(from, ec))
    return Fail(Error::Invalid("--db must be a SQLite file (for PostgreSQL, see docs/scaling.md: "
                               "pg_dump)"));
  try {
    SQLite::Database source(from, SQLite::OPEN_READONLY);
    source.exec("PRAGMA busy_timeout = 5000");
    {
      SQLite::Database target(to, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      SQLite::Backup backup(target, source);
      // All pages in one step: one read snapshot of the source, so the copy is consistent.
      // A busy or locked source (a writer checkpointing) is tried again, for up to 30 s.
      int step = SQLITE_OK;
      for (int tries = 0; tries < 300; ++tries) {
        step = backup.executeStep(-1);
        if (step != SQLITE_BUSY && step != SQLITE_LOCKED) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (step != SQLITE_DONE) {
        std::filesystem::remove(to, ec);
        return Fail(Error::Unavailable("the store stayed busy: no backup was made (try again)"));
      }
    }
    SQLite::Database copy(to, SQLite::OPEN_READONLY);
    std::string check = copy.execAndGet("PRAGMA integrity_check").getString();
    bool store = copy.tableExists("schema_migrations");
    if (check != "ok" || !store) {
      std::filesystem::remove(to, ec);
      return Fail(Error::Internal(store ? "the backup failed its integrity check: " + check
                                        : "the copy holds no cultivate store: nothing was kept"));
    }
    return {};
  } catch (const SQLite::Exception& e) {
    std::filesystem::remove(to, ec);
    return Fail(Error::Unavailable(std::string("backup failed: ") + e.what()));
  }
}

}  // namespace cultivate::store
