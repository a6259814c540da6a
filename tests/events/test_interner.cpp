// BatchInterner: the parallel interner gives the ids a serial IdTable gives.
// Oracles: hand-worked cases, the serial IdTable::intern over the same names
// in the same order (the definition of "order of first appearance"), and the
// same log parsed at --threads 1 and 2 and with other block sizes.
#include "support/run.hpp"

#include <refnet/base/input_stream.hpp>
#include <refnet/events/interner.hpp>
#include <refnet/io/event_parser.hpp>
#include <refnet/io/snapshot.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <tbb/global_control.h>

#include <random>
#include <string>
#include <vector>

using namespace refnet;

namespace {
constexpr std::uint32_t kNo = 0xFFFFFFFFu;

std::vector<std::uint32_t> batch(BatchInterner& in, const std::vector<std::string>& names) {
  const std::vector<std::string_view> views(names.begin(), names.end());
  std::vector<std::uint32_t> ids(names.size());
  in.intern(views, ids);
  return ids;
}

std::vector<std::string> names_of(const IdTable& t) {
  std::vector<std::string> out;
  for (std::uint32_t i = 0; i < t.size(); ++i) out.emplace_back(t.name(i));
  return out;
}
}  // namespace

TEST_CASE("ids in order of first appearance, across batches; empty names are none", "[interner]") {
  IdTable table;
  BatchInterner in(table);
  // b first (0), then a (1); "" is no name; b and a repeat; c is new (2).
  CHECK(batch(in, {"b", "a", "", "b", "c", "a"}) == std::vector<std::uint32_t>{0, 1, kNo, 0, 2, 1});
  // A later batch: c known (2); d new (3), then e (4); d repeats.
  CHECK(batch(in, {"c", "d", "e", "d", ""}) == std::vector<std::uint32_t>{2, 3, 4, 3, kNo});
  CHECK(batch(in, {}).empty());
  in.finish();
  CHECK(names_of(table) == std::vector<std::string>{"b", "a", "c", "d", "e"});
  CHECK(table.find("d") == 3u);
  CHECK_FALSE(table.find("z"));
}

TEST_CASE("a table that already has names keeps them and their ids", "[interner]") {
  IdTable table;
  table.intern("x");
  table.intern("a");
  BatchInterner in(table);
  // a is 1, x is 0, y new (2).
  CHECK(batch(in, {"a", "y", "x", "y"}) == std::vector<std::uint32_t>{1, 2, 0, 2});
  in.finish();
  CHECK(names_of(table) == std::vector<std::string>{"x", "a", "y"});
}

TEST_CASE("random batches give the serial IdTable's ids at 1 and 2 threads", "[interner]") {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 12; ++trial) {
    // Small vocabularies (many repeats), large ones (mostly new, shards grow),
    // long names (the 8-byte hash loop) and names that differ in one byte.
    const std::size_t vocabulary = trial % 3 == 0 ? 20 : trial % 3 == 1 ? 200000 : 3000;
    const std::size_t batches = 1 + rng() % 4;
    std::vector<std::vector<std::string>> input(batches);
    for (auto& b : input) {
      const std::size_t n = trial < 4 ? rng() % 50 : rng() % 120000;  // past one chunk of 32768
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t v = rng() % vocabulary;
        if (rng() % 10 == 0)
          b.emplace_back();
        else if (trial % 4 == 3)
          b.push_back(std::string(17, 'p') + std::to_string(v));
        else
          b.push_back("u" + std::to_string(v));
      }
    }
    IdTable serial;
    std::vector<std::vector<std::uint32_t>> expected(batches);
    for (std::size_t b = 0; b < batches; ++b)
      for (const auto& name : input[b]) expected[b].push_back(name.empty() ? kNo : serial.intern(name));
    for (const int threads : {1, 2}) {
      INFO("trial " << trial << ", threads " << threads);
      const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
      IdTable table;
      BatchInterner in(table);
      for (std::size_t b = 0; b < batches; ++b) CHECK(batch(in, input[b]) == expected[b]);
      in.finish();
      CHECK(table.chars() == serial.chars());
      CHECK(table.offsets() == serial.offsets());
      for (std::uint32_t id = 0; id < serial.size(); id += 1 + serial.size() / 50)
        CHECK(table.find(serial.name(id)) == id);
    }
  }
}

TEST_CASE("a parsed log: users in order src, dst of each row, byte-identical at any threads and block size",
          "[interner]") {
  std::mt19937 rng(5);
  std::string log = "type,src,dst,ts,product,channel\n";
  for (int i = 0; i < 40000; ++i) {
    const bool invite = rng() % 2;
    log += std::string(invite ? "referral" : "signup") + ",u" + std::to_string(rng() % 9000) + "," +
           (invite ? "u" + std::to_string(rng() % 9000) : "") + "," + std::to_string(1700000000 + rng() % 100000) +
           ",p" + std::to_string(rng() % 30) + "," + (rng() % 3 ? "c" + std::to_string(rng() % 5) : "") + "\n";
  }
  // The serial oracle: every name interned in row order by IdTable.
  IdTable users, products, channels;
  {
    std::size_t pos = log.find('\n') + 1;
    while (pos < log.size()) {
      const std::size_t end = log.find('\n', pos);
      std::vector<std::string> f;
      std::size_t a = pos;
      for (std::size_t c = pos; c <= end; ++c)
        if (c == end || log[c] == ',') {
          f.push_back(log.substr(a, c - a));
          a = c + 1;
        }
      users.intern(f[1]);
      if (!f[2].empty()) users.intern(f[2]);
      products.intern(f[4]);
      if (!f[5].empty()) channels.intern(f[5]);
      pos = end + 1;
    }
  }
  std::vector<std::string> images;
  for (const int threads : {1, 2}) {
    for (const std::size_t block : {std::size_t{1} << 12, std::size_t{1} << 20}) {
      INFO("threads " << threads << ", block " << block);
      const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
      InputStream in = InputStream::from_bytes(log, "e.csv");
      ParseReport report;
      const EventLog parsed = parse_event_csv(in, ParseOptions{false, block}, report);
      CHECK(parsed.users.chars() == users.chars());
      CHECK(parsed.products.chars() == products.chars());
      CHECK(parsed.channels.chars() == channels.chars());
      CHECK(parsed.events.size() == 40000);
      std::string image(reinterpret_cast<const char*>(parsed.events.data()), parsed.events.size() * sizeof(Event));
      images.push_back(image);
    }
  }
  for (const auto& image : images) CHECK(image == images.front());
}

TEST_CASE("the demo log's snapshot is byte-identical at --threads 1 and 2", "[interner][cli]") {
  test::TempDir dir;
  const std::string demo = std::string(REFNET_SOURCE_DIR) + "/datasets/demo/events.csv.gz";
  for (const char* t : {"1", "2"}) {
    const auto r = test::run_refnet("build " + demo + " -o " + dir.file(std::string("n") + t + ".refnet") +
                                    " --report " + dir.file("r.json") + " --threads " + t);
    REQUIRE(r.exit_code == 0);
  }
  CHECK(test::read_file(dir.file("n1.refnet")) == test::read_file(dir.file("n2.refnet")));
  // Every build phase is timed in the report's envelope.
  const auto report = nlohmann::json::parse(test::read_file(dir.file("r.json")));
  for (const char* phase : {"load", "load.read", "load.parse", "load.intern", "load.sort", "load.networks", "snapshot"})
    CHECK(report["timings"].contains(phase));
}

TEST_CASE("the same log plain, gzip (zlib or igzip) and zstd gives the same snapshot", "[interner][cli][zstd]") {
  test::TempDir dir;
  const std::string demo = std::string(REFNET_SOURCE_DIR) + "/datasets/demo/events.csv.gz";
  const std::string text = read_whole_input(demo);
  const std::string plain = dir.write("e.csv", text);
  std::vector<std::string> inputs = {plain + " --threads 1", demo + " --threads 2"};
  if (have_zstd() && test::run_bash("command -v zstd").exit_code == 0) {
    // zstd's own command line, as a warehouse export would make it.
    REQUIRE(test::run_bash("zstd -q -3 " + plain + " -o " + dir.file("e.csv.zst")).exit_code == 0);
    inputs.push_back(dir.file("e.csv.zst"));
  }
  const auto build = [&](const std::string& args, const std::string& env, const std::string& out) {
    const auto r =
        test::run_bash(env + " \"$REFNET\" build " + args + " -o " + out + " -q --report " + dir.file("r.json"));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return test::read_file(out);
  };
  const std::string expected = build(plain, "", dir.file("plain.refnet"));
  for (const auto& in : inputs) {
    INFO(in);
    CHECK(build(in, "", dir.file("x.refnet")) == expected);
  }
  CHECK(build(demo, "REFNET_INFLATE=zlib", dir.file("z.refnet")) == expected);
  const auto bad = test::run_bash("REFNET_INFLATE=fast \"$REFNET\" build " + demo + " -o " + dir.file("f.refnet"));
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("REFNET_INFLATE must be zlib or igzip"));
}
