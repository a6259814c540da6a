// The bundled demo log: `make datasets` regenerates it bit-identically, and it
// parses cleanly into networks with the structure the generator put in.
#include "support/run.hpp"

#include <refnet/base/file.hpp>
#include <refnet/io/load.hpp>

#include <catch2/catch.hpp>

namespace {
const std::string kDemo = std::string(REFNET_SOURCE_DIR) + "/datasets/demo/events.csv.gz";
// Changes only when the generator's model changes; then update it together
// with the file (`make datasets`).
const std::string kDemoSha256 = "dfd99df800b77a301db6c7eddd2ffd3b582ea60a00ca8220ed6a160a04f18834";
}  // namespace

TEST_CASE("the demo log is regenerated bit-identically by `refnet gen --users 20000 --seed 42`", "[demo]") {
  refnet::test::TempDir dir;
  const std::string fresh = dir.file("events.csv.gz");
  REQUIRE(refnet::test::run_refnet("gen --users 20000 --seed 42 -o '" + fresh + "' --quiet").exit_code == 0);
  CHECK(refnet::sha256_hex(refnet::test::read_file(fresh)) == kDemoSha256);
  CHECK(refnet::sha256_hex(refnet::test::read_file(kDemo)) == kDemoSha256);
}

TEST_CASE("the demo log parses without a skipped row into both networks", "[demo]") {
  const auto in = refnet::load_input({kDemo}, {});
  CHECK(in.files[0].format == refnet::InputFormat::kEventsCsv);
  CHECK(in.report.skipped == 0);
  CHECK(in.report.warnings.empty());
  const refnet::Network& net = in.network;
  CHECK(net.num_users() > 15000);
  CHECK(net.referral.acquisitions > 1000);
  CHECK(net.referral.anomalies.empty());
  CHECK(net.wom.num_edges() > 20000);
}
