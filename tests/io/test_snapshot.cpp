// Snapshots: a round trip keeps everything; corruption, truncation and a
// wrong version are refused with a clear error.
#include "support/run.hpp"

#include <refnet/base/error.hpp>
#include <refnet/io/load.hpp>
#include <refnet/io/snapshot.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

using namespace refnet;

namespace {
const std::string kLog =
    "type,src,dst,ts,product,amount,sentiment,channel\n"
    "signup,ann,,100,,,,web\n"
    "referral,ann,bob,200,,,,email\n"
    "purchase,bob,,300,p1,9.5,,\n"
    "share,bob,cat,400,,,-1,\n"
    "referral,bob,ann,50,,,,\n";  // a referral to someone already joined
}

TEST_CASE("a snapshot round trip keeps both networks, the ids and the events", "[snapshot]") {
  test::TempDir dir;
  const auto in = load_input({dir.write("log.csv", kLog)}, {});
  const std::string path = dir.file("net.refnet");
  save_snapshot(in.network, path);
  const Network a = in.network;
  const Network b = load_snapshot(path);
  REQUIRE(b.num_users() == a.num_users());
  for (VertexId v = 0; v < a.num_users(); ++v) CHECK(a.log.users.name(v) == b.log.users.name(v));
  CHECK(b.log.users.find("bob") == a.log.users.find("bob"));
  REQUIRE(b.log.events.size() == a.log.events.size());
  for (std::size_t i = 0; i < a.log.events.size(); ++i) {
    CHECK(a.log.events[i].ts == b.log.events[i].ts);
    CHECK(a.log.events[i].type == b.log.events[i].type);
    CHECK(a.log.events[i].dst == b.log.events[i].dst);
    CHECK(a.log.events[i].amount == b.log.events[i].amount);
    CHECK(a.log.events[i].sentiment == b.log.events[i].sentiment);
    CHECK(a.log.events[i].channel == b.log.events[i].channel);
  }
  REQUIRE(b.wom.num_edges() == a.wom.num_edges());
  for (EdgeId e = 0; e < a.wom.num_edges(); ++e) {
    CHECK(a.wom.target(e) == b.wom.target(e));
    CHECK(a.wom.weight(e) == b.wom.weight(e));
    CHECK(a.wom.sign(e) == b.wom.sign(e));
    CHECK(a.wom.time(e) == b.wom.time(e));
  }
  CHECK(b.wom.in_degree(*b.log.users.find("cat")) == 1);
  CHECK(a.referral.parent == b.referral.parent);
  CHECK(b.referral.re_referrals == a.referral.re_referrals);
  CHECK(b.info.analysis_time == a.info.analysis_time);
  CHECK(b.info.events_per_type == a.info.events_per_type);
}

TEST_CASE("cascades survive a snapshot", "[snapshot]") {
  test::TempDir dir;
  const auto in = load_input({dir.write("c.txt", "a 1,b 2\nc 3\n")}, {});
  save_snapshot(in.network, dir.file("c.refnet"));
  const Network b = load_snapshot(dir.file("c.refnet"));
  REQUIRE(b.cascades.size() == 2);
  CHECK(b.cascades[0].users == in.network.cascades[0].users);
  CHECK(b.cascades[0].times == in.network.cascades[0].times);
}

TEST_CASE("a corrupt, truncated or wrong-version snapshot is refused", "[snapshot]") {
  test::TempDir dir;
  const auto in = load_input({dir.write("log.csv", kLog)}, {});
  const std::string path = dir.file("net.refnet");
  save_snapshot(in.network, path);
  const std::string bytes = test::read_file(path);

  auto expect_error = [&](const std::string& content, const std::string& message) {
    const std::string bad = dir.write("bad.refnet", content);
    try {
      (void)load_snapshot(bad);
      FAIL("no error for: " << message);
    } catch (const InputError& e) {
      INFO(e.what());
      CHECK(std::string(e.what()).find(message) != std::string::npos);
    }
    // The CLI maps it to exit code 3.
    CHECK(test::run_refnet("info '" + bad + "'").exit_code == 3);
  };
  std::string flipped = bytes;
  flipped[41] ^= 0x40;  // inside the first section's data (24-byte header, 16-byte section header)
  expect_error(flipped, "corrupt snapshot (checksum mismatch)");
  expect_error(bytes.substr(0, bytes.size() / 2), "snapshot is truncated");
  std::string version = bytes;
  version[8] = 99;
  expect_error(version, "snapshot format version 99, this build reads version 1");
  expect_error(bytes + "x", "trailing bytes");
}

TEST_CASE("the checksum does not depend on the thread count", "[snapshot]") {
  std::string data(5'000'000, 'a');
  for (std::size_t i = 0; i < data.size(); i += 7) data[i] = static_cast<char>(i);
  const auto one = checksum64(data.data(), data.size());
  data[4'999'999] ^= 1;
  CHECK(checksum64(data.data(), data.size()) != one);
}
