// Real public networks from ../shared/datasets: node and edge counts as
// published. Each test skips (with a warning) when the folder is absent.
#include "support/run.hpp"

#include <refnet/io/load.hpp>

#include <catch2/catch.hpp>

using namespace refnet;

namespace {
#define SKIP_IF_ABSENT(path)                                          \
  if ((path).empty()) {                                               \
    WARN("skipped: ../shared/datasets is absent on this machine");   \
    return;                                                           \
  }
}  // namespace

TEST_CASE("soc-Epinions1: 75,879 nodes and 508,837 directed edges", "[datasets]") {
  const std::string path = test::shared_dataset("soc-Epinions1/soc-Epinions1.edgelist.txt");
  SKIP_IF_ABSENT(path);
  const auto in = load_input({path}, {});
  CHECK(in.files[0].format == InputFormat::kSnap);
  CHECK(in.network.num_users() == 75879);
  CHECK(in.network.wom.num_edges() == 508837);
  CHECK(in.network.info.parallel_edges_merged == 0);
}

TEST_CASE("wiki-Vote: 7,115 nodes and 103,689 edges (SNAP comments, CRLF)", "[datasets]") {
  const std::string path = test::shared_dataset("wiki-Vote/Wiki-Vote.txt");
  SKIP_IF_ABSENT(path);
  const auto in = load_input({path}, {});
  CHECK(in.network.num_users() == 7115);
  CHECK(in.network.wom.num_edges() == 103689);
}

TEST_CASE("Higgs activity: 563,069 interactions among 304,691 users", "[datasets]") {
  const std::string path = test::shared_dataset("higgs-twitter/higgs-activity_time.txt.gz");
  SKIP_IF_ABSENT(path);
  const auto in = load_input({path}, {});
  CHECK(in.files[0].format == InputFormat::kHiggs);
  CHECK(in.network.log.events.size() == 563069);
  CHECK(in.network.num_users() == 304691);
  // Every interaction is either a tie or a reported self-interaction.
  CHECK(in.network.info.self_ties_ignored > 0);
}

TEST_CASE("NetHEPT in IMM form: 15,229 nodes and 62,752 edges with probabilities", "[datasets]") {
  const std::string path = test::shared_dataset("nethept-imm/graph_ic.inf");
  SKIP_IF_ABSENT(path);
  const auto in = load_input({path}, {});
  CHECK(in.files[0].format == InputFormat::kInf);
  CHECK(in.network.num_users() == 15229);
  CHECK(in.network.wom.num_edges() == 62752);
}

// 58,891 rows; 31,398 unique unordered pairs, of which 22 are self-loops
// (39 self-loop rows in all).
TEST_CASE("NetHEPT n-m form: 15,233 nodes, 31,398 unique pairs, 39 self-loop rows", "[datasets]") {
  const std::string path = test::shared_dataset("nethept/hep.txt");
  SKIP_IF_ABSENT(path);
  const auto in = load_input({path}, {});
  CHECK(in.files[0].format == InputFormat::kNmHeader);
  CHECK(in.network.num_users() == 15233);
  // Undirected: each unique non-loop pair is two directed ties; each self-loop
  // row was read in both directions and dropped twice.
  CHECK(in.network.info.self_ties_ignored == 2 * 39);
  CHECK(in.network.wom.num_edges() == 2 * (31398 - 22));
}

TEST_CASE("Memetracker: 12,663 cascades", "[datasets]") {
  const std::string path = test::shared_dataset("memetracker/cascades.txt");
  SKIP_IF_ABSENT(path);
  const auto in = load_input({path}, {});
  CHECK(in.files[0].format == InputFormat::kCascades);
  CHECK(in.network.cascades.size() == 12663);
}
