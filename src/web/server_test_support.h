#pragma once
/// Test support for the real server over raw sockets: a request as bytes, one request on a
/// fresh connection, and a header or "<missing>".

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing/raw_http.h"
#include "testing/server_process.h"

namespace cultivate::web::test::server {

/// A request as bytes. `extra` are more header lines ("Name: value").
inline std::string Req(const std::string& method, const std::string& target, const std::vector<std::string>& extra = {},
                       const std::string& body = "") {
  std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& h : extra) r += h + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  r += "\r\n";
  r += body;
  return r;
}

/// One request on a fresh connection. A failed send is not fatal: a server may answer
/// (413, 431) before it has read everything.
inline std::optional<testing::RawResponse> Fetch(const testing::ServerProcess& server, const std::string& request,
                                                 bool head = false) {
  testing::RawConnection conn(server.port());
  EXPECT_TRUE(conn.connected());
  conn.Send(request);
  return conn.ReadResponse(head);
}

inline std::string H(const testing::RawResponse& r, const std::string& name) {
  const std::string* v = r.Header(name);
  return v ? *v : std::string("<missing>");
}

}  // namespace cultivate::web::test::server
