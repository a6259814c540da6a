// Snapshots from anywhere (issue 13): a snapshot edited by hand and then
// resealed, so that every checksum and the SHA-256 hold again, is still refused
// when its structure is wrong: exit 3 with a message that names the section.
// One crafted snapshot per section, each breaking the one rule that section
// has to keep.
#include "support/run.hpp"

#include <refnet/base/error.hpp>
#include <refnet/io/load.hpp>
#include <refnet/io/snapshot.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

using namespace refnet;

namespace {

// Users ann, bob, cat, dan; a product, two channels; ann and bob refer each
// other before either joins (a cycle: one anomaly); WOM ties with times.
const std::string kLog =
    "type,src,dst,ts,product,amount,sentiment,channel\n"
    "referral,ann,bob,100,,,,web\n"
    "referral,bob,ann,150,,,,email\n"
    "signup,ann,,200,,,,\n"
    "signup,bob,,210,,,,\n"
    "referral,bob,dan,220,,,,\n"
    "purchase,dan,,230,p1,9.5,,\n"
    "share,bob,cat,400,,,-1,\n"
    "share,cat,dan,410,,,,\n";

template <class T>
T* at(std::string& image, const SnapshotSectionInfo& s, std::uint64_t i = 0) {
  return reinterpret_cast<T*>(image.data() + s.offset + i * sizeof(T));
}

struct Crafter {
  std::string image;
  std::vector<SnapshotSectionInfo> sections;

  explicit Crafter(std::string bytes) : image(std::move(bytes)), sections(snapshot_sections(image)) {}
  const SnapshotSectionInfo& section(const std::string& name) const {
    for (const auto& s : sections)
      if (s.name == name) return s;
    throw std::logic_error("no section " + name);
  }
  // Sets the count of a section in the table (the bytes stay where they are).
  void set_count(const std::string& name, std::uint64_t count) {
    for (std::size_t i = 0; i < sections.size(); ++i)
      if (sections[i].name == name) std::memcpy(image.data() + 64 + 32 * i + 8, &count, 8);
  }
};

// Edits a copy of `bytes`, reseals it, and checks that loading it fails naming `section`.
void expect_refused(const test::TempDir& dir, const std::string& bytes, const std::string& section,
                    const std::function<void(Crafter&)>& edit, const std::string& detail = "") {
  Crafter c(bytes);
  edit(c);
  reseal_snapshot(c.image);
  const std::string path = dir.write("crafted.refnet", c.image);
  INFO("crafted section " << section);
  const std::string named = "section " + section;
  try {
    (void)load_snapshot(path, {.verify = true});
    FAIL("loaded a snapshot with a broken " << section);
  } catch (const InputError& e) {
    INFO(e.what());
    CHECK(std::string(e.what()).find(named) != std::string::npos);
    CHECK(std::string(e.what()).find("checksum") == std::string::npos);  // the checksums hold
    CHECK(std::string(e.what()).find(detail) != std::string::npos);
  }
  const auto info = test::run_refnet("info '" + path + "'");
  CHECK(info.exit_code == 3);
  CHECK(info.err.find(named) != std::string::npos);
  CHECK(info.out.empty());
}

}  // namespace

TEST_CASE("a resealed snapshot with a broken section is refused, naming the section", "[snapshot]") {
  test::TempDir dir;
  const std::string path = dir.file("net.refnet");
  save_snapshot(load_input({dir.write("log.csv", kLog)}, {}).network, path);
  const std::string bytes = test::read_file(path);
  {
    // The untouched snapshot, resealed, loads: the crafting itself breaks nothing.
    Crafter c(bytes);
    reseal_snapshot(c.image);
    CHECK(c.image == bytes);
    for (const char* name : {"product_chars", "channel_chars", "events", "time", "anomaly_kind", "in_edge"})
      REQUIRE(c.section(name).count > 0);
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();

  expect_refused(dir, bytes, "info", [](Crafter& c) { *at<char>(c.image, c.section("info")) = '['; });
  expect_refused(dir, bytes, "user_chars", [](Crafter& c) { *at<char>(c.image, c.section("user_chars")) = '\xff'; },
                 "not valid UTF-8");
  expect_refused(dir, bytes, "user_offsets", [](Crafter& c) { *at<std::uint64_t>(c.image, c.section("user_offsets"), 1) = 99; });
  expect_refused(dir, bytes, "user_offsets", [](Crafter& c) { *at<std::uint64_t>(c.image, c.section("user_offsets"), 0) = 1; },
                 "does not start at 0");
  expect_refused(dir, bytes, "product_chars", [](Crafter& c) { *at<char>(c.image, c.section("product_chars")) = '\xc3'; });
  expect_refused(dir, bytes, "product_offsets", [](Crafter& c) {
    const auto& s = c.section("product_offsets");
    *at<std::uint64_t>(c.image, s, s.count - 1) += 1;
  });
  expect_refused(dir, bytes, "channel_chars", [](Crafter& c) { *at<char>(c.image, c.section("channel_chars")) = '\x80'; });
  expect_refused(dir, bytes, "channel_offsets", [](Crafter& c) { *at<std::uint64_t>(c.image, c.section("channel_offsets"), 1) = 9; });

  // Events: each field out of range in turn.
  const auto event_edit = [&](const std::function<void(Event&)>& f, const std::string& detail) {
    expect_refused(dir, bytes, "events", [&](Crafter& c) { f(*at<Event>(c.image, c.section("events"), 2)); }, detail);
  };
  event_edit([](Event& e) { e.src = 4; }, "src 4 is not one of the 4 users");
  event_edit([](Event& e) { e.dst = 77; }, "dst 77");
  event_edit([](Event& e) { e.product = 1; }, "product 1 is not one of the 1 products");
  event_edit([](Event& e) { e.channel = 2; }, "channel 2 is not one of the 2 channels");
  event_edit([](Event& e) { e.type = static_cast<EventType>(9); }, "unknown type");
  event_edit([](Event& e) { e.sentiment = 0; }, "sentiment");
  event_edit([&](Event& e) { e.ts = nan; }, "time is not a finite number");
  event_edit([&](Event& e) { e.amount = static_cast<float>(inf); }, "amount");
  event_edit([](Event& e) { e.ts = 1e9; }, "earlier than the event before it");
  event_edit([](Event& e) { e.reserved = 1; }, "reserved");

  // The graph.
  expect_refused(dir, bytes, "out_row", [](Crafter& c) { *at<EdgeId>(c.image, c.section("out_row"), 1) = 99; });
  expect_refused(dir, bytes, "out_row", [](Crafter& c) {
    const auto& s = c.section("out_row");
    *at<EdgeId>(c.image, s, s.count - 1) -= 1;
  }, "expected the edge count");
  expect_refused(dir, bytes, "out_col", [](Crafter& c) { *at<VertexId>(c.image, c.section("out_col"), 0) = 4; },
                 "is 4, not below 4");
  expect_refused(dir, bytes, "in_row", [](Crafter& c) { *at<EdgeId>(c.image, c.section("in_row"), 2) = 0xFFFFFFF0u; });
  expect_refused(dir, bytes, "in_row", [](Crafter& c) { c.set_count("in_row", c.section("in_row").count - 1); },
                 "entries, expected");
  expect_refused(dir, bytes, "in_col", [](Crafter& c) { *at<VertexId>(c.image, c.section("in_col"), 1) = 1000; });
  expect_refused(dir, bytes, "in_edge", [](Crafter& c) {
    *at<EdgeId>(c.image, c.section("in_edge"), 0) = static_cast<EdgeId>(c.section("in_edge").count);
  },
                 "an edge index");
  expect_refused(dir, bytes, "weight", [](Crafter& c) { *at<float>(c.image, c.section("weight"), 0) = std::nanf(""); });
  expect_refused(dir, bytes, "time", [&](Crafter& c) { *at<double>(c.image, c.section("time"), 0) = -inf; });
  expect_refused(dir, bytes, "time", [](Crafter& c) { c.set_count("time", 1); }, "none or one per edge");

  // The referral forest: parents in range, no cycle, times finite or none.
  expect_refused(dir, bytes, "parent", [](Crafter& c) { *at<VertexId>(c.image, c.section("parent"), 0) = 4; });
  expect_refused(dir, bytes, "parent", [](Crafter& c) { *at<VertexId>(c.image, c.section("parent"), 2) = 2; },
                 "their own parent");
  expect_refused(dir, bytes, "parent", [](Crafter& c) {
    // bob was acquired by ann (dan by bob); make ann's parent bob: a cycle.
    const auto& s = c.section("parent");
    VertexId child = kNoVertex;
    for (VertexId v = 0; v < s.count && child == kNoVertex; ++v)
      if (*at<VertexId>(c.image, s, v) != kNoVertex && *at<VertexId>(c.image, s, *at<VertexId>(c.image, s, v)) == kNoVertex)
        child = v;
    REQUIRE(child != kNoVertex);
    *at<VertexId>(c.image, s, *at<VertexId>(c.image, s, child)) = child;
  }, "cycle");
  expect_refused(dir, bytes, "acquired_at", [&](Crafter& c) { *at<double>(c.image, c.section("acquired_at"), 0) = inf; });
  expect_refused(dir, bytes, "referred_at", [&](Crafter& c) { *at<double>(c.image, c.section("referred_at"), 1) = -inf; });
  expect_refused(dir, bytes, "anomaly_kind", [](Crafter& c) { *at<std::uint8_t>(c.image, c.section("anomaly_kind")) = 7; });
  expect_refused(dir, bytes, "anomaly_referrer", [](Crafter& c) { *at<VertexId>(c.image, c.section("anomaly_referrer")) = 9; });
  expect_refused(dir, bytes, "anomaly_referee", [](Crafter& c) { *at<VertexId>(c.image, c.section("anomaly_referee")) = 9; });
  expect_refused(dir, bytes, "anomaly_ts", [&](Crafter& c) { *at<double>(c.image, c.section("anomaly_ts")) = nan; });
  expect_refused(dir, bytes, "anomaly_referee", [](Crafter& c) { c.set_count("anomaly_referee", 0); }, "one per anomaly");
}

TEST_CASE("a resealed cascade snapshot with a broken cascade section is refused", "[snapshot]") {
  test::TempDir dir;
  const std::string path = dir.file("c.refnet");
  save_snapshot(load_input({dir.write("c.txt", "a 1,b 2\nc 3\n")}, {}).network, path);
  const std::string bytes = test::read_file(path);
  expect_refused(dir, bytes, "cascade_offsets", [](Crafter& c) { *at<std::uint64_t>(c.image, c.section("cascade_offsets"), 1) = 5; });
  expect_refused(dir, bytes, "cascade_users", [](Crafter& c) { *at<VertexId>(c.image, c.section("cascade_users"), 1) = 3; });
  expect_refused(dir, bytes, "cascade_times", [](Crafter& c) {
    *at<double>(c.image, c.section("cascade_times"), 0) = std::numeric_limits<double>::infinity();
  });
}

TEST_CASE("refnet check finds an in-edge index that is in range but not the transpose", "[snapshot]") {
  // ann -> bob -> cat: two edges; swapping the in-edge index entries keeps
  // every value in range (so loading accepts it) but maps each in-edge of bob
  // and cat to the other one's edge.
  test::TempDir dir;
  const std::string path = dir.file("g.refnet");
  save_snapshot(load_input({dir.write("g.txt", "1 2\n2 3\n")}, {}).network, path);
  Crafter c(test::read_file(path));
  const auto& s = c.section("in_edge");
  REQUIRE(s.count == 2);
  std::swap(*at<EdgeId>(c.image, s, 0), *at<EdgeId>(c.image, s, 1));
  reseal_snapshot(c.image);
  const std::string crafted = dir.write("crafted.refnet", c.image);
  CHECK(test::run_refnet("info '" + crafted + "'").exit_code == 0);
  const auto r = test::run_refnet("check '" + crafted + "'");
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("section in_edge") != std::string::npos);
  const auto ok = test::run_refnet("check '" + path + "'");
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("\"ok\": true") != std::string::npos);
  CHECK(ok.out.find("\"sha256_verified\": true") != std::string::npos);
}

TEST_CASE("refnet check finds a name given to two ids", "[snapshot]") {
  test::TempDir dir;
  const std::string path = dir.file("g.refnet");
  save_snapshot(load_input({dir.write("g.txt", "1 2\n2 3\n")}, {}).network, path);
  Crafter c(test::read_file(path));
  // Names "1", "2", "3": make the second "1" too.
  const auto& chars = c.section("user_chars");
  REQUIRE(chars.count == 3);
  *at<char>(c.image, chars, 1) = '1';
  reseal_snapshot(c.image);
  const std::string crafted = dir.write("crafted.refnet", c.image);
  const auto r = test::run_refnet("check '" + crafted + "'");
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("section user_chars") != std::string::npos);
}
