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
// Refuses --p and --strength-scale when the probabilities `g` was built with
// (auto resolved) do not use them.
void check_probability_options(const Cli& cli, const InfluenceGraph& g);

}  // namespace refnet::tools
