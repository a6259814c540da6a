// How long-running work tells its caller where it is: named phases, each
// timed, and the fraction done within the current one. The library never
// prints; the caller's Sink decides what to do (a bar on a terminal, one note
// per phase, the envelope's `timings`). A default Progress reports nowhere and
// costs a null check.
//
// Convention: a function that can run for more than a moment takes
// `const Progress& progress = {}` as its last parameter, opens its stages as
// nested phases and reports fractions from the thread that coordinates the
// work (the sink is told, not asked, and must be thread-safe when a function
// documents that it reports from workers).
//
//   SeedsResult select_seeds(const InfluenceGraph& g, const SeedsParams& p, const Progress& progress) {
//     { const Progress::Phase pilot = progress.phase("pilot"); ... pilot.advance(0.5); ... }
//     const Progress::Phase greedy = progress.phase("greedy"); ...
//   }
//
// Phase names nest with dots: phase "sampling" of a Progress named "seeds" is
// reported as "seeds.sampling".
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace refnet {

class Progress {
 public:
  class Sink {
   public:
    virtual ~Sink() = default;
    virtual void phase_started(const std::string& /*name*/) {}
    // `fraction` in [0, 1] of phase `name`.
    virtual void advanced(const std::string& /*name*/, double /*fraction*/) {}
    virtual void phase_finished(const std::string& /*name*/, double /*seconds*/) {}
  };
  class Phase;
  class Steps;

  Progress() = default;
  // Reports to `sink` (which must outlive every copy) under the name `name`
  // (empty: phases are reported by their own names).
  explicit Progress(Sink* sink, std::string name = {}) : sink_(sink), name_(std::move(name)) {}

  // Starts the nested phase `name`, timed until the returned Phase ends.
  [[nodiscard]] Phase phase(std::string_view name) const;
  // Reports a nested phase that the caller timed itself (stretches named only
  // when they end, or repeated in a loop: a sink adds repeated times up).
  void record(std::string_view name, double seconds) const;
  // How far this progress's own phase is.
  void advance(double fraction) const {
    if (sink_) sink_->advanced(name_, fraction);
  }
  bool reporting() const { return sink_ != nullptr; }
  const std::string& name() const { return name_; }

 protected:
  Sink* sink_ = nullptr;
  std::string name_;
};

// A running phase: itself a Progress (its stages nest under it). Ends, and is
// timed, when destroyed or at end(), whichever comes first.
class Progress::Phase : public Progress {
 public:
  Phase(const Phase&) = delete;
  Phase& operator=(const Phase&) = delete;
  ~Phase() { end(); }
  void end();

 private:
  friend class Progress;
  friend class Steps;
  Phase(Sink* sink, std::string name);
  std::chrono::steady_clock::time_point start_;
  bool running_ = false;
};

// Consecutive phases of one stretch of work, each started by next(), which
// ends the one before:
//   Progress::Steps steps(progress);
//   parse(..., steps.next("parse"));
//   sort(..., steps.next("sort"));
class Progress::Steps {
 public:
  explicit Steps(const Progress& parent) : parent_(parent) {}
  Steps(const Steps&) = delete;
  Steps& operator=(const Steps&) = delete;
  ~Steps() { end(); }
  // The new running phase, to hand to the work it times.
  const Progress& next(std::string_view name);
  void end() { current_.reset(); }

 private:
  const Progress& parent_;
  std::unique_ptr<Phase> current_;
};

// A Sink that keeps the wall time of every finished phase, in the order they
// first finished, a repeated phase's times added up: the envelope's `timings`.
class PhaseTimes : public Progress::Sink {
 public:
  void phase_finished(const std::string& name, double seconds) override;
  const std::vector<std::pair<std::string, double>>& done() const { return done_; }

 private:
  std::vector<std::pair<std::string, double>> done_;
};

}  // namespace refnet
