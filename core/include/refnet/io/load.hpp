// Loading what a user points a command at: a snapshot (recognised by its
// magic bytes) or one or more raw inputs, parsed and built on the fly.
#pragma once

#include <refnet/base/input_stream.hpp>
#include <refnet/base/progress.hpp>
#include <refnet/events/network.hpp>
#include <refnet/io/event_mapping.hpp>
#include <refnet/io/lines.hpp>
#include <refnet/io/parse_report.hpp>

#include <string>
#include <vector>

namespace refnet {

enum class InputFormat : std::uint8_t {
  kAuto,
  kEventsCsv,   // CSV or TSV with a header row
  kEventsJsonl,
  kSnap,        // u v [weight] [ts]
  kInf,         // u v p
  kNmHeader,    // first line "n m", then undirected "u v"
  kHiggs,       // a b ts RT|MT|RE, influence b -> a
  kCascades,    // user ts,user ts,...
  kGml,         // GML: graph [ node [ id N ] edge [ source N target N ] ]
  kSnapshot,
  kSqlite,      // a SQLite database file, read with --query or --table
  kPostgres,    // a postgresql:// URI, read with --query or --table
};
std::string_view to_string(InputFormat f);
InputFormat parse_input_format(std::string_view s);  // throws UsageError

// Which network-building options the user gave: on a snapshot those replace
// the ones it was built with (and the networks are rebuilt from its events),
// the others keep the snapshot's.
struct NetworkOptionsGiven {
  bool attribution = false;
  bool half_life = false;
  bool decay = false;
  bool at = false;
  bool any() const { return attribution || half_life || decay || at; }
};

struct LoadOptions {
  InputFormat format = InputFormat::kAuto;
  bool lenient = false;
  bool undirected = false;  // SNAP edge lists: add both directions
  bool verify = false;      // snapshots: also recompute the SHA-256 of the content (--verify)
  NetworkParams network;
  EventMapping mapping;  // how event tables map to refnet's fields (--columns, --types, ..., --query)
  std::size_t block_bytes = kDefaultBlockBytes;  // the unit of streaming (tests make it tiny); no effect on results
  NetworkOptionsGiven given;  // which of `network` the user set
  EventWindow window;         // --from, --to, --channel, --product
  // False: the word-of-mouth graph is not built (the command reads only the
  // events and the referral forest).
  bool need_wom = true;
  // --at without a window keeps the later events in the log (refnet build:
  // a snapshot holds every event, its networks as of --at).
  bool keep_all_events = false;
};

struct InputFileInfo {
  std::string path;
  std::string sha256;  // of the bytes on disk
  InputFormat format = InputFormat::kAuto;
  std::string format_reason;  // why auto-detection chose it
  std::string query;          // SQLite and PostgreSQL inputs: the SQL that was run ("" otherwise)
};

struct LoadedInput {
  std::vector<InputFileInfo> files;
  ParseReport report;
  Network network;
};

// The network parameters the options ask for over a network built with
// `stored`: the stored ones with every option the user gave in their place.
NetworkParams asked_params(const NetworkParams& stored, const LoadOptions& options);

// Loads a snapshot, or parses and builds the given raw inputs into one network.
// A postgresql:// URI is read from the server (io/sql_input.hpp), recorded
// without its password; a SQLite file is recognised by its header.
// Each path ("-": standard input; a FIFO or process substitution works) is
// opened once and read once, as a stream: detection looks at its first MiB,
// the parser reads on from there. A snapshot that is not a plain regular file
// (a pipe, gzip) is copied to a temporary file in $TMPDIR and loaded from there.
// Event logs report the phases read, parse, intern (each added up over the
// inputs' blocks), sort and networks.
LoadedInput load_input(const std::vector<std::string>& paths, const LoadOptions& options, const Progress& progress = {});
// The same over inputs already open (InputStream::from_bytes in tests and fuzzers).
LoadedInput load_streams(std::vector<InputStream> inputs, const LoadOptions& options, const Progress& progress = {});

}  // namespace refnet
