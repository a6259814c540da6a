// What a person sees while a command runs: one note per phase of a second or
// more when stderr is not a terminal, a live line on a terminal, nothing when
// quiet; every phase timed for the envelope in all three cases.
#include <common/progress_bar.hpp>

#include <catch2/catch.hpp>

#include <iostream>
#include <sstream>
#include <thread>

using refnet::Progress;
using refnet::tools::ProgressBar;

namespace {
// Captures std::cerr while alive.
class CaptureStderr {
 public:
  CaptureStderr() : old_(std::cerr.rdbuf(buffer_.rdbuf())) {}
  ~CaptureStderr() { std::cerr.rdbuf(old_); }
  std::string text() const { return buffer_.str(); }

 private:
  std::ostringstream buffer_;
  std::streambuf* old_;
};
}  // namespace

TEST_CASE("without a terminal, a phase of a second or more gets one note", "[progress]") {
  CaptureStderr err;
  ProgressBar bar;
  bar.set_mode(ProgressBar::Mode::kNotes, "refnet analyze");
  bar.phase_started("load");
  bar.phase_finished("load", 3.24);
  bar.phase_started("rank");
  bar.phase_started("rank.reach");
  bar.advanced("rank.reach", 0.5);
  bar.phase_finished("rank.reach", 0.2);  // too short for a note
  bar.phase_finished("rank", 1.0);
  CHECK(err.text() == "refnet analyze: load 3.2 s\nrefnet analyze: rank 1.0 s\n");
  REQUIRE(bar.times().done().size() == 3);
  CHECK(bar.times().done()[0].first == "load");
}

TEST_CASE("on a terminal, a running phase is redrawn with its percent and time", "[progress]") {
  CaptureStderr err;
  {
    ProgressBar bar;
    bar.set_mode(ProgressBar::Mode::kTerminal, "refnet build");
    Progress root(&bar);
    {
      const Progress::Phase parse = root.phase("parse");
      parse.advance(0.4);
      std::this_thread::sleep_for(std::chrono::milliseconds(900));  // past the half-second threshold
    }
    const Progress::Phase quick = root.phase("save");  // ends before it is shown
  }
  const std::string text = err.text();
  CHECK(text.find("\rrefnet build: parse [########            ]  40%") != std::string::npos);
  // The final line: 100% and a newline.
  CHECK(text.find("100%") != std::string::npos);
  CHECK(text.back() == '\n');
  CHECK(text.find("save") == std::string::npos);
}

TEST_CASE("quiet shows nothing and still times every phase", "[progress]") {
  CaptureStderr err;
  ProgressBar bar;
  bar.set_mode(ProgressBar::Mode::kSilent, "refnet info");
  Progress root(&bar);
  { const Progress::Phase p = root.phase("load"); }
  root.record("cached", 5.0);
  CHECK(err.text().empty());
  REQUIRE(bar.times().done().size() == 2);
  CHECK(bar.times().done()[1] == std::pair<std::string, double>("cached", 5.0));
}
