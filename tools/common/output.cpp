// What a tool shows and writes: notes and progress on stderr, output to -o
// (atomically) or stdout, the envelope, and exceptions turned into exit codes.
#include <common/cli.hpp>
#include <common/progress_bar.hpp>

#include <refnet/parallel/cluster.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <stdexcept>

namespace refnet::tools {

// Under MPI, only rank 0 speaks and writes; the other ranks compute their share.
namespace {
bool lead_process() { return Cluster::world().rank() == 0; }
}  // namespace

void Cli::note(const std::string& message) const {
  if (!common_.quiet && lead_process()) std::cerr << tool_ << ": " << message << "\n";
}

nlohmann::json Cli::envelope(const LoadedInput* input, nlohmann::json params, nlohmann::json result) const {
  return make_envelope({tool_, common_.threads, common_.seed, seeded_}, input, std::move(params), sink_->times(),
                       std::move(result));
}

namespace {
// The OutputSet of the running guarded_main.
OutputSet* current_outputs = nullptr;
}  // namespace

OutputSet& Cli::outputs() const {
  if (!current_outputs) throw std::logic_error("refnet: a tool's Cli used outside guarded_main");
  return *current_outputs;
}

void Cli::declare_output(const std::string& path, const std::string& option) const {
  outputs().declare(path, option);
  for (const std::string& w : outputs().take_warnings()) note("warning: " + w);
}

void Cli::write(const std::string& content) const {
  if (!lead_process()) return;
  outputs().write(common_.output, [&](std::ostream& out) {
    out << content;
    if (!content.empty() && content.back() != '\n') out << '\n';
  });
}

void Cli::write_stream(const std::function<void(std::ostream&)>& fill) const {
  if (!lead_process()) return;
  outputs().write(common_.output, fill);
}

int guarded_main(const std::string& tool, const std::function<int()>& body) {
  const Cluster::Session session;  // MPI, when launched by mpirun or srun
  auto fail = [&](const std::string& prefix, const std::string& what, int code) {
    const Cluster& world = Cluster::world();
    std::cerr << tool << ": " << prefix << what;
    if (world.distributed() && world.rank() > 0) std::cerr << " (rank " << world.rank() << ")";
    std::cerr << (code == kExitUsage ? " (see --help)\n" : "\n");
    // A failing rank must not leave the others waiting in a collective.
    if (world.distributed()) world.abort(code);
    return code;
  };
  try {
    OutputSet outputs;  // discarded (temporary files removed) unless committed
    struct Current {
      explicit Current(OutputSet* o) { current_outputs = o; }
      ~Current() { current_outputs = nullptr; }
    } current(&outputs);
    const int code = body();
    if (code == kExitOk) outputs.commit();
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout))
      throw std::runtime_error("cannot write standard output");
    return code;
  } catch (const InputError& e) {
    return fail("error: ", e.what(), kExitInput);
  } catch (const UsageError& e) {
    return fail("usage error: ", e.what(), kExitUsage);
  } catch (const po::error& e) {
    return fail("usage error: ", e.what(), kExitUsage);
  } catch (const std::bad_alloc&) {
    return fail("error: ", "out of memory", kExitRuntime);
  } catch (const std::exception& e) {
    return fail("error: ", e.what(), kExitRuntime);
  }
}

}  // namespace refnet::tools
