#include <refnet/base/progress.hpp>

namespace refnet {

Progress::Phase Progress::phase(std::string_view name) const {
  if (!sink_) return Phase(nullptr, {});
  std::string full = name_.empty() ? std::string(name) : name_ + "." + std::string(name);
  return Phase(sink_, std::move(full));
}

void Progress::record(std::string_view name, double seconds) const {
  if (!sink_) return;
  sink_->phase_finished(name_.empty() ? std::string(name) : name_ + "." + std::string(name), seconds);
}

Progress::Phase::Phase(Sink* sink, std::string name) : Progress(sink, std::move(name)) {
  if (!sink_) return;
  running_ = true;
  start_ = std::chrono::steady_clock::now();
  sink_->phase_started(name_);
}

void Progress::Phase::end() {
  if (!running_) return;
  running_ = false;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  sink_->phase_finished(name_, seconds);
}

const Progress& Progress::Steps::next(std::string_view name) {
  current_.reset();
  if (!parent_.sink_) {
    current_.reset(new Phase(nullptr, {}));
  } else {
    current_.reset(new Phase(parent_.sink_, parent_.name_.empty() ? std::string(name) : parent_.name_ + "." + std::string(name)));
  }
  return *current_;
}

void PhaseTimes::phase_finished(const std::string& name, double seconds) {
  for (auto& [done, total] : done_)
    if (done == name) {
      total += seconds;
      return;
    }
  done_.emplace_back(name, seconds);
}

}  // namespace refnet
