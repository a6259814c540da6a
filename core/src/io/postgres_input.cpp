#include <refnet/io/sql_input.hpp>

#include "sql_rows.hpp"

#include <libpq-fe.h>
#include <openssl/evp.h>

#include <cctype>
#include <chrono>
#include <memory>
#include <stdexcept>

namespace refnet {
namespace {

struct PgResult {
  PGresult* r;
  explicit PgResult(PGresult* result) : r(result) {}
  ~PgResult() { PQclear(r); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
};

std::string server_message(PGconn* conn, const PGresult* result) {
  std::string m = result ? PQresultErrorMessage(result) : "";
  if (m.empty()) m = PQerrorMessage(conn);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

void exec(PGconn* conn, const std::string& sql, const std::string& name) {
  const PgResult res(PQexec(conn, sql.c_str()));
  const ExecStatusType s = PQresultStatus(res.r);
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
    throw std::runtime_error(name + ": SQL error: " + server_message(conn, res.r));
}

// Built-in type OIDs (pg_type.h; stable across releases) that each field accepts.
constexpr Oid kBool = 16, kBytea = 17, kName = 19, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25, kOid = 26,
              kJson = 114, kFloat4 = 700, kFloat8 = 701, kUnknown = 705, kBpchar = 1042, kVarchar = 1043,
              kDate = 1082, kTime = 1083, kTimestamp = 1114, kTimestamptz = 1184, kInterval = 1186, kTimetz = 1266,
              kNumeric = 1700, kUuid = 2950, kJsonb = 3802;
// Types created by users and extensions (citext, domains) have OIDs from 16384 on; they are read as text.
constexpr Oid kFirstUserOid = 16384;

std::string type_name(Oid t) {
  switch (t) {
    case kBool: return "boolean";
    case kBytea: return "bytea";
    case kJson: return "json";
    case kJsonb: return "jsonb";
    case kTime: return "time";
    case kTimetz: return "time with time zone";
    case kInterval: return "interval";
    case kTimestamp: return "timestamp";
    case kTimestamptz: return "timestamp with time zone";
    case kDate: return "date";
    case kFloat4: case kFloat8: return "a floating-point type";
    default: return "OID " + std::to_string(t);
  }
}

bool textual(Oid t) { return t == kText || t == kVarchar || t == kBpchar || t == kName || t == kUnknown; }
bool integral(Oid t) { return t == kInt2 || t == kInt4 || t == kInt8 || t == kOid; }
bool numeric(Oid t) { return integral(t) || t == kNumeric || t == kFloat4 || t == kFloat8; }

// What a field's column may be, or nullptr when `t` will do.
const char* wrong_type(int field, Oid t) {
  if (t >= kFirstUserOid || textual(t)) return nullptr;
  switch (field) {
    case kFieldType:
    case kFieldChannel: return "expected text";
    case kFieldSrc:
    case kFieldDst:
    case kFieldProduct: return integral(t) || t == kUuid ? nullptr : "expected text, an integer or a uuid";
    case kFieldTs:
      return numeric(t) || t == kTimestamp || t == kTimestamptz || t == kDate ? nullptr
                                                                               : "expected a timestamp, a date, a number or text";
    case kFieldAmount: return numeric(t) ? nullptr : "expected a number or text";
    case kFieldSentiment: return integral(t) || t == kNumeric ? nullptr : "expected an integer or text";
    default: return nullptr;
  }
}

// SHA-256 through OpenSSL, as InputStream hashes files.
class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("sha256 init failed");
  }
  void update(std::string_view bytes) {
    if (!bytes.empty() && EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()) != 1)
      throw std::runtime_error("sha256 failed");
  }
  std::string hex() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx_.get(), out, &len) != 1) throw std::runtime_error("sha256 failed");
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s;
    for (unsigned int i = 0; i < len; ++i) {
      s.push_back(kDigits[out[i] >> 4]);
      s.push_back(kDigits[out[i] & 15]);
    }
    return s;
  }

 private:
  struct Free {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  std::unique_ptr<EVP_MD_CTX, Free> ctx_;
};

}  // namespace

bool is_postgres_uri(std::string_view s) { return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0; }

std::string redact_connection_string(std::string_view uri) {
  std::string out(uri);
  // The authority's "user:password@".
  const std::size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const std::size_t start = scheme + 3;
    const std::size_t end = out.find_first_of("/?", start);
    const std::size_t at = out.rfind('@', end == std::string::npos ? std::string::npos : end);
    if (at != std::string::npos && at >= start) {
      const std::size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  // "password=..." among the parameters.
  const std::size_t query = out.find('?');
  if (query != std::string::npos) {
    std::string params = out.substr(query + 1), kept;
    std::size_t pos = 0;
    while (pos <= params.size()) {
      std::size_t end = params.find('&', pos);
      if (end == std::string::npos) end = params.size();
      const std::string p = params.substr(pos, end - pos);
      if (p.rfind("password=", 0) != 0 && !p.empty()) kept += (kept.empty() ? "" : "&") + p;
      pos = end + 1;
    }
    out = out.substr(0, query) + (kept.empty() ? "" : "?" + kept);
  }
  return out;
}

EventLog read_postgres(const std::string& uri, const EventMapping& mapping, const ParseOptions& options,
                       ParseReport& report, std::string* rows_sha256, const Progress& progress) {
  const std::string name = redact_connection_string(uri);
  const std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(uri.c_str()), &PQfinish);
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK)
    throw std::runtime_error(name + ": cannot connect: " + server_message(conn.get(), nullptr));
  // One consistent snapshot of the data, read-only; times in a fixed form.
  exec(conn.get(), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", name);
  exec(conn.get(), "SET LOCAL TimeZone = 'UTC'", name);
  exec(conn.get(), "SET LOCAL DateStyle = 'ISO, YMD'", name);
  std::string sql = mapping.sql();
  while (!sql.empty() && (sql.back() == ';' || std::isspace(static_cast<unsigned char>(sql.back())))) sql.pop_back();
  // A server-side cursor: the result arrives in batches, never whole.
  exec(conn.get(), "DECLARE refnet_rows NO SCROLL CURSOR FOR " + sql, name);
  const std::string fetch = "FETCH FORWARD " + std::to_string(kSqlBatchRows) + " FROM refnet_rows";

  // The next batch is asked for before this one is converted, so that the
  // server reads and sends while the client parses.
  auto send_fetch = [&] {
    if (!PQsendQuery(conn.get(), fetch.c_str()))
      throw std::runtime_error(name + ": SQL error: " + server_message(conn.get(), nullptr));
  };
  auto wait_fetch = [&] {
    PGresult* r = PQgetResult(conn.get());
    while (PGresult* extra = PQgetResult(conn.get())) PQclear(extra);  // the end of the command
    auto result = std::make_unique<PgResult>(r);
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
      throw std::runtime_error(name + ": SQL error: " + server_message(conn.get(), r));
    return result;
  };
  EventLog log;
  Sha256 digest;
  std::string digest_input;  // one batch's values, as hashed
  std::unique_ptr<SqlRows> rows;
  SqlBatch batch;
  std::uint64_t next_row = 1;
  // Waiting for a batch and copying its values is the phase "read".
  using Clock = std::chrono::steady_clock;
  const auto since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  double read_seconds = 0;
  auto t = Clock::now();
  send_fetch();
  std::unique_ptr<PgResult> res = wait_fetch();
  read_seconds += since(t);
  while (true) {
    const int columns = PQnfields(res->r);
    if (!rows) {
      std::vector<std::string> names;
      for (int c = 0; c < columns; ++c) names.emplace_back(PQfname(res->r, c));
      rows = std::make_unique<SqlRows>(name, names, mapping, options, log, progress);
      for (int f = 0; f < kNumEventFields; ++f) {
        const int c = rows->index().index[f];
        if (c < 0) continue;
        const Oid t = PQftype(res->r, c);
        if (const char* expected = wrong_type(f, t))
          throw InputError(name, 0, 0, rows->place(1, c) + ": a column of type " + type_name(t) + " (" + expected +
                                           " for " + std::string(kEventFieldNames[f]) + ")");
      }
      batch.columns = static_cast<std::size_t>(columns);
    }
    const int n = PQntuples(res->r);
    if (n == 0) break;
    t = Clock::now();
    send_fetch();
    batch.clear(next_row);
    digest_input.clear();
    for (int r = 0; r < n; ++r)
      for (int c = 0; c < columns; ++c) {
        const bool null = PQgetisnull(res->r, r, c);
        const std::string_view value =
            null ? std::string_view{}
                 : std::string_view(PQgetvalue(res->r, r, c), static_cast<std::size_t>(PQgetlength(res->r, r, c)));
        batch.add(value);
        if (!rows_sha256) continue;
        if (null) digest_input.push_back('\xFF');
        else digest_input.append(value);
        digest_input.push_back('\0');
      }
    if (rows_sha256) digest.update(digest_input);
    res.reset();
    next_row += static_cast<std::uint64_t>(n);
    read_seconds += since(t);
    rows->add(batch, report);
    t = Clock::now();
    res = wait_fetch();
    read_seconds += since(t);
  }
  rows->add_read_seconds(read_seconds);
  exec(conn.get(), "CLOSE refnet_rows", name);
  exec(conn.get(), "COMMIT", name);
  rows->finish(report);
  if (rows_sha256) *rows_sha256 = digest.hex();
  return log;
}

}  // namespace refnet
