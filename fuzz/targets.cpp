#include "targets.hpp"

#include <refnet/base/error.hpp>
#include <refnet/base/input_stream.hpp>
#include <refnet/events/network.hpp>
#include <refnet/io/event_parser.hpp>
#include <refnet/io/gml.hpp>
#include <refnet/io/graph_parser.hpp>
#include <refnet/io/labels.hpp>
#include <refnet/io/lines.hpp>
#include <refnet/io/load.hpp>
#include <refnet/io/snapshot.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>

namespace refnet::fuzz {
namespace {

// Block sizes a case may stream in: tiny ones put a block end inside every line.
constexpr std::size_t kBlockSizes[] = {1, 2, 3, 7, 64, 4096, kDefaultBlockBytes, kDefaultBlockBytes};

struct Case {
  ParseOptions options;
  unsigned flags = 0;  // target-specific, 4 bits
  std::string text;
};

Case split(const std::uint8_t* data, std::size_t size) {
  Case c;
  if (size == 0) return c;
  const std::uint8_t b = data[0];
  c.options.lenient = (b & 1) != 0;
  c.options.block_bytes = kBlockSizes[(b >> 1) & 7];
  c.flags = b >> 4;
  c.text.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  return c;
}

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "refnet fuzz finding: %s\n", what.c_str());
  std::abort();
}

void require(bool ok, const std::string& what) {
  if (!ok) finding(what);
}

std::string digest(const ParseReport& r) {
  std::ostringstream s;
  s << "rows " << r.rows << " lines " << r.lines << " skipped " << r.skipped;
  for (const auto& e : r.first_skipped) s << "\n  skipped: " << e;
  for (const auto& w : r.warnings) s << "\n  warning: " << w;
  return s.str();
}

std::string digest(const IdTable& ids) {
  std::string s = std::to_string(ids.size()) + " ids:";
  for (std::uint32_t i = 0; i < ids.size(); ++i) s.append(" ").append(ids.name(i));
  return s;
}

std::string digest(const EventLog& log) {
  std::ostringstream s;
  s << digest(log.users) << "\n" << digest(log.products) << "\n" << digest(log.channels) << "\n";
  for (const Event& e : log.events) {
    require(e.src < log.users.size(), "event src out of range");
    require(e.dst == kNone || e.dst < log.users.size(), "event dst out of range");
    require(e.product == kNone || e.product < log.products.size(), "event product out of range");
    require(e.channel == kNone || e.channel < log.channels.size(), "event channel out of range");
    s << static_cast<int>(e.type) << ' ' << e.ts << ' ' << e.src << ' ' << e.dst << ' ' << e.product << ' '
      << e.channel << ' ' << e.amount << ' ' << static_cast<int>(e.sentiment) << '\n';
  }
  return s.str();
}

std::string digest(const EdgeListInput& g) {
  std::ostringstream s;
  s << digest(g.ids) << "\nmeaning " << static_cast<int>(g.weight_meaning) << "\n";
  require(g.weights.empty() || g.weights.size() == g.edges.size(), "weights not parallel to edges");
  require(g.times.empty() || g.times.size() == g.edges.size(), "times not parallel to edges");
  for (std::size_t i = 0; i < g.edges.size(); ++i) {
    require(g.edges[i].src < g.ids.size() && g.edges[i].dst < g.ids.size(), "edge end out of range");
    s << g.edges[i].src << ' ' << g.edges[i].dst;
    if (!g.weights.empty()) s << ' ' << g.weights[i];
    if (!g.times.empty()) s << ' ' << g.times[i];
    s << '\n';
  }
  return s.str();
}

std::string digest(const Network& net) {
  std::ostringstream s;
  s << digest(net.log.users) << "\nedges " << net.wom.num_edges() << "\n";
  for (EdgeId e = 0; e < net.wom.num_edges(); ++e) {
    require(net.wom.target(e) < net.num_users(), "tie target out of range");
    s << net.wom.target(e) << ' ' << net.wom.weight(e) << '\n';
  }
  s << "cascades " << net.cascades.size() << " events " << net.log.events.size();
  return s.str();
}

// Runs `parse(stream, options)` streaming in the case's blocks and in one
// block; both must give the same digest, or the same InputError.
void differential(const Case& c, const std::string& name, const std::function<std::string(InputStream&, const ParseOptions&)>& parse) {
  auto run = [&](std::size_t block) {
    ParseOptions o = c.options;
    o.block_bytes = block;
    InputStream in = InputStream::from_bytes(c.text, name);
    try {
      return "ok\n" + parse(in, o);
    } catch (const InputError& e) {
      return std::string("input error: ") + e.what();
    }
  };
  const std::string small = run(c.options.block_bytes);
  const std::string large = run(kDefaultBlockBytes);
  if (small != large)
    finding("the block size changes the result\n--- blocks of " + std::to_string(c.options.block_bytes) + ":\n" +
            small + "\n--- one block:\n" + large);
}

// An in-memory file with a path, for the readers that take paths.
class MemFile {
 public:
  explicit MemFile(const std::string& bytes) : fd_(::memfd_create("refnet-fuzz", 0)) {
    if (fd_ < 0) finding("memfd_create failed");
    for (std::size_t done = 0; done < bytes.size();) {
      const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n <= 0) finding("memfd write failed");
      done += static_cast<std::size_t>(n);
    }
  }
  ~MemFile() { ::close(fd_); }
  std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

 private:
  int fd_;
};

void run_csv(const std::uint8_t* data, std::size_t size) {
  const Case c = split(data, size);
  differential(c, "f.csv", [](InputStream& in, const ParseOptions& o) {
    ParseReport report;
    EventLog log = parse_event_csv(in, o, report);
    const std::string d = digest(log) + digest(report);
    (void)build_network(std::move(log), {});
    return d;
  });
}

void run_jsonl(const std::uint8_t* data, std::size_t size) {
  const Case c = split(data, size);
  differential(c, "f.jsonl", [](InputStream& in, const ParseOptions& o) {
    ParseReport report;
    EventLog log = parse_event_jsonl(in, o, report);
    const std::string d = digest(log) + digest(report);
    (void)build_network(std::move(log), {});
    return d;
  });
}

void run_snap(const std::uint8_t* data, std::size_t size) {
  const Case c = split(data, size);
  SnapColumns cols;
  cols.weight = (c.flags & 1) != 0;
  cols.time = (c.flags & 2) != 0;
  cols.comma = (c.flags & 4) != 0;
  const bool decide = (c.flags & 8) != 0;
  const bool undirected = cols.weight && cols.time;  // a spare combination of bits
  differential(c, "f.txt", [&](InputStream& in, const ParseOptions& o) {
    ParseReport report;
    SnapReading reading;
    const EdgeListInput g =
        parse_snap(in, cols, undirected, decide ? FirstLine::kDecide : FirstLine::kEdge, o, report, &reading);
    return digest(g) + digest(report) + (reading.nm_form ? "nm " : "") + (reading.header_skipped ? "skipped " : "") +
           reading.reason;
  });
}

void run_inf(const std::uint8_t* data, std::size_t size) {
  const Case c = split(data, size);
  differential(c, "f.inf", [](InputStream& in, const ParseOptions& o) {
    ParseReport report;
    return digest(parse_inf(in, o, report)) + digest(report);
  });
}

void run_nm(const std::uint8_t* data, std::size_t size) {
  const Case c = split(data, size);
  differential(c, "f.txt", [](InputStream& in, const ParseOptions& o) {
    ParseReport report;
    return digest(parse_nm_header(in, o, report)) + digest(report);
  });
}

void run_higgs(const std::uint8_t* data, std::size_t size) {
  const Case c = split(data, size);
  differential(c, "f.txt", [](InputStream& in, const ParseOptions& o) {
    ParseReport report;
    EventLog log = parse_higgs(in, o, report);
    const std::string d = digest(log) + digest(report);
    (void)build_network(std::move(log), {});
    return d;
  });
}

void run_cascades(const std::uint8_t* data, std::size_t size) {
  const Case c = split(data, size);
  differential(c, "f.txt", [](InputStream& in, const ParseOptions& o) {
    ParseReport report;
    const CascadeInput cascades = parse_cascades(in, o, report);
    std::string d = digest(cascades.ids) + digest(report);
    for (const Cascade& k : cascades.cascades) {
      require(k.users.size() == k.times.size(), "cascade users and times differ in length");
      for (const VertexId u : k.users) {
        require(u < cascades.ids.size(), "cascade user out of range");
        d += ' ' + std::to_string(u);
      }
      d += '\n';
    }
    return d;
  });
}

void run_gml(const std::uint8_t* data, std::size_t size) {
  const Case c = split(data, size);
  InputStream in = InputStream::from_bytes(c.text, "f.gml");
  try {
    ParseReport report;
    const GmlInput g = parse_gml(in, report);
    (void)digest(g.graph);
    for (const auto& [key, values] : g.node_attributes)
      require(values.size() == g.graph.ids.size(), "attribute column not one value per node");
  } catch (const InputError&) {
  }
}

// gzip: read back through every path (blocks, lines, bytes), capped so that a
// bomb is not a timeout; all must agree.
void run_gzip(const std::uint8_t* data, std::size_t size) {
  Case c = split(data, size);
  if (c.text.size() < 2 || c.text[0] != '\x1f' || c.text[1] != '\x8b') c.text.insert(0, "\x1f\x8b");
  constexpr std::size_t kCap = std::size_t{16} << 20;
  auto read_blocks = [&](std::size_t block) {
    InputStream in = InputStream::from_bytes(c.text, "f.gz");
    std::string out;
    try {
      TextBlock b;
      while (out.size() < kCap && in.next_block(b, block)) {
        require(b.offset == out.size(), "block offset does not follow the previous block");
        out += b.text;
      }
      if (out.size() < kCap) out += "\nsha " + in.sha256();
    } catch (const InputError& e) {
      out += std::string("\nerror: ") + e.what();
    }
    return out;
  };
  auto read_bytes = [&] {
    InputStream in = InputStream::from_bytes(c.text, "f.gz");
    std::string out;
    try {
      char buf[4096];
      std::size_t n;
      while (out.size() < kCap && (n = in.read(buf, sizeof buf)) > 0) out.append(buf, n);
      if (out.size() < kCap) out += "\nsha " + in.sha256();
    } catch (const InputError& e) {
      out += std::string("\nerror: ") + e.what();
    }
    return out;
  };
  const std::string a = read_blocks(c.options.block_bytes);
  const std::string b = read_bytes();
  // Reads stop at the cap at different points; and before an error, blocks
  // (whole lines only) may have seen less than bytes: then the error must be
  // the same and what the blocks saw a prefix of what the bytes saw.
  const std::size_t ea = a.rfind("\nerror: "), eb = b.rfind("\nerror: ");
  bool same;
  if (ea != std::string::npos || eb != std::string::npos)
    same = ea != std::string::npos && eb != std::string::npos && a.substr(ea) == b.substr(eb) &&
           b.compare(0, ea, a, 0, ea) == 0;
  else if (a.size() < kCap && b.size() < kCap)
    same = a == b;
  else
    same = a.compare(0, kCap, b, 0, kCap) == 0;
  if (!same) finding("gzip: blocks and bytes differ\n--- blocks:\n" + a.substr(0, 2000) + "\n--- bytes:\n" + b.substr(0, 2000));
}

// The whole of load_input (detection included) on one input, by name.
void run_load(const std::uint8_t* data, std::size_t size) {
  const Case c = split(data, size);
  static const char* const kNames[] = {"in.txt", "in.inf", "in.gml", "in.csv.gz", "in.jsonl", "in.txt", "in.edges", "in"};
  const std::string name = kNames[c.flags & 7];
  auto run = [&](std::size_t block) {
    LoadOptions o;
    o.lenient = c.options.lenient;
    o.undirected = (c.flags & 8) != 0;
    o.block_bytes = block;
    std::vector<InputStream> inputs;
    inputs.push_back(InputStream::from_bytes(c.text, name));
    try {
      const LoadedInput in = load_streams(std::move(inputs), o);
      std::string d = "ok\n" + digest(in.network) + digest(in.report);
      for (const auto& f : in.files) d += "\n" + std::string(to_string(f.format)) + ": " + f.format_reason;
      return d;
    } catch (const InputError& e) {
      return std::string("input error: ") + e.what();
    } catch (const UsageError& e) {
      return std::string("usage error: ") + e.what();
    }
  };
  const std::string small = run(c.options.block_bytes);
  const std::string large = run(kDefaultBlockBytes);
  if (small != large) finding("the block size changes the result\n--- small:\n" + small + "\n--- one block:\n" + large);
}

// The snapshot loader, on bytes that start with the magic more often than not.
// Most inputs are resealed first (every checksum and the SHA-256 recomputed),
// so that a mutation reaches the structural checks instead of the checksums:
// whatever a crafted snapshot holds, loading it is an InputError or a network
// that every digest can walk. `refnet check`'s deeper checks run too, and load
// and check must agree on what they accept.
void run_snapshot(const std::uint8_t* data, std::size_t size) {
  std::string image(reinterpret_cast<const char*>(data), size);
  if (size % 4 != 0) {
    try {
      reseal_snapshot(image);
    } catch (const InputError&) {
    }
  }
  const MemFile file(image);
  bool loaded = false;
  try {
    const Network net = load_snapshot(file.path(), {.verify = size % 2 == 0});
    (void)digest(net);
    loaded = true;
  } catch (const InputError&) {
  }
  try {
    Network checked;
    (void)check_snapshot(file.path(), &checked);
    require(loaded, "refnet check accepts a snapshot that loading refuses");
    (void)digest(checked);
  } catch (const InputError&) {
  }
}

void run_labels(const std::uint8_t* data, std::size_t size) {
  const Case c = split(data, size);
  const MemFile file(c.text);
  try {
    const NodeLabels labels = read_ground_truth(file.path(), "");
    IdTable ids;
    for (int i = 0; i < 8; ++i) ids.intern(std::to_string(i));
    const VertexLabels v = labels_by_vertex(ids, labels);
    require(v.label.size() == ids.size(), "labels not one per vertex");
  } catch (const InputError&) {
  }
}

constexpr Target kTargets[] = {
    {"csv", &run_csv},       {"jsonl", &run_jsonl},   {"snap", &run_snap},         {"inf", &run_inf},
    {"nm", &run_nm},         {"higgs", &run_higgs},   {"cascades", &run_cascades}, {"gml", &run_gml},
    {"gzip", &run_gzip},     {"load", &run_load},     {"snapshot", &run_snapshot}, {"labels", &run_labels},
};

}  // namespace

std::span<const Target> targets() { return kTargets; }

const Target* find_target(std::string_view name) {
  for (const Target& t : kTargets)
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace refnet::fuzz
