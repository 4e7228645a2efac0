// network_rule data and host normalisation (SPEC A6).
#include "engine/rules/network.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace warden::engine {
namespace {

using ::testing::ElementsAre;

std::string Norm(std::string_view raw) {
  absl::StatusOr<std::string> h = NormalizeNetworkHost(raw);
  return h.ok() ? *h : "ERR: " + std::string(h.status().message());
}

TEST(NetworkHostTest, Normalises) {
  EXPECT_EQ(Norm("  Example.COM  "), "example.com");
  EXPECT_EQ(Norm("example.com."), "example.com");
  EXPECT_EQ(Norm("example.com:8443"), "example.com");
  EXPECT_EQ(Norm("[::1]"), "::1");
  EXPECT_EQ(Norm("[2001:DB8::1]:443"), "2001:db8::1");
  EXPECT_EQ(Norm("::1"), "::1");  // several colons: not host:port
  EXPECT_EQ(Norm("10.0.0.1:80"), "10.0.0.1");
}

TEST(NetworkHostTest, Rejects) {
  EXPECT_EQ(Norm(""), "ERR: invalid rule: network_rule host cannot be empty");
  EXPECT_EQ(Norm("   "),
            "ERR: invalid rule: network_rule host cannot be empty");
  EXPECT_EQ(Norm("."), "ERR: invalid rule: network_rule host cannot be empty");
  EXPECT_EQ(Norm("*.example.com"),
            "ERR: invalid rule: network_rule host must be a specific host; "
            "wildcards are not allowed");
  for (std::string_view bad : {"https://example.com", "example.com/path",
                               "example.com?q", "example.com#f"}) {
    EXPECT_EQ(Norm(bad),
              "ERR: invalid rule: network_rule host must be a hostname or IP "
              "literal (without scheme or path)")
        << bad;
  }
  EXPECT_EQ(Norm("exa mple.com"),
            "ERR: invalid rule: network_rule host cannot contain whitespace");
  EXPECT_EQ(Norm("[::1"),
            "ERR: invalid rule: network_rule host has an invalid bracketed "
            "IPv6 literal");
  EXPECT_EQ(Norm("[::1]x"),
            "ERR: invalid rule: network_rule host contains an unsupported "
            "suffix: [::1]x");
}

TEST(NetworkProtocolTest, ParsesAliases) {
  EXPECT_EQ(*ParseNetworkProtocol("http"), NetworkProtocol::kHttp);
  EXPECT_EQ(*ParseNetworkProtocol("https"), NetworkProtocol::kHttps);
  EXPECT_EQ(*ParseNetworkProtocol("https_connect"), NetworkProtocol::kHttps);
  EXPECT_EQ(*ParseNetworkProtocol("http-connect"), NetworkProtocol::kHttps);
  EXPECT_EQ(*ParseNetworkProtocol("socks5_tcp"), NetworkProtocol::kSocks5Tcp);
  EXPECT_EQ(*ParseNetworkProtocol("socks5_udp"), NetworkProtocol::kSocks5Udp);
  EXPECT_EQ(ParseNetworkProtocol("ftp").status().message(),
            "invalid rule: network_rule protocol must be one of http, https, "
            "socks5_tcp, socks5_udp (got ftp)");
  EXPECT_EQ(ParseNetworkProtocol("HTTP").status().message(),
            "invalid rule: network_rule protocol must be one of http, https, "
            "socks5_tcp, socks5_udp (got HTTP)");
}

TEST(NetworkDecisionTest, AcceptsDeny) {
  EXPECT_EQ(*ParseNetworkDecision("deny"), Decision::kForbidden);
  EXPECT_EQ(*ParseNetworkDecision("allow"), Decision::kAllow);
  EXPECT_EQ(*ParseNetworkDecision("prompt"), Decision::kPrompt);
  EXPECT_EQ(ParseNetworkDecision("Deny").status().message(),
            "invalid decision: Deny");
}

NetworkRule R(std::string host, Decision d) {
  NetworkRule r;
  r.host = std::move(host);
  r.decision = d;
  return r;
}

TEST(NetworkCompileTest, LastNonPromptDecisionWins) {
  std::vector<NetworkRule> rules = {
      R("a.com", Decision::kAllow),     R("b.com", Decision::kForbidden),
      R("a.com", Decision::kForbidden), R("c.com", Decision::kPrompt),
      R("b.com", Decision::kAllow),     R("a.com", Decision::kPrompt),
      R("d.com", Decision::kAllow),     R("d.com", Decision::kAllow)};
  NetworkLists lists = CompileNetworkRules(rules);
  EXPECT_THAT(lists.allowed, ElementsAre("b.com", "d.com"));
  EXPECT_THAT(lists.denied, ElementsAre("a.com"));
}

TEST(DecisionTest, ParseAndOrder) {
  EXPECT_EQ(ParseDecision("allow"), Decision::kAllow);
  EXPECT_EQ(ParseDecision("forbidden"), Decision::kForbidden);
  EXPECT_EQ(ParseDecision("Allow"), std::nullopt);
  EXPECT_EQ(ParseDecision("deny"), std::nullopt);
  EXPECT_LT(Decision::kAllow, Decision::kPrompt);
  EXPECT_LT(Decision::kPrompt, Decision::kForbidden);
  EXPECT_EQ(DecisionName(Decision::kPrompt), "prompt");
}

}  // namespace
}  // namespace warden::engine
