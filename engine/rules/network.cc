#include "engine/rules/network.h"

#include <algorithm>

#include "absl/status/status.h"
#include "engine/str_util.h"

namespace warden::engine {
namespace {

absl::Status InvalidHost(std::string_view what) {
  return absl::InvalidArgumentError(
      Concat({"invalid rule: network_rule host ", what}));
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

std::string_view StripWhitespace(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

void Upsert(std::vector<std::string>& list, const std::string& host) {
  list.erase(std::remove(list.begin(), list.end(), host), list.end());
  list.push_back(host);
}

void Remove(std::vector<std::string>& list, const std::string& host) {
  list.erase(std::remove(list.begin(), list.end(), host), list.end());
}

}  // namespace

absl::StatusOr<NetworkProtocol> ParseNetworkProtocol(std::string_view text) {
  if (text == "http") return NetworkProtocol::kHttp;
  if (text == "https" || text == "https_connect" || text == "http-connect") {
    return NetworkProtocol::kHttps;
  }
  if (text == "socks5_tcp") return NetworkProtocol::kSocks5Tcp;
  if (text == "socks5_udp") return NetworkProtocol::kSocks5Udp;
  return absl::InvalidArgumentError(
      Concat({"invalid rule: network_rule protocol must be one of http, "
              "https, socks5_tcp, socks5_udp (got ",
              text, ")"}));
}

std::string_view NetworkProtocolName(NetworkProtocol protocol) {
  switch (protocol) {
    case NetworkProtocol::kHttp:
      return "http";
    case NetworkProtocol::kHttps:
      return "https";
    case NetworkProtocol::kSocks5Tcp:
      return "socks5_tcp";
    case NetworkProtocol::kSocks5Udp:
      return "socks5_udp";
  }
  return "https";
}

absl::StatusOr<Decision> ParseNetworkDecision(std::string_view text) {
  if (text == "deny") return Decision::kForbidden;
  if (std::optional<Decision> d = ParseDecision(text)) return *d;
  return absl::InvalidArgumentError(Concat({"invalid decision: ", text}));
}

absl::StatusOr<std::string> NormalizeNetworkHost(std::string_view raw) {
  std::string_view host = StripWhitespace(raw);
  if (host.empty()) return InvalidHost("cannot be empty");
  if (host.find("://") != std::string_view::npos ||
      host.find_first_of("/?#") != std::string_view::npos) {
    return InvalidHost(
        "must be a hostname or IP literal (without scheme or path)");
  }
  if (host.front() == '[') {
    size_t close = host.find(']');
    if (close == std::string_view::npos) {
      return InvalidHost("has an invalid bracketed IPv6 literal");
    }
    std::string_view rest = host.substr(close + 1);
    if (!rest.empty() && !(rest.front() == ':' && AllDigits(rest.substr(1)))) {
      return absl::InvalidArgumentError(Concat(
          {"invalid rule: network_rule host contains an unsupported suffix: ",
           raw}));
    }
    host = host.substr(1, close - 1);
  } else if (std::count(host.begin(), host.end(), ':') == 1) {
    size_t colon = host.find(':');
    if (colon > 0 && AllDigits(host.substr(colon + 1))) {
      host = host.substr(0, colon);
    }
  }
  // One or more trailing dots name the same (fully qualified) host.
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  host = StripWhitespace(host);
  std::string normalized(host);
  for (char& c : normalized) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (normalized.empty()) return InvalidHost("cannot be empty");
  if (normalized.find('*') != std::string::npos) {
    return InvalidHost("must be a specific host; wildcards are not allowed");
  }
  if (std::any_of(normalized.begin(), normalized.end(),
                  [](char c) { return IsSpace(c); })) {
    return InvalidHost("cannot contain whitespace");
  }
  return normalized;
}

NetworkLists CompileNetworkRules(std::span<const NetworkRule> rules) {
  NetworkLists lists;
  for (const NetworkRule& rule : rules) {
    switch (rule.decision) {
      case Decision::kAllow:
        Remove(lists.denied, rule.host);
        Upsert(lists.allowed, rule.host);
        break;
      case Decision::kForbidden:
        Remove(lists.allowed, rule.host);
        Upsert(lists.denied, rule.host);
        break;
      case Decision::kPrompt:
        break;
    }
  }
  return lists;
}

}  // namespace warden::engine
