// Event tables as teams have them (issue 17): column and type mapping,
// timestamps in every form, CSV in full. Each expected epoch is worked out by
// hand in a comment: 2024-01-01 is day 19723 since 1970 (1704067200 s);
// 2024-03-01 is 31 + 29 days later, day 19783, 1709251200 s.
#include "support/run.hpp"

#include <refnet/base/text.hpp>
#include <refnet/base/time_zone.hpp>
#include <refnet/io/csv.hpp>
#include <refnet/io/event_mapping.hpp>
#include <refnet/io/event_parser.hpp>
#include <refnet/io/load.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace refnet;

namespace {

EventLog csv(const std::string& text, const EventMapping& m = {}, ParseReport* report_out = nullptr,
             std::size_t block = kDefaultBlockBytes, bool lenient = false) {
  InputStream in = InputStream::from_bytes(text, "t.csv");
  ParseReport report;
  EventLog log = parse_event_csv(in, ParseOptions{lenient, block}, report, m);
  if (report_out) *report_out = report;
  return log;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

double ts_of(const std::string& ts, const EventMapping& m = {}) {
  return csv("type,src,ts\nsignup,a," + ts + "\n", m).events.at(0).ts;
}

}  // namespace

TEST_CASE("timestamps: every ISO-8601 form against hand-computed epochs", "[io][events][time]") {
  // 2024-03-01 09:00:00Z = 1709251200 + 9 * 3600 = 1709283600.
  CHECK(ts_of("2024-03-01T09:00:00Z") == 1709283600.0);
  CHECK(ts_of("2024-03-01 09:00:00Z") == 1709283600.0);
  CHECK(ts_of("2024-03-01 09:00:00 UTC") == 1709283600.0);
  CHECK(ts_of("2024-03-01T09:00:00") == 1709283600.0);  // naive: UTC by default
  // 09:00 at +08 is 01:00Z = 1709251200 + 3600 = 1709254800, in each offset spelling.
  CHECK(ts_of("2024-03-01T09:00:00+08:00") == 1709254800.0);
  CHECK(ts_of("2024-03-01T09:00:00+0800") == 1709254800.0);
  CHECK(ts_of("2024-03-01 09:00:00+08") == 1709254800.0);
  // 09:00 at -05:00 is 14:00Z = 1709251200 + 14 * 3600 = 1709301600.
  CHECK(ts_of("2024-03-01T09:00:00-05:00") == 1709301600.0);
  // Fractional seconds, with a zone and without.
  CHECK(ts_of("2024-03-01T09:00:00.25Z") == 1709283600.25);
  CHECK(ts_of("2024-03-01 09:00:00.500 UTC") == 1709283600.5);
  CHECK(ts_of("2024-03-01") == 1709251200.0);
  // An offset and " UTC" together is not a time.
  CHECK(error_of([] { ts_of("2024-03-01 09:00:00+08 UTC"); }).find("bad timestamp") != std::string::npos);
}

TEST_CASE("timestamps: seconds, milliseconds, microseconds, and a hint for the unit", "[io][events][time]") {
  EventMapping ms;
  ms.ts_unit = TsUnit::kMillis;
  EventMapping us;
  us.ts_unit = TsUnit::kMicros;
  // 1709254800 s is 2024-03-01T01:00:00Z (1709251200 + 3600).
  CHECK(ts_of("1709254800") == 1709254800.0);
  CHECK(ts_of("1709254800000", ms) == 1709254800.0);
  CHECK(ts_of("1709254800500", ms) == 1709254800.5);
  CHECK(ts_of("1709254800000000", us) == 1709254800.0);
  // ISO times are not scaled by the unit.
  CHECK(ts_of("2024-03-01T01:00:00Z", ms) == 1709254800.0);
  // Milliseconds read as seconds land after 9999: the message names the unit that fits.
  const std::string e = error_of([] { ts_of("1709254800000"); });
  CHECK(e.find("t.csv:2:10: timestamp '1709254800000' out of range") != std::string::npos);
  CHECK(e.find("as milliseconds it is 2024-03-01T01:00:00Z: give --ts-unit ms") != std::string::npos);
  CHECK(error_of([] { ts_of("1709254800000000"); }).find("give --ts-unit us") != std::string::npos);
  CHECK(error_of([&] { ts_of("1709254800000000", ms); }).find("give --ts-unit us") != std::string::npos);
}

TEST_CASE("timestamps: --timezone places naive local times through the tz database", "[io][events][time]") {
  EventMapping shanghai;
  shanghai.timezone = TimeZone::named("Asia/Shanghai");  // UTC+8, no daylight saving
  CHECK(ts_of("2024-03-01 09:00:00", shanghai) == 1709254800.0);
  CHECK(ts_of("2024-03-01 09:00:00Z", shanghai) == 1709283600.0);  // a given offset wins
  CHECK(ts_of("1709254800", shanghai) == 1709254800.0);            // numbers are UTC by definition

  EventMapping ny;
  ny.timezone = TimeZone::named("America/New_York");
  // Winter, EST (-5): 09:00 local is 14:00Z = 1709301600.
  CHECK(ts_of("2024-03-01 09:00:00", ny) == 1709301600.0);
  // Summer, EDT (-4): 2024-07-01 is day 19723 + 182 = 19905, 1719792000 s; 09:00 EDT is 13:00Z, 1719838800.
  CHECK(ts_of("2024-07-01T09:00:00", ny) == 1719838800.0);
  // 2024-03-10 02:30 does not exist in New York (02:00 EST became 03:00 EDT).
  CHECK(error_of([&] { ts_of("2024-03-10 02:30:00", ny); }).find("does not exist in America/New_York") !=
        std::string::npos);
  // 2024-11-03 01:30 happens twice; the earlier, EDT (-4): day 19723 + 305 + 2 = 20030, 1730592000 s, + 5.5 h = 1730611800.
  CHECK(ts_of("2024-11-03 01:30:00", ny) == 1730611800.0);
  CHECK_THROWS_AS(TimeZone::named("Mars/Olympus_Mons"), UsageError);
  CHECK_THROWS_AS(TimeZone::named("../etc/passwd"), UsageError);
}

TEST_CASE("columns and types are mapped; unknown types are listed with counts and the flag", "[io][events][mapping]") {
  // A warehouse export: its own column names, its own event types.
  const std::string text =
      "event_type,user_id,target_user_id,event_time,note\n"
      "signup,alice,,2024-03-01 09:00:00 UTC,x\n"
      "view,alice,,2024-03-01 09:01:00 UTC,x\n"
      "invite,alice,bob,2024-03-01 09:02:00 UTC,x\n"
      "view,bob,,2024-03-01 09:03:00 UTC,x\n"
      "order_paid,bob,,2024-03-01 09:04:00 UTC,x\n";
  EventMapping m;
  parse_columns_setting("type=event_type, src=user_id, dst=target_user_id, ts=event_time", "--columns", m);
  // Without --types: every unknown type, its count, the first place, and the flag that handles them.
  const std::string e = error_of([&] { csv(text, m); });
  CHECK(e.find("t.csv:3:1: unknown event types 'view' (2 rows), 'invite' (1 row), 'order_paid' (1 row) (4 rows in all") !=
        std::string::npos);
  CHECK(e.find("--types view=ignore,invite=ignore,order_paid=ignore") != std::string::npos);

  parse_types_setting("invite=referral,order_paid=purchase,view=ignore", "--types", m);
  ParseReport report;
  // A purchase needs a product: order_paid rows have none, so the product column is mapped too.
  CHECK(error_of([&] { csv(text, m); }).find("purchase needs a product") != std::string::npos);
  const std::string with_product =
      "event_type,user_id,target_user_id,event_time,sku\n"
      "signup,alice,,2024-03-01 09:00:00 UTC,\n"
      "view,alice,,2024-03-01 09:01:00 UTC,\n"
      "INVITE,alice,bob,2024-03-01 09:02:00 UTC,\n"
      "view,bob,,2024-03-01 09:03:00 UTC,\n"
      "order_paid,bob,,2024-03-01 09:04:00 UTC,p1\n";
  parse_columns_setting("type=event_type,src=user_id,dst=target_user_id,ts=event_time,product=sku", "--columns", m);
  const EventLog log = csv(with_product, m, &report);
  REQUIRE(log.events.size() == 3);
  CHECK(log.events[1].type == EventType::kReferral);  // INVITE: source types match in any case
  CHECK(log.events[2].type == EventType::kPurchase);
  CHECK(report.ignored_types.at("view") == 2);
  CHECK(report.rows == 5);

  EventMapping missing;
  parse_columns_setting("ts=happened_at", "--columns", missing);
  CHECK(error_of([&] { csv("type,src,ts\nsignup,a,1\n", missing); })
            .find("t.csv:1:1: header has no column 'happened_at', which --columns maps ts to") != std::string::npos);
  CHECK(error_of([&] { csv("event_type,user_id,ts\nsignup,a,1\n"); })
            .find("header has no 'type' column (an event log needs type, src and ts; map other names with --columns") !=
        std::string::npos);
  EventMapping bad;
  CHECK_THROWS_WITH(parse_columns_setting("when=event_time", "--columns", bad), Catch::Contains("unknown field 'when'"));
  CHECK_THROWS_WITH(parse_columns_setting("src=user_id,dst=user_id", "--columns", bad),
                    Catch::Contains("would both read column 'user_id'"));
  CHECK_THROWS_WITH(parse_types_setting("view=look", "--types", bad), Catch::Contains("'look' is not a refnet event type"));
  CHECK_THROWS_WITH(parse_types_setting("view=ignore,VIEW=share", "--types", bad), Catch::Contains("mapped twice"));
}

TEST_CASE("CSV in full: quoted line ends, doubled quotes, delimiter and quote characters", "[io][events][csv]") {
  // Record 2 spans lines 2-4, record 3 is line 5; the bad row after them is on
  // line 6 (its ts at byte 15), and its error says so.
  const std::string text =
      "type,src,dst,ts,channel\n"
      "signup,\"al\"\"ice\",,1700000000,\"free text\nover two\nlines, with a comma\"\n"
      "share,\"al\"\"ice\",bob,1700000001,\n"
      "signup,carol,,later,\n";
  CHECK(error_of([&] { csv(text); }).find("t.csv:6:15: bad timestamp 'later'") != std::string::npos);
  const EventLog log = csv(text.substr(0, text.rfind("signup")));
  REQUIRE(log.events.size() == 2);
  CHECK(log.users.name(log.events[0].src) == "al\"ice");
  CHECK(log.channels.name(log.events[0].channel) == "free text\nover two\nlines, with a comma");
  CHECK(log.events[1].src == log.events[0].src);

  // A semicolon export with single quotes, CRLF line ends.
  EventMapping m;
  m.delimiter = ';';
  m.quote = '\'';
  const EventLog semi = csv("type;src;dst;ts\r\nshare;'a;b';'it''s';1700000000\r\n", m);
  REQUIRE(semi.events.size() == 1);
  CHECK(semi.users.name(semi.events[0].src) == "a;b");
  CHECK(semi.users.name(semi.events[0].dst) == "it's");
  // Quoting off: quotes are plain characters.
  EventMapping none;
  none.quote = 0;
  const EventLog plain = csv("type,src,ts\nsignup,\"a,1700000000\n", none);
  CHECK(plain.users.name(plain.events[0].src) == "\"a");
}

TEST_CASE("CSV records that span blocks parse as with one block", "[io][events][csv]") {
  // Random quoted fields with line ends, delimiters and quotes, read with
  // blocks of a few bytes (a record cut anywhere) and with one block.
  std::string text = "type,src,dst,ts,channel\n";
  std::uint64_t x = 7;
  auto next = [&] { return x = x * 6364136223846793005ULL + 1442695040888963407ULL, x >> 33; };
  for (int i = 0; i < 300; ++i) {
    std::string channel;
    const int len = static_cast<int>(next() % 12);
    for (int k = 0; k < len; ++k) channel += "ab,\n\"x "[next() % 7];
    std::string quoted = "\"";
    for (char c : channel) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    text += "share,u" + std::to_string(next() % 40) + ",u" + std::to_string(next() % 40) + "," +
            std::to_string(1700000000 + i) + "," + quoted + "\n";
  }
  const EventLog whole = csv(text);
  REQUIRE(whole.events.size() == 300);
  for (std::size_t block : {1, 7, 64, 1000}) {
    const EventLog small = csv(text, {}, nullptr, block);
    REQUIRE(small.events.size() == whole.events.size());
    for (std::size_t i = 0; i < whole.events.size(); ++i) {
      CHECK(small.users.name(small.events[i].src) == whole.users.name(whole.events[i].src));
      auto channel = [](const EventLog& l, std::size_t e) {
        return l.events[e].channel == kNone ? std::string_view("(none)") : l.channels.name(l.events[e].channel);
      };
      CHECK(channel(small, i) == channel(whole, i));
    }
  }
  // The oracle for the tokeniser: each quoted channel, unescaped by hand above.
  std::vector<std::string_view> fields;
  std::vector<std::size_t> columns;
  std::string scratch;
  const std::string one = "a,\"x\"\"\ny\",\n";
  CHECK(tokenise_csv_record(one, 0, {}, fields, columns, scratch) == one.size());
  REQUIRE(fields.size() == 3);
  CHECK(fields[1] == "x\"\ny");
  CHECK(fields[2].empty());
  CHECK(columns == std::vector<std::size_t>{0, 2, 10});
}

TEST_CASE("ids: trimmed by default with a warning when spellings merge; --trim-ids decides", "[io][events][ids]") {
  const std::string text = "type,src,dst,ts\nsignup, alice ,,1\nshare,alice,bob,2\nshare,carol , bob,3\n";
  ParseReport report;
  const EventLog trimmed = csv(text, {}, &report);
  CHECK(trimmed.users.size() == 3);  // alice, bob, carol
  // ' alice ' and 'alice' are one user now, and so are ' bob' and 'bob': two merged ids.
  REQUIRE(report.warnings.size() == 1);
  CHECK(report.warnings[0].find("2 user ids appeared with and without surrounding spaces") != std::string::npos);
  CHECK(report.warnings[0].find("' alice ' and 'alice'") != std::string::npos);
  EventMapping yes;
  yes.trim_ids = TrimIds::kTrim;
  csv(text, yes, &report);
  CHECK(report.warnings.empty());
  EventMapping no;
  no.trim_ids = TrimIds::kKeep;
  const EventLog kept = csv(text, no, &report);
  CHECK(kept.users.size() == 5);  // ' alice ', 'alice', 'bob', 'carol ', ' bob'
  CHECK(kept.users.name(kept.events[0].src) == " alice ");
}

TEST_CASE("ids merged by trimming: counted as a brute force over the spellings, at any block size", "[io][events][ids]") {
  // Random logs over 30 names, each id written plain or with one of three paddings. The
  // oracle: a user id is merged when its trimmed name was written in two or more
  // different ways (plain and padded, or two paddings); the warning counts those.
  // The parser marks plain spellings in a parallel pass and notes padded ones in row
  // order, block by block; the count and the ids must not depend on the block size.
  std::mt19937_64 rng(17);
  const std::vector<std::string> pads = {" ", "  ", "\t"};
  for (int round = 0; round < 20; ++round) {
    std::string text = "type,src,dst,ts\n";
    std::map<std::string, std::set<std::string>> spellings;
    const int rows = 50 + static_cast<int>(rng() % 400);
    const int padded_percent = static_cast<int>(rng() % 30);
    auto spell = [&](const std::string& name) {
      std::string raw = name;
      if (static_cast<int>(rng() % 100) < padded_percent) {
        const std::string& pad = pads[rng() % pads.size()];
        raw = rng() % 2 ? pad + name : name + pad;
      }
      spellings[name].insert(raw);
      return raw;
    };
    for (int r = 0; r < rows; ++r) {
      const std::string src = "u" + std::to_string(rng() % 30), dst = "u" + std::to_string(rng() % 30);
      if (rng() % 2) text += "signup," + spell(src) + ",," + std::to_string(r) + "\n";
      else text += "share," + spell(src) + "," + spell(dst) + "," + std::to_string(r) + "\n";
    }
    std::size_t merged = 0;
    for (const auto& [name, set] : spellings) merged += set.size() >= 2;
    const std::string want = std::to_string(merged) + " user id" + (merged == 1 ? "" : "s") + " appeared with and without";
    std::vector<std::string> names;
    for (const std::size_t block : {std::size_t{64}, std::size_t{1000}, kDefaultBlockBytes}) {
      ParseReport report;
      const EventLog log = csv(text, {}, &report, block);
      CHECK(log.users.size() == spellings.size());
      if (merged == 0) {
        CHECK(report.warnings.empty());
      } else {
        REQUIRE(report.warnings.size() == 1);
        CHECK(report.warnings[0].find(want) != std::string::npos);
      }
      std::vector<std::string> these;
      for (std::uint32_t u = 0; u < log.users.size(); ++u) these.emplace_back(log.users.name(u));
      if (names.empty()) names = these;
      CHECK(these == names);  // ids in order of first appearance, whatever the blocks
    }
  }
}

TEST_CASE("a mapping file holds the same settings; the command line's replace them", "[io][events][mapping]") {
  test::TempDir dir;
  const std::string path = dir.write("m.txt",
                                     "# the warehouse export\n"
                                     "columns type=event_type, src=user_id, ts=event_time\n"
                                     "types   view=ignore\n"
                                     "ts-unit ms\n"
                                     "timezone Asia/Shanghai\n");
  EventMapping m;
  read_mapping_file(path, m);
  CHECK(m.column(kFieldType) == "event_type");
  CHECK(m.ts_unit == TsUnit::kMillis);
  CHECK(m.timezone.name() == "Asia/Shanghai");
  parse_types_setting("view=share", "--types", m);  // as given on the command line after the file
  REQUIRE(m.types.size() == 1);
  CHECK(m.types[0].second == EventType::kShare);
  const std::string bad = dir.write("bad.txt", "columns type=event_type\nunit ms\n");
  EventMapping b;
  CHECK_THROWS_WITH(read_mapping_file(bad, b), Catch::Contains("bad.txt:2:1: unknown setting 'unit'"));
  const std::string bad2 = dir.write("bad2.txt", "  types view\n");
  CHECK_THROWS_WITH(read_mapping_file(bad2, b), Catch::Contains("bad2.txt:1:3: types: 'view' has no '='"));
}

TEST_CASE("the warehouse example of docs/input.md builds with its flags", "[io][events][cli]") {
  test::TempDir dir;
  const std::string input = dir.write("export.csv",
                                      "event_type,user_id,target_user_id,event_time,sku\n"
                                      "signup,alice,,2024-03-01 09:00:00 UTC,\n"
                                      "view,alice,,2024-03-01 09:01:00 UTC,\n"
                                      "invite,alice,bob,1709283720000,\n");
  // Mixed forms in one column need one unit for the numbers: ms here.
  const std::string flags =
      " --columns type=event_type,src=user_id,dst=target_user_id,ts=event_time,product=sku"
      " --types invite=referral,view=ignore --ts-unit ms";
  auto r = test::run_refnet("info '" + input + "'" + flags);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"ignored_types\": {\n") != std::string::npos);
  CHECK(r.out.find("\"view\": 1") != std::string::npos);
  // Refused where they cannot apply.
  const std::string graph = dir.write("g.txt", "1 2\n2 3\n");
  r = test::run_refnet("info '" + graph + "' --ts-unit ms");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--ts-unit maps the columns and values of event tables") != std::string::npos);
  r = test::run_refnet("info '" + input + "' --query 'SELECT 1'");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--query applies to SQLite and PostgreSQL inputs") != std::string::npos);
  const std::string jsonl = dir.write("e.jsonl", "{\"type\":\"signup\",\"src\":\"a\",\"ts\":1}\n");
  r = test::run_refnet("info '" + jsonl + "' --delimiter ';'");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--delimiter applies to CSV event logs") != std::string::npos);
}

TEST_CASE("JSON Lines keys match in any case; two keys for one field are an error", "[io][events][jsonl]") {
  auto jsonl = [](const std::string& text, const EventMapping& m = {}) {
    InputStream in = InputStream::from_bytes(text, "t.jsonl");
    ParseReport report;
    return parse_event_jsonl(in, ParseOptions{}, report, m);
  };
  // "Type", "SRC" and "Ts" are the fields type, src and ts, as CSV headers are.
  const EventLog log = jsonl("{\"Type\":\"signup\",\"SRC\":\"a\",\"Ts\":5}\n");
  REQUIRE(log.events.size() == 1);
  CHECK(log.events[0].ts == 5.0);
  // A --columns name matches a key in any case too.
  EventMapping m;
  parse_columns_setting("src=userId", "--columns", m);
  CHECK(jsonl("{\"type\":\"signup\",\"USERID\":\"a\",\"ts\":7}\n", m).events.at(0).ts == 7.0);
  // "type" and "TYPE" in one object: not a silent overwrite, an error at line 2.
  const std::string e = error_of([&] {
    jsonl("{\"type\":\"signup\",\"src\":\"a\",\"ts\":1}\n{\"type\":\"signup\",\"TYPE\":\"churn\",\"src\":\"b\",\"ts\":2}\n");
  });
  CHECK_THAT(e, Catch::Contains("t.jsonl:2:") && Catch::Contains("keys 'type' and 'TYPE' are both field 'type'"));
  // An error in a value names the key's column as written: {"type":"signup","SRC":[1]...
  // '"SRC"' starts at byte 17 (from 0), column 18.
  CHECK_THAT(error_of([&] { jsonl("{\"type\":\"signup\",\"SRC\":[1],\"ts\":1}\n"); }),
             Catch::Contains("t.jsonl:1:18:") && Catch::Contains("field 'SRC' must be a string or a number"));
}
