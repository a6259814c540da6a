// The options that choose a diffusion model (refnet spread, refnet seeds), and
// user lists given on the command line.
#pragma once

#include <common/cli.hpp>

#include <refnet/algo/influence_graph.hpp>
#include <refnet/events/id_table.hpp>
#include <refnet/parallel/cluster.hpp>

#include <string>
#include <vector>

namespace refnet::tools {

// --model, --probability, --p, --strength-scale, --ties.
void add_influence_options(Cli& cli);
// The parsed options; the trivalency hash takes the run's --seed.
InfluenceModelParams influence_params(const Cli& cli);

// "a,b,c" -> dense ids; an id the network does not know is a usage error
// naming it (nothing the user gave is dropped silently).
std::vector<VertexId> users_from_list(const IdTable& users, const std::string& list, const std::string& option);

}  // namespace refnet::tools
