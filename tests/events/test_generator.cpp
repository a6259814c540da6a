// The synthetic event-log generator: valid rows, reproducible bytes, and the
// structure it promises (docs/generator.md), checked on a 5k-user log.
#include <catch2/catch.hpp>

#include <refnet/base/error.hpp>
#include <refnet/events/generator.hpp>

#include <oneapi/tbb/global_control.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

using refnet::GeneratorParams;

struct Row {
  std::string type, src, dst;
  long long ts = 0;
  std::string product, amount, sentiment, channel;
};

std::string generate(const GeneratorParams& p, refnet::GeneratorSummary* summary = nullptr) {
  std::ostringstream out;
  const auto s = refnet::write_event_log(out, p);
  if (summary != nullptr) *summary = s;
  return out.str();
}

GeneratorParams small_params(std::uint64_t users = 5000, std::uint64_t seed = 7) {
  GeneratorParams p;
  p.users = users;
  p.seed = seed;
  return p;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells(1);
  for (char ch : line) {
    if (ch == ',')
      cells.emplace_back();
    else
      cells.back() += ch;
  }
  return cells;
}

// Parses the data rows; fails the test on a malformed one.
std::vector<Row> parse(const std::string& csv) {
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  REQUIRE(line == "type,src,dst,ts,product,amount,sentiment,channel");
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    const auto c = split(line);
    REQUIRE(c.size() == 8);
    rows.push_back(Row{c[0], c[1], c[2], std::stoll(c[3]), c[4], c[5], c[6], c[7]});
  }
  return rows;
}

// One 5k-user log shared by the structural tests (generated once: fast tests).
const std::string& log_5k() {
  static const std::string text = generate(small_params());
  return text;
}
const std::vector<Row>& rows_5k() {
  static const std::vector<Row> rows = parse(log_5k());
  return rows;
}

bool is_wom_with_dst(const std::string& t) {
  return t == "referral" || t == "share" || t == "recommend" || t == "mention";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string gunzip(const std::string& gz) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  std::string out;
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    REQUIRE((rc == Z_OK || rc == Z_STREAM_END));
    out.append(buf, sizeof buf - z.avail_out);
  }
  CHECK(z.avail_in == 0);  // one member, nothing after it
  inflateEnd(&z);
  return out;
}

struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("refnet_test_generator_" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

TEST_CASE("generator: every row is a valid event of DESIGN.md section 1", "[generator]") {
  const auto& rows = rows_5k();
  const GeneratorParams p = small_params();
  REQUIRE(rows.size() > 10000);
  const std::set<std::string> types = {"signup", "purchase", "referral",  "share", "recommend",
                                       "review", "mention",  "complaint", "churn"};
  const auto is_user = [](const std::string& id) {
    return id.size() == 7 && id[0] == 'u' && std::all_of(id.begin() + 1, id.end(), ::isdigit);
  };
  for (const Row& r : rows) {
    INFO(r.type << "," << r.src << "," << r.dst << "," << r.ts);
    REQUIRE(types.count(r.type) == 1);
    REQUIRE(is_user(r.src));
    REQUIRE(r.ts >= static_cast<long long>(p.start_ts));
    REQUIRE(r.ts < static_cast<long long>(p.start_ts + p.days * 86400));
    if (is_wom_with_dst(r.type)) {
      REQUIRE(is_user(r.dst));
      REQUIRE(r.dst != r.src);
    } else {
      REQUIRE(r.dst.empty());
    }
    if (r.type == "purchase") {
      REQUIRE(r.product.size() == 4);
      REQUIRE(r.product[0] == 'p');
      REQUIRE(std::stod(r.amount) > 0);
    } else {
      REQUIRE(r.product.empty());
      REQUIRE(r.amount.empty());
    }
    if (is_wom_with_dst(r.type) || r.type == "review")
      REQUIRE((r.sentiment == "+1" || r.sentiment == "-1"));
    else
      REQUIRE(r.sentiment.empty());
  }
}

TEST_CASE("generator: rows are sorted by time", "[generator]") {
  const auto& rows = rows_5k();
  for (std::size_t i = 1; i < rows.size(); ++i) REQUIRE(rows[i - 1].ts <= rows[i].ts);
}

TEST_CASE("generator: same seed, same bytes; another seed, another log", "[generator]") {
  CHECK(generate(small_params()) == log_5k());
  CHECK(generate(small_params(5000, 8)) != log_5k());
}

TEST_CASE("generator: output does not depend on the thread count or the memory budget", "[generator]") {
  std::string one, two;
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 1);
    one = generate(small_params());
  }
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
    two = generate(small_params());
  }
  CHECK(one == log_5k());
  CHECK(two == log_5k());

  GeneratorParams sliced = small_params();
  sliced.memory_budget_mb = 0.1;  // about 6500 events per slice
  refnet::GeneratorSummary summary;
  CHECK(generate(sliced, &summary) == log_5k());
  CHECK(summary.slices > 3);
}

TEST_CASE("generator: gzip output is fixed-header, deterministic, and the same CSV", "[generator]") {
  TempDir dir;
  const auto path = dir.path / "events.csv.gz";
  std::string first, second;
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 1);
    refnet::write_event_log_gzip(path.string(), small_params());
    first = read_file(path);
  }
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
    refnet::write_event_log_gzip(path.string(), small_params());
    second = read_file(path);
  }
  CHECK(first == second);
  // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=Unix: nothing that varies by run.
  const std::string header("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
  REQUIRE(first.size() > 10);
  CHECK(first.substr(0, 10) == header);
  REQUIRE(log_5k().size() > (1u << 20));  // several 1 MiB chunks, primed dictionaries
  CHECK(gunzip(first) == log_5k());
  // Only the final file is left behind, no temporary.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path), std::filesystem::directory_iterator()) == 1);

  refnet::write_event_log_file((dir.path / "events.csv").string(), small_params());
  CHECK(read_file(dir.path / "events.csv") == log_5k());
}

TEST_CASE("generator: referral fertility is heavy-tailed", "[generator]") {
  std::map<std::string, int> referrals_by;
  std::size_t signups = 0;
  for (const Row& r : rows_5k()) {
    if (r.type == "referral") ++referrals_by[r.src];
    if (r.type == "signup") ++signups;
  }
  std::vector<int> counts;
  int total = 0;
  for (const auto& [user, n] : referrals_by) {
    counts.push_back(n);
    total += n;
  }
  std::sort(counts.rbegin(), counts.rend());
  REQUIRE(counts.size() >= 100);
  const std::size_t top = counts.size() / 10;
  int top_total = 0;
  for (std::size_t i = 0; i < top; ++i) top_total += counts[i];
  CHECK(static_cast<double>(top_total) / total > 0.4);  // top 10% of referrers
  CHECK(counts.size() < signups / 3);                   // most users refer no one
  CHECK(counts.front() >= 20);
}

TEST_CASE("generator: some customers repurchase the same product three times or more", "[generator]") {
  std::map<std::pair<std::string, std::string>, int> bought;
  std::set<std::string> buyers, repeaters;
  for (const Row& r : rows_5k()) {
    if (r.type != "purchase") continue;
    buyers.insert(r.src);
    if (++bought[{r.src, r.product}] >= 3) repeaters.insert(r.src);
  }
  CHECK(repeaters.size() > buyers.size() / 20);
  CHECK(repeaters.size() < buyers.size() / 2);
}

TEST_CASE("generator: word of mouth is mostly positive, with some negative", "[generator]") {
  std::size_t wom = 0, negative = 0;
  for (const Row& r : rows_5k()) {
    if (r.sentiment.empty()) continue;
    ++wom;
    negative += r.sentiment == "-1" ? 1 : 0;
  }
  const double share = static_cast<double>(negative) / static_cast<double>(wom);
  CHECK(share > 0.01);
  CHECK(share < 0.25);
}

TEST_CASE("generator: referees act after their referral; nobody acts after churn", "[generator]") {
  std::unordered_map<std::string, long long> first_referral, signup, churn;
  std::size_t referred_signups = 0, never_converted = 0;
  for (const Row& r : rows_5k()) {
    if (r.type == "referral") first_referral.emplace(r.dst, r.ts);
    if (r.type == "signup") {
      REQUIRE(signup.emplace(r.src, r.ts).second);  // at most one signup per user
      if (r.channel == "referral") {
        ++referred_signups;
        REQUIRE(first_referral.count(r.src) == 1);
        REQUIRE(first_referral.at(r.src) < r.ts);
      }
    } else {
      REQUIRE(signup.count(r.src) == 1);  // every actor signed up first
      if (r.type == "purchase") REQUIRE(signup.at(r.src) < r.ts);
    }
    if (churn.count(r.src) == 1) REQUIRE(r.ts <= churn.at(r.src));
    if (r.type == "churn") churn.emplace(r.src, r.ts);
  }
  for (const auto& [user, ts] : first_referral) never_converted += signup.count(user) == 0 ? 1 : 0;
  CHECK(referred_signups > 100);
  CHECK(never_converted > 100);  // some referees never sign up
}

TEST_CASE("generator: ties are layered like Dunbar's circles, degrees heavy-tailed", "[generator]") {
  std::unordered_map<std::string, std::unordered_map<std::string, int>> messages;  // speaker -> listener
  for (const Row& r : rows_5k())
    if (r.type == "share" || r.type == "recommend" || r.type == "mention") ++messages[r.src][r.dst];
  double top5 = 0, top15 = 0;
  int speakers = 0;
  std::unordered_map<std::string, int> in_degree;
  std::size_t max_out = 0, ties = 0;
  for (const auto& [speaker, listeners] : messages) {
    ties += listeners.size();
    max_out = std::max(max_out, listeners.size());
    for (const auto& [listener, n] : listeners) ++in_degree[listener];
    std::vector<int> counts;
    int total = 0;
    for (const auto& [listener, n] : listeners) {
      counts.push_back(n);
      total += n;
    }
    if (total < 30) continue;
    std::sort(counts.rbegin(), counts.rend());
    ++speakers;
    int sum5 = 0, sum15 = 0;
    for (std::size_t i = 0; i < counts.size() && i < 15; ++i) (i < 5 ? sum5 : sum15) += counts[i];
    top5 += static_cast<double>(sum5) / total;
    top15 += static_cast<double>(sum5 + sum15) / total;
  }
  REQUIRE(speakers >= 20);
  // The 5 closest get far more than 5 random contacts would (most users have 10-100).
  CHECK(top5 / speakers > 0.4);
  CHECK(top15 / speakers > top5 / speakers + 0.1);
  int max_in = 0;
  for (const auto& [user, n] : in_degree) max_in = std::max(max_in, n);
  const double mean_out = static_cast<double>(ties) / static_cast<double>(messages.size());
  const double mean_in = static_cast<double>(ties) / static_cast<double>(in_degree.size());
  CHECK(static_cast<double>(max_out) > 8 * mean_out);
  CHECK(max_in > 5 * mean_in);
}

TEST_CASE("generator: the summary agrees with the log", "[generator]") {
  refnet::GeneratorSummary s;
  const std::string text = generate(small_params(), &s);
  std::array<std::uint64_t, refnet::kNumEventTypes> per_type{};
  std::set<std::string> users;
  for (const Row& r : rows_5k()) {
    for (std::size_t t = 0; t < refnet::kNumEventTypes; ++t)
      if (refnet::kEventTypeNames[t] == r.type) ++per_type[t];
    users.insert(r.src);
    if (!r.dst.empty()) users.insert(r.dst);
  }
  CHECK(s.events_per_type == per_type);
  CHECK(s.events == rows_5k().size());
  CHECK(s.csv_bytes == text.size());
  CHECK(s.users == 5000);
  CHECK(s.users_in_log == users.size());
  CHECK(s.signups == per_type[0]);
  CHECK(s.signups == s.organic_signups + s.referred_signups);
  CHECK(s.referrals == per_type[2]);
  CHECK(s.first_ts == static_cast<double>(rows_5k().front().ts));
  CHECK(s.last_ts == static_cast<double>(rows_5k().back().ts));
  CHECK(s.social_ties > 5000 * 30);
  CHECK(s.cascades > 10);
  CHECK(s.largest_cascade >= 5);
  CHECK(s.slices == 1);
}

TEST_CASE("generator: bad parameters are usage errors and leave no file", "[generator]") {
  const auto bad = [](auto change) {
    GeneratorParams p = small_params();
    change(p);
    return p;
  };
  CHECK_THROWS_AS(bad([](GeneratorParams& p) { p.users = 0; }).validate(), refnet::UsageError);
  CHECK_THROWS_AS(bad([](GeneratorParams& p) { p.days = 0; }).validate(), refnet::UsageError);
  CHECK_THROWS_AS(bad([](GeneratorParams& p) { p.convert = 1.5; }).validate(), refnet::UsageError);
  CHECK_THROWS_AS(bad([](GeneratorParams& p) { p.degree_exponent = 2.0; }).validate(), refnet::UsageError);
  CHECK_THROWS_AS(bad([](GeneratorParams& p) { p.dunbar_layers = {5, 5, 50, 150}; }).validate(), refnet::UsageError);
  CHECK_THROWS_AS(bad([](GeneratorParams& p) { p.start_ts = std::nan(""); }).validate(), refnet::UsageError);
  CHECK_NOTHROW(small_params().validate());

  TempDir dir;
  const auto path = dir.path / "bad.csv.gz";
  CHECK_THROWS_AS(refnet::write_event_log_gzip(path.string(), bad([](GeneratorParams& p) { p.users = 1; })),
                  refnet::UsageError);
  CHECK(std::filesystem::is_empty(dir.path));
}
