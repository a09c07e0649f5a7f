#include "pg_common.h"

#include <cstdlib>

#include "common.h"

namespace bench {

bool IsPostgres(const std::string& spec) {
  return spec.rfind("postgresql://", 0) == 0 || spec.rfind("postgres://", 0) == 0;
}

PGconn* PgConnect(const std::string& uri) {
  PGconn* conn = PQconnectdb(uri.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    Die("cannot connect to PostgreSQL: " + message);
  }
  PgExec(conn, "SET client_min_messages = warning");
  return conn;
}

void PgExec(PGconn* conn, const std::string& sql) {
  PGresult* r = PQexec(conn, sql.c_str());
  ExecStatusType status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::string message = PQresultErrorMessage(r);
    PQclear(r);
    Die(sql + ": " + message);
  }
  PQclear(r);
}

std::vector<std::vector<std::string>> PgRows(PGconn* conn, const std::string& sql,
                                             const std::vector<std::string>& params) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p.c_str());
  PGresult* r = PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                             values.data(), nullptr, nullptr, 0);
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    std::string message = PQresultErrorMessage(r);
    PQclear(r);
    Die(sql + ": " + message);
  }
  std::vector<std::vector<std::string>> rows(static_cast<size_t>(PQntuples(r)));
  for (int i = 0; i < PQntuples(r); ++i)
    for (int j = 0; j < PQnfields(r); ++j) rows[static_cast<size_t>(i)].emplace_back(PQgetvalue(r, i, j));
  PQclear(r);
  return rows;
}

long long PgQueryInt(PGconn* conn, const std::string& sql) {
  auto rows = PgRows(conn, sql);
  if (rows.empty() || rows[0].empty() || rows[0][0].empty()) return 0;
  return std::atoll(rows[0][0].c_str());
}

}  // namespace bench
