// Snapshots: a round trip keeps everything; corruption, truncation and a
// wrong version are refused with a clear error.
#include "support/run.hpp"

#include <refnet/base/error.hpp>
#include <refnet/io/load.hpp>
#include <refnet/io/snapshot.hpp>

#include <catch2/catch.hpp>

#include <refnet/base/file.hpp>

#include <algorithm>
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

TEST_CASE("a snapshot's graph is used in place, and its Boost form is a faithful copy", "[snapshot]") {
  test::TempDir dir;
  const auto in = load_input({dir.write("log.csv", kLog)}, {});
  save_snapshot(in.network, dir.file("net.refnet"));
  Network b = load_snapshot(dir.file("net.refnet"));
  CHECK_FALSE(in.network.wom.is_view());
  REQUIRE(b.wom.is_view());
  const CsrGraph& boost_form = b.wom.boost_graph();
  CHECK(boost::num_vertices(boost_form) == b.wom.num_vertices());
  CHECK(boost::num_edges(boost_form) == b.wom.num_edges());
  // Copies and moves of a viewed graph keep the mapping alive.
  const Graph copy = b.wom;
  Network moved = std::move(b);
  CHECK(copy.num_edges() == in.network.wom.num_edges());
  CHECK(moved.wom.num_edges() == in.network.wom.num_edges());
  CHECK(copy.target(0) == in.network.wom.target(0));
}

TEST_CASE("a corrupt, truncated or wrong-version snapshot is refused", "[snapshot]") {
  test::TempDir dir;
  const auto in = load_input({dir.write("log.csv", kLog)}, {});
  const std::string path = dir.file("net.refnet");
  save_snapshot(in.network, path);
  const std::string bytes = test::read_file(path);

  // Without the magic bytes the CLI does not take the file for a snapshot
  // (it detects a format by content); it still exits 3.
  auto expect_error = [&](const std::string& content, const std::string& message, bool has_magic = true) {
    const std::string bad = dir.write("bad.refnet", content);
    try {
      (void)load_snapshot(bad);
      FAIL("no error for: " << message);
    } catch (const InputError& e) {
      INFO(e.what());
      CHECK(std::string(e.what()).find(message) != std::string::npos);
    }
    // The CLI maps it to exit code 3, and names the fault.
    const auto r = test::run_refnet("info '" + bad + "'");
    CHECK(r.exit_code == 3);
    if (has_magic) CHECK(r.err.find(message) != std::string::npos);
  };
  const auto sections = snapshot_sections(bytes);
  const auto out_col = std::find_if(sections.begin(), sections.end(), [](const auto& s) { return s.name == "out_col"; });
  REQUIRE(out_col != sections.end());
  REQUIRE(out_col->count > 0);
  std::string flipped = bytes;
  flipped[out_col->offset] ^= 0x40;  // a byte of a section, its checksum not recomputed
  expect_error(flipped, "corrupt snapshot (section out_col: checksum mismatch)");
  std::string table = bytes;
  table[64 + 8] ^= 1;  // the first table entry's count
  expect_error(table, "corrupt snapshot (section table: checksum mismatch)");
  expect_error(bytes.substr(0, bytes.size() / 2), "snapshot is truncated");
  expect_error(bytes.substr(0, 40), "snapshot is truncated");
  expect_error(bytes.substr(0, 5), "not a refnet snapshot (too short)", false);
  std::string version = bytes;
  version[8] = 99;
  expect_error(version, "snapshot format version 99 (written by a newer refnet), this build reads version 2");
  expect_error(bytes + "x", "trailing bytes");
  std::string magic = bytes;
  magic[0] = 'X';
  expect_error(magic, "not a refnet snapshot (bad magic bytes)", false);
}

TEST_CASE("a version-1 snapshot gets a rebuild message", "[snapshot]") {
  // The first bytes of a snapshot written by refnet 0.1 (format version 1): the
  // magic, u32 version 1, u32 section count 25, u64 checksum, then the first
  // section header (tag 1, element size 1, count 2) and its bytes "{}".
  std::string v1("REFNET\x1a\n", 8);
  const std::uint32_t header[2] = {1, 25};
  v1.append(reinterpret_cast<const char*>(header), sizeof header);
  v1.append(8, '\x5a');
  const std::uint32_t section[2] = {1, 1};
  const std::uint64_t count = 2;
  v1.append(reinterpret_cast<const char*>(section), sizeof section);
  v1.append(reinterpret_cast<const char*>(&count), sizeof count);
  v1 += "{}";
  test::TempDir dir;
  const std::string old = dir.write("old.refnet", v1);
  const auto r = test::run_refnet("info '" + old + "'");
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("snapshot format version 1 (written by an older refnet), this build reads version 2: "
                   "rebuild it with `refnet build") != std::string::npos);
  CHECK(test::run_refnet("check '" + old + "'").exit_code == 3);
}

TEST_CASE("the recorded content SHA-256 is what sha256 of the bytes after the preamble gives", "[snapshot]") {
  test::TempDir dir;
  const auto in = load_input({dir.write("log.csv", kLog)}, {});
  const std::string path = dir.file("net.refnet");
  save_snapshot(in.network, path);
  SnapshotFileInfo info;
  (void)load_snapshot(path, {.verify = true}, &info);
  CHECK(info.sha256_verified);
  CHECK(info.content_sha256 == sha256_hex(test::read_file(path).substr(64)));
  // The envelope reports it, and --verify recomputes it.
  const auto r = test::run_refnet("info --verify '" + path + "'");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find(info.content_sha256) != std::string::npos);
  // A byte of padding between sections is covered by the SHA-256 only.
  std::string bytes = test::read_file(path);
  const auto sections = snapshot_sections(bytes);
  std::uint64_t gap = 0;
  for (std::size_t i = 0; i + 1 < sections.size() && gap == 0; ++i) {
    const std::uint64_t end = sections[i].offset + sections[i].count * sections[i].element_size;
    if (end < sections[i + 1].offset) gap = end;
  }
  REQUIRE(gap != 0);
  bytes[gap] = 'x';
  const std::string padded = dir.write("padded.refnet", bytes);
  CHECK(test::run_refnet("info '" + padded + "'").exit_code == 0);
  const auto v = test::run_refnet("info --verify '" + padded + "'");
  CHECK(v.exit_code == 3);
  CHECK(v.err.find("content SHA-256 mismatch") != std::string::npos);
  CHECK(test::run_refnet("check '" + padded + "'").exit_code == 3);
  // On a raw input there is no SHA-256 to check: a usage error, not a silent no-op.
  const auto raw = test::run_refnet("info --verify '" + dir.file("log.csv") + "'");
  CHECK(raw.exit_code == 2);
  CHECK(raw.err.find("is not a snapshot") != std::string::npos);
}

TEST_CASE("the checksum does not depend on the thread count", "[snapshot]") {
  std::string data(5'000'000, 'a');
  for (std::size_t i = 0; i < data.size(); i += 7) data[i] = static_cast<char>(i);
  const auto one = checksum64(data.data(), data.size());
  data[4'999'999] ^= 1;
  CHECK(checksum64(data.data(), data.size()) != one);
}
