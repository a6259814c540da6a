// The two networks built from an input (DESIGN.md section 2), and what a
// snapshot stores: the event log with its id tables, the word-of-mouth graph,
// the referral acquisition forest, cascades read from cascade files, and the
// facts about how the network was built.
#pragma once

#include <refnet/events/event_log.hpp>
#include <refnet/events/window.hpp>
#include <refnet/graph/csr_graph.hpp>
#include <refnet/graph/ties.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace refnet {

enum class Attribution : std::uint8_t { kFirstTouch, kLastTouch };

struct NetworkParams {
  Attribution attribution = Attribution::kFirstTouch;
  double half_life_days = 90.0;
  bool decay = true;  // false: tie strength counts events
  // Analysis time T (unix seconds); NaN means "the last event's time".
  double analysis_time = std::numeric_limits<double>::quiet_NaN();
  void validate() const;
  // The same ties from the same events: attribution, half-life and decay
  // agree (the analysis time may differ).
  bool same_tie_model(const NetworkParams& o) const {
    return attribution == o.attribution && half_life_days == o.half_life_days && decay == o.decay;
  }
};

// A timestamp problem found while building the referral forest.
struct Anomaly {
  enum class Kind : std::uint8_t {
    kCycle,  // the referral would close a cycle of acquisitions; it was not attributed
  };
  Kind kind;
  VertexId referrer;
  VertexId referee;
  double ts;
};
std::string_view to_string(Anomaly::Kind k);

// The acquisition forest: parent[v] is the referrer who acquired v, or
// kNoVertex for a user who came on their own (a root) or was never acquired.
struct ReferralForest {
  std::vector<VertexId> parent;
  std::vector<double> acquired_at;  // first signup/purchase; NaN when none
  std::vector<double> referred_at;  // time of the attributed referral; NaN when none
  std::uint64_t referrals = 0;         // all referral events
  std::uint64_t acquisitions = 0;      // referrals that became forest edges
  std::uint64_t re_referrals = 0;      // referrals naming a user already acquired
  std::uint64_t competing_referrals = 0;  // earlier/later touches not attributed
  std::uint64_t unconverted_referrals = 0;  // referee never signed up or bought
  std::uint64_t self_referrals = 0;
  std::vector<Anomaly> anomalies;

  bool is_acquired(VertexId v) const { return parent[v] != kNoVertex; }
  // Sizes the arrays for n users, none of them joined or acquired.
  void clear(std::size_t n);
};

// A cascade read from a cascade file: adopters in adoption order.
struct Cascade {
  std::vector<VertexId> users;
  std::vector<double> times;
};

enum class InputKind : std::uint8_t { kEvents, kGraph, kCascades };
std::string_view to_string(InputKind k);  // "events", "graph", "cascades"

struct BuildInfo {
  InputKind kind = InputKind::kEvents;
  double analysis_time = 0;
  NetworkParams params;
  std::array<std::uint64_t, kNumEventTypes> events_per_type{};
  std::uint64_t self_ties_ignored = 0;     // WOM events / edges from a user to themselves
  std::uint64_t parallel_edges_merged = 0; // graph inputs: duplicate u->v rows combined
  std::uint64_t events_after_analysis_time = 0;  // not part of the WOM network
  std::string weight_meaning;  // "strength", "probability", "count" or "none"
  // Set when the network was built over a window of the events (--at, --from,
  // --to, --channel, --product): what it kept and what it left out.
  bool windowed = false;
  EventWindow window;
  WindowCounts window_counts;
};

struct Network {
  EventLog log;  // users table always; events only for event-log inputs
  Graph wom;     // speaker -> listener; out-edges of each user ordered by strength
  ReferralForest referral;
  std::vector<Cascade> cascades;
  BuildInfo info;

  VertexId num_users() const { return log.users.size(); }
  // 1-based rank of edge e among its source's ties by strength (Dunbar rank).
  std::uint32_t dunbar_rank(EdgeId e) const { return e - wom.out_begin(wom.source(e)) + 1; }
};

// Builds both networks from an event log (sorted by time here if it is not).
// `with_wom` false leaves the word-of-mouth graph without ties (for analyses
// that read only the events and the referral forest, such as trust tiers).
Network build_network(EventLog log, const NetworkParams& params, bool with_wom = true);

// The networks over the events that `window` keeps (and that params'
// analysis_time, when set, does not exclude): window_log, then
// build_network, the counts of what was left out in info.window_counts.
Network build_network_over(const EventLog& log, const NetworkParams& params, const EventWindow& window,
                           bool with_wom = true);

}  // namespace refnet
