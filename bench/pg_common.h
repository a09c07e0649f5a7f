#pragma once
// libpq calls that die loudly, for the PostgreSQL side of the benchmark tools. libpq itself,
// not libpqxx: the baseline is PostgreSQL with nothing of ours in between.
#include <libpq-fe.h>

#include <string>
#include <vector>

namespace bench {

/// True for a postgresql:// or postgres:// URI (the tools take either it or a SQLite file).
bool IsPostgres(const std::string& spec);

/// Connects (client_min_messages = warning) or dies with libpq's message.
PGconn* PgConnect(const std::string& uri);
/// Runs SQL with no parameters; dies unless it succeeds. The result is cleared.
void PgExec(PGconn* conn, const std::string& sql);
/// Rows of a query with text parameters, as text (NULL as ""), or dies.
std::vector<std::vector<std::string>> PgRows(PGconn* conn, const std::string& sql,
                                             const std::vector<std::string>& params = {});
/// The first column of the first row as an integer (0 when no row).
long long PgQueryInt(PGconn* conn, const std::string& sql);

}  // namespace bench
