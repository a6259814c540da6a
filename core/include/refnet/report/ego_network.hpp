// A user's ego network (`refnet user NET ID --export FORMAT --radius R`): the
// users within R hops of them, and every tie and acquisition among those users,
// as a Network of its own that the exporters of io/export.hpp write.
//
// Hops follow the edges of the exported network (word-of-mouth ties, referral
// edges, or both) in either direction, as networkx's
// ego_graph(G, u, radius, undirected=True): who they talk to and who talks to
// them, who brought them in and whom they brought in. The sub-network is the
// induced one: all ties between two members, none to anyone else. Members keep
// their user ids and their order in the whole network; each speaker's ties keep
// their order by strength, and `dunbar_rank` their Dunbar rank in the whole
// network (a member's strongest tie inside may be their 7th overall). A
// referral from outside the ego network leaves the member unacquired in it.
// O(size of the R-hop ball and its ties) after an O(n) mark array.
#pragma once

#include <refnet/events/network.hpp>

#include <cstdint>
#include <vector>

namespace refnet {

enum class EgoEdges : std::uint8_t { kWom, kReferral, kBoth };

struct EgoNetwork {
  Network net;                              // the members' network
  std::vector<VertexId> members;            // member i is user members[i] of the whole network
  std::vector<std::uint32_t> dunbar_ranks;  // per tie of net.wom: its Dunbar rank in the whole network
  std::vector<std::uint32_t> hops;          // per member: hops from the ego (0 for the ego)
};

EgoNetwork ego_network(const Network& net, VertexId ego, std::uint32_t radius, EgoEdges edges);

}  // namespace refnet
