// Ingestion only (issue 17): rows read, converted and interned into an EventLog,
// from a gzip CSV and from PostgreSQL; built by hand against the library sources
// (docs/PERFORMANCE.md, "PostgreSQL ingestion"):
//   g++ -std=c++20 -O2 -Icore/include -Icore/src -I/usr/include/postgresql bench/warehouse_ingest.cpp \
//     core/src/{base,events,io}/*.cpp ... -ltbb -lz -lcrypto -lsqlite3 -lpq
//   warehouse_ingest csv LOG.csv.gz | warehouse_ingest pg URI QUERY
#include <refnet/io/event_parser.hpp>
#include <refnet/io/sql_input.hpp>
#include <chrono>
#include <cstdio>
using namespace refnet;
int main(int argc, char** argv) {
  const std::string which = argv[1], target = argv[2];
  const auto t0 = std::chrono::steady_clock::now();
  ParseReport r;
  EventLog log;
  if (which == "csv") { InputStream in(target); log = parse_event_csv(in, ParseOptions{}, r); }
  else { EventMapping m; m.query = argv[3]; m.given.query = true; log = read_postgres(target, m, ParseOptions{}, r); }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%s %zu events %u users %.2f s\n", which.c_str(), log.events.size(), log.users.size(), s);
}
