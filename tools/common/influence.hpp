// The options that choose a diffusion model (refnet spread, refnet seeds).
#pragma once

#include <common/cli.hpp>

#include <refnet/algo/influence/influence_graph.hpp>
#include <refnet/parallel/cluster.hpp>

#include <string>
#include <vector>

namespace refnet::tools {

// --model, --probability, --p, --strength-scale, --ties.
void add_influence_options(Cli& cli);
// The parsed options; the trivalency hash takes the run's --seed.
InfluenceModelParams influence_params(const Cli& cli);

}  // namespace refnet::tools
