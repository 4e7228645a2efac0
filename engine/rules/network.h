// network_rule(...) data: protocol, host normalisation (SPEC A6) and the
// compiled allowed/denied host lists handed to the network layer.
#ifndef WARDEN_ENGINE_RULES_NETWORK_H_
#define WARDEN_ENGINE_RULES_NETWORK_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/rules/decision.h"
#include "engine/rules/rule.h"

namespace warden::engine {

enum class NetworkProtocol { kHttp, kHttps, kSocks5Tcp, kSocks5Udp };

// "http", "https" (also "https_connect", "http-connect"), "socks5_tcp",
// "socks5_udp". Error text: "invalid rule: network_rule protocol must be one
// of http, https, socks5_tcp, socks5_udp (got <p>)".
absl::StatusOr<NetworkProtocol> ParseNetworkProtocol(std::string_view text);
std::string_view NetworkProtocolName(NetworkProtocol protocol);

// A network_rule decision: the three rule decisions plus "deny" (=
// forbidden). Error text: "invalid decision: <value>".
absl::StatusOr<Decision> ParseNetworkDecision(std::string_view text);

// Trims, unwraps "[ipv6]" (with an optional ":port"), drops a single ":port"
// from "host:port", drops trailing dots, lowercases (ASCII). Errors (each a
// full user-visible message beginning "invalid rule: network_rule host"):
// empty, scheme/path/query/fragment characters, inner whitespace, wildcard.
absl::StatusOr<std::string> NormalizeNetworkHost(std::string_view raw);

struct NetworkRule {
  std::string host;  // normalised
  NetworkProtocol protocol = NetworkProtocol::kHttps;
  Decision decision = Decision::kAllow;
  std::optional<std::string> justification;
  SourceLocation source;
};

// Per host, the last allow/forbidden rule wins (prompt rules are ignored: a
// connection cannot be prompted for). Each list keeps the order in which
// hosts last received their final decision; no host is in both lists.
struct NetworkLists {
  std::vector<std::string> allowed;
  std::vector<std::string> denied;
};
NetworkLists CompileNetworkRules(std::span<const NetworkRule> rules);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_RULES_NETWORK_H_
